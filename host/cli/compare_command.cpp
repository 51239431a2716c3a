// `transformer-bench compare BASE NEW`: matches the cells of two results files and
// reports, per cell, whether the new run is significantly slower or faster, for
// people and for CI (--threshold sets the exit status). The statistics are in
// results/mann_whitney.h and results/comparison.h.
#include <cstdio>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "cli/command.h"
#include "report/compare_chart.h"
#include "report/compare_report.h"
#include "report/text_file.h"
#include "results/comparison.h"
#include "results/results_file.h"

namespace {

namespace po = boost::program_options;

constexpr int kExitRegression = 1;
constexpr int kExitUsage = 2;

void print_help(const po::options_description& options) {
  std::ostringstream text;
  text << options;
  std::printf(
      "Usage: transformer-bench compare BASE NEW [options]\n\n"
      "Compares two results files (JSON or JSON Lines, as written by 'run' or 'merge'). Cells are\n"
      "matched by model, backend, batch size, sequence length and threads. For each matched cell it\n"
      "prints both median forward times, their ratio new/base and a two-sided Mann-Whitney U test\n"
      "on the raw samples; cells found in one file only are listed after the table.\n\n"
      "Exit status: 0, or 1 with --threshold when a cell regressed; 2 for an invalid option or an\n"
      "unreadable file.\n\n%s",
      text.str().c_str());
}

int compare(const std::vector<std::string>& args) {
  po::options_description options("Options");
  // clang-format off
  options.add_options()
      ("help,h", "print this help")
      ("threshold", po::value<double>()->value_name("PERCENT"),
       "exit with status 1 when a cell is significantly slower (p < alpha) by more than PERCENT\n"
       "percent of the base median, or was ok in BASE and is not ok in NEW; for CI")
      ("alpha", po::value<double>()->default_value(0.05)->value_name("P"),
       "significance level of the test, between 0 and 1")
      ("plot", po::value<std::string>()->value_name("FILE.svg"),
       "draw the ratio new/base of every matched cell into FILE.svg");
  // clang-format on
  po::options_description positional_only;
  positional_only.add_options()("files", po::value<std::vector<std::string>>());
  po::options_description all;
  all.add(options).add(positional_only);
  po::positional_options_description positional;
  positional.add("files", -1);

  po::variables_map values;
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), values);
    po::notify(values);
  } catch (const po::error& error) {
    std::fprintf(stderr,
                 "transformer-bench compare: error: %s. Run 'transformer-bench compare --help' for the options.\n",
                 error.what());
    return kExitUsage;
  }
  if (values.count("help")) {
    print_help(options);
    return 0;
  }

  const std::vector<std::string> files =
      values.count("files") ? values["files"].as<std::vector<std::string>>() : std::vector<std::string>{};
  if (files.size() != 2) {
    std::fprintf(stderr, "transformer-bench compare: error: expected two results files, BASE and NEW, got %zu.\n",
                 files.size());
    return kExitUsage;
  }

  tb::CompareOptions compare_options;
  compare_options.alpha = values["alpha"].as<double>();
  if (values.count("threshold")) compare_options.threshold_percent = values["threshold"].as<double>();

  try {
    const tb::ResultsFile base = tb::read_results_file(files[0]);
    const tb::ResultsFile current = tb::read_results_file(files[1]);
    const tb::Comparison comparison = tb::compare_runs(base.result, current.result, compare_options);

    tb::write_compare_report(comparison, base, current, std::cout);
    std::cout.flush();
    if (values.count("plot")) {
      const std::string plot = values["plot"].as<std::string>();
      tb::write_text_file(plot, [&](std::ostream& out) { tb::write_compare_svg(comparison, out); });
      std::fprintf(stderr, "Wrote %s (chart)\n", plot.c_str());
    }
    return comparison.regressions() > 0 ? kExitRegression : 0;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "transformer-bench compare: error: %s\n", error.what());
    return kExitUsage;
  }
}

}  // namespace

TB_REGISTER_COMMAND(compare_command, "compare", "compare two results files cell by cell, with a significance test",
                    false, &compare);
