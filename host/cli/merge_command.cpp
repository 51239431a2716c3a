// `transformer-bench merge FILE...`: joins the results files of one matrix, usually
// the shards of a distributed run (`run --shard K/N`), into one report. The checks
// and the merged context are in results/merge.h.
#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "cli/command.h"
#include "report/output_options.h"
#include "results/merge.h"
#include "results/results_file.h"

namespace {

namespace po = boost::program_options;

constexpr int kExitError = 1;
constexpr int kExitUsage = 2;

void print_help(const po::options_description& options) {
  std::ostringstream text;
  text << options;
  std::printf(
      "Usage: transformer-bench merge FILE... [options]\n\n"
      "Joins results files (JSON or JSON Lines) of the same matrix config, such as the shards of\n"
      "'run --shard K/N', into one result with the cells in matrix order. Files of different\n"
      "configs (config_hash) or schema versions, or with a cell in common, are rejected.\n"
      "Without --output the merged report goes to standard output (default format: table); with\n"
      "--output it goes to the files, and to standard output only when --format is given.\n"
      "docs/distributed.md shows a whole distributed run.\n\n"
      "Exit status: 0; 1 when the files cannot be merged or read; 2 for an invalid option.\n\n%s",
      text.str().c_str());
}

int merge(const std::vector<std::string>& args) {
  po::options_description options("Options");
  options.add_options()("help,h", "print this help");
  tb::add_output_options(options);
  po::options_description positional_only;
  positional_only.add_options()("files", po::value<std::vector<std::string>>());
  po::options_description all;
  all.add(options).add(positional_only);
  po::positional_options_description positional;
  positional.add("files", -1);

  po::variables_map values;
  tb::OutputOptions output;
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), values);
    po::notify(values);
    output = tb::read_output_options(values);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "transformer-bench merge: error: %s. Run 'transformer-bench merge --help' for the options.\n",
                 error.what());
    return kExitUsage;
  }
  if (values.count("help")) {
    print_help(options);
    return 0;
  }
  if (!values.count("files")) {
    std::fprintf(stderr, "transformer-bench merge: error: no results files given.\n");
    return kExitUsage;
  }

  try {
    std::vector<tb::ResultsFile> files;
    size_t cell_count = 0;
    for (const std::string& path : values["files"].as<std::vector<std::string>>()) {
      files.push_back(tb::read_results_file(path));
      cell_count += files.back().result.cells.size();
    }
    const tb::RunResult merged = tb::merge_results(files);
    std::fprintf(stderr, "Merged %zu %s: %zu cells.\n", files.size(), files.size() == 1 ? "file" : "files",
                 cell_count);
    for (const std::string& warning : merged.context.warnings) std::fprintf(stderr, "warning: %s\n", warning.c_str());

    tb::write_output_files(merged, output);
    if (output.outputs.empty() || output.format) {
      tb::write_results(merged, output.format.value_or(tb::OutputFormat::kTable), std::cout);
    }
    return 0;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "transformer-bench merge: error: %s\n", error.what());
    return kExitError;
  }
}

}  // namespace

TB_REGISTER_COMMAND(merge_command, "merge", "join the results files of shards into one report", false, &merge);
