// The command-line options that choose where and how results are written, shared by
// `run` and `merge`: --format for standard output, repeatable --output FILE (format
// from the extension) and repeatable --plot FILE.svg.
#pragma once

#include <filesystem>
#include <optional>
#include <vector>

#include <boost/program_options.hpp>

#include "report/output_format.h"
#include "results/result.h"

namespace tb {

struct OutputOptions {
  std::optional<OutputFormat> format;  // --format; unset: the command's default
  std::vector<std::filesystem::path> outputs;
  std::vector<std::filesystem::path> plots;

  // The format of --output `path`: its extension's, or --format for an unknown
  // extension. Throws std::invalid_argument when neither decides.
  OutputFormat format_of(const std::filesystem::path& path) const;
};

// Adds --format, --output (-o) and --plot.
void add_output_options(boost::program_options::options_description& options);

// Reads the options added above and checks them, so a wrong extension fails before
// a long run rather than after it. Throws std::invalid_argument.
OutputOptions read_output_options(const boost::program_options::variables_map& values);

// Writes every --output file and --plot chart, and names each on stderr.
void write_output_files(const RunResult& result, const OutputOptions& options);

}  // namespace tb
