// --format, --output and --plot.
#include "report/output_options.h"

#include <cstdio>
#include <stdexcept>
#include <string>

#include "report/svg_chart.h"
#include "report/text_file.h"

namespace tb {

namespace po = boost::program_options;

OutputFormat OutputOptions::format_of(const std::filesystem::path& path) const {
  try {
    return format_from_extension(path);
  } catch (const std::invalid_argument& error) {
    if (format) return *format;
    throw;
  }
}

void add_output_options(po::options_description& options) {
  // clang-format off
  options.add_options()
      ("format", po::value<std::string>()->value_name("FORMAT"),
       "format of the report on standard output: table, markdown, csv, json or jsonl; also the "
       "format of an --output file whose extension names none")
      ("output,o", po::value<std::vector<std::string>>()->composing()->value_name("FILE"),
       "also write the results to FILE, in the format of its extension (.txt table, .md markdown, "
       ".csv, .json, .jsonl); may be repeated")
      ("plot", po::value<std::vector<std::string>>()->composing()->value_name("FILE.svg"),
       "draw the charts of the results into FILE.svg; may be repeated");
  // clang-format on
}

OutputOptions read_output_options(const po::variables_map& values) {
  OutputOptions options;
  if (values.count("format")) options.format = output_format_from_string(values["format"].as<std::string>());
  if (values.count("output")) {
    for (const std::string& path : values["output"].as<std::vector<std::string>>()) {
      options.outputs.emplace_back(path);
      options.format_of(options.outputs.back());  // throws now rather than after a long run
    }
  }
  if (values.count("plot")) {
    for (const std::string& path : values["plot"].as<std::vector<std::string>>()) {
      if (std::filesystem::path(path).extension() != ".svg") {
        throw std::invalid_argument("--plot " + path + ": the chart is SVG, so the file name must end in .svg");
      }
      options.plots.emplace_back(path);
    }
  }
  return options;
}

void write_output_files(const RunResult& result, const OutputOptions& options) {
  for (const std::filesystem::path& path : options.outputs) {
    const OutputFormat format = options.format_of(path);
    write_results_file(result, format, path);
    std::fprintf(stderr, "Wrote %s (%s)\n", path.c_str(), to_string(format).c_str());
  }
  for (const std::filesystem::path& path : options.plots) {
    write_text_file(path, [&](std::ostream& out) { write_svg_chart(result, out); });
    std::fprintf(stderr, "Wrote %s (chart)\n", path.c_str());
  }
}

}  // namespace tb
