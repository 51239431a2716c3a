// `transformer-bench run [CONFIG]`: discovers the plugins, prepares the matrix, runs
// every cell (each in a worker process unless --no-isolation), appends each result
// to a JSON Lines file as it finishes and prints the report to stdout. The steps of a
// cell and the report's figures are in host/bench/ and docs/report.md.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/program_options.hpp>

#include "bench/derived_metrics.h"
#include "bench/interrupt.h"
#include "bench/progress.h"
#include "bench/results_log.h"
#include "bench/run_context.h"
#include "bench/runner.h"
#include "bench/scratch_dir.h"
#include "cli/command.h"
#include "config/config_error.h"
#include "config/override_options.h"
#include "config/prepare_matrix.h"
#include "plugin/discovery.h"
#include "report/output_format.h"
#include "report/output_options.h"
#include "results/results_file.h"
#include "results/shard.h"
#include "system/machine.h"

namespace {

namespace fs = std::filesystem;
namespace po = boost::program_options;

constexpr int kExitCellsNotOk = 1;
constexpr int kExitUsage = 2;
constexpr int kExitInterrupted = 130;  // 128 + SIGINT, as shells report it

struct RunOptions {
  std::optional<fs::path> config_file;
  std::vector<std::string> plugin_dirs;
  bool isolation = true;
  std::optional<fs::path> resume_file;
  std::optional<fs::path> results_file;
  tb::ShardSpec shard;
  tb::OutputOptions output;  // --format, --output, --plot
};

void print_help(const po::options_description& options) {
  std::ostringstream text;
  text << options;
  std::printf(
      "Usage: transformer-bench run [CONFIG] [options]\n\n"
      "Benchmarks every cell (model x backend x batch size x sequence length x threads) of the\n"
      "matrix config CONFIG, or of the built-in default matrix (configs/default.yaml) without one.\n"
      "Each cell runs in a fresh worker process, so a backend that crashes or hangs fails only its\n"
      "own cell. Every finished cell is appended to a JSON Lines results file, so an interrupted run\n"
      "keeps what it measured and --resume continues it. The report goes to stdout (--format\n"
      "chooses its format), progress to stderr. docs/report.md defines every column of the table.\n\n"
      "Exit status: 0 when every cell is ok; 1 when a cell failed, crashed, timed out or its logits\n"
      "differ from the reference; 2 for an invalid config or option; 130 after Ctrl-C.\n\n%s",
      text.str().c_str());
}

po::options_description visible_options() {
  po::options_description options("Options");
  // clang-format off
  options.add_options()
      ("help,h", "print this help")
      ("plugin-dir", po::value<std::vector<std::string>>()->composing()->value_name("DIR"),
       "search DIR for backend plugins before the default folders; may be repeated")
      ("no-isolation",
       "run the cells inside this process instead of one worker process each: a backend that\n"
       "crashes then ends the whole run, a hung one is never killed, and the RSS column is less\n"
       "reliable, since a cell may reuse memory that earlier cells freed")
      ("results", po::value<std::string>()->value_name("FILE"),
       "append each finished cell to FILE (JSON Lines, created or truncated first); default:\n"
       "transformer-bench-results-<UTC date>-<time>.jsonl in the current folder")
      ("resume", po::value<std::string>()->value_name("FILE"),
       "continue the run that wrote FILE: cells already in FILE are not measured again, new\n"
       "ones are appended to it; the matrix must be the same (config hash check)")
      ("shard", po::value<std::string>()->value_name("K/N"),
       "run only shard K of N: the cells whose 0-based index i has i % N == K - 1");
  // clang-format on
  tb::add_override_options(options);
  tb::add_output_options(options);
  return options;
}

// Parses the command line. Returns an exit status when the command should stop
// (help or a usage error).
std::optional<int> parse_options(const std::vector<std::string>& args, RunOptions& run, po::variables_map& values) {
  po::options_description options = visible_options();
  po::options_description positional_only;
  positional_only.add_options()("config", po::value<std::string>());
  po::options_description all;
  all.add(options).add(positional_only);
  po::positional_options_description positional;
  positional.add("config", 1);

  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), values);
    po::notify(values);
    if (values.count("shard")) run.shard = tb::parse_shard(values["shard"].as<std::string>());
    run.output = tb::read_output_options(values);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "transformer-bench run: error: %s. Run 'transformer-bench run --help' for the options.\n",
                 error.what());
    return kExitUsage;
  }
  if (values.count("help")) {
    print_help(options);
    return 0;
  }

  if (values.count("config")) run.config_file = values["config"].as<std::string>();
  if (values.count("plugin-dir")) run.plugin_dirs = values["plugin-dir"].as<std::vector<std::string>>();
  run.isolation = values.count("no-isolation") == 0;
  if (values.count("resume")) run.resume_file = values["resume"].as<std::string>();
  if (values.count("results")) run.results_file = values["results"].as<std::string>();

  if (run.resume_file && run.results_file && *run.resume_file != *run.results_file) {
    std::fprintf(stderr,
                 "transformer-bench run: error: --resume %s already names the results file; drop --results %s.\n",
                 run.resume_file->c_str(), run.results_file->c_str());
    return kExitUsage;
  }
  return std::nullopt;
}

// Opens the results file: the resumed one (returning the cells it already holds in
// `reused`) or a new one.
tb::ResultsLog open_results(const RunOptions& run, const tb::RunContext& context, std::vector<tb::CellTask>& tasks,
                            std::vector<tb::CellResult>& reused) {
  if (run.resume_file) {
    if (tb::drop_partial_last_line(*run.resume_file)) {
      std::fprintf(stderr, "warning: %s ended in a partial line, left by a run killed while writing it; removed it\n",
                   run.resume_file->c_str());
    }
    const tb::ResultsFile previous = tb::read_results_file(*run.resume_file);
    tb::check_resume_compatible(previous.result.context, context.config_hash, *run.resume_file);
    tb::ResumePlan plan = tb::plan_resume(tasks, previous.result.cells);
    std::fprintf(stderr, "Resuming %s: %zu of %zu cells already measured, %zu to run.\n",
                 run.resume_file->c_str(), plan.reused.size(), tasks.size(), plan.to_run.size());
    tasks = std::move(plan.to_run);
    reused = std::move(plan.reused);
    return tb::ResultsLog::append_to(*run.resume_file);
  }

  const fs::path path = run.results_file.value_or(
      fs::path("transformer-bench-results-" + tb::utc_timestamp_for_file_name() + ".jsonl"));
  tb::ResultsLog log = tb::ResultsLog::create(path, context);
  std::fprintf(stderr, "Results are appended to %s as cells finish; continue an interrupted run with --resume %s\n",
               path.c_str(), path.c_str());
  return log;
}

void print_warnings(const tb::RunContext& context) {
  for (const std::string& warning : context.warnings) std::fprintf(stderr, "warning: %s\n", warning.c_str());
}

int run(const std::vector<std::string>& args) {
  RunOptions run;
  po::variables_map values;
  if (std::optional<int> exit_status = parse_options(args, run, values)) return *exit_status;

  // From here on Ctrl-C stops the run at the next cell boundary (killing a running
  // worker), so the scratch folder is removed and the report covers the cells done.
  tb::install_interrupt_handlers();
  const tb::PluginSet plugins = tb::discover_plugins(tb::plugin_search_dirs(run.plugin_dirs));
  tb::MatrixConfig config;
  try {
    config = tb::prepare_matrix(run.config_file, tb::read_overrides(values), plugins);
  } catch (const tb::ConfigErrors& invalid) {
    for (const tb::ConfigError& error : invalid.errors()) std::fprintf(stderr, "%s\n", tb::format_error(error).c_str());
    return kExitUsage;
  }

  const std::vector<tb::Cell> cells = tb::select_shard(tb::expand(config), run.shard.index, run.shard.count);

  if (!config.measurement.peak_gflops) std::fprintf(stderr, "Measuring the FP32 peak of one core ...\n");
  const tb::PeakChoice peak = tb::choose_peak(config.measurement);
  tb::RunContext context = tb::make_run_context(config, plugins, tb::read_machine_info(), peak, run.isolation);
  context.shard_index = run.shard.index;
  context.shard_count = run.shard.count;
  print_warnings(context);

  const tb::ScratchDir scratch;
  std::vector<tb::CellTask> tasks;
  for (const tb::Cell& cell : cells) {
    tasks.push_back(tb::make_cell_task(config, cell, plugins, peak.gflops_per_core, scratch.path()));
  }
  std::vector<tb::CellResult> reused;
  tb::ResultsLog log = open_results(run, context, tasks, reused);

  const tb::RunnerOptions runner_options{run.isolation, boost::dll::program_location().string(), scratch.path()};
  tb::Progress progress = tb::Progress::for_stderr(tasks.size());
  tb::RunnerOutcome outcome = tb::run_cells(tasks, runner_options, &log, progress);
  progress.close();

  tb::RunResult result{context, std::move(reused)};
  for (tb::CellResult& cell : outcome.results) result.cells.push_back(std::move(cell));
  std::sort(result.cells.begin(), result.cells.end(),
            [](const tb::CellResult& a, const tb::CellResult& b) { return a.index < b.index; });
  // Resumed cells may come from a run with another peak; one peak keeps the column
  // comparable.
  for (tb::CellResult& cell : result.cells) {
    cell.efficiency = tb::efficiency(cell.gflops_per_second, peak.gflops_per_core, cell.threads);
  }
  tb::apply_speedups(result.cells, context.measurement.baseline);

  tb::write_results(result, run.output.format.value_or(tb::OutputFormat::kTable), std::cout);
  std::cout.flush();
  tb::write_output_files(result, run.output);

  if (outcome.interrupted) {
    std::fprintf(stderr, "Interrupted: %zu of %zu cells measured. Continue with --resume %s\n", result.cells.size(),
                 cells.size(), log.path().c_str());
    return kExitInterrupted;
  }
  // A skipped cell is one the backend declared it cannot run, not a failure.
  const bool all_ok = std::all_of(result.cells.begin(), result.cells.end(), [](const tb::CellResult& cell) {
    return cell.status == tb::CellStatus::kOk || cell.status == tb::CellStatus::kSkipped;
  });
  return all_ok ? 0 : kExitCellsNotOk;
}

}  // namespace

TB_REGISTER_COMMAND(run_command, "run", "benchmark the backends on a matrix config and print the report", false,
                    &run);
