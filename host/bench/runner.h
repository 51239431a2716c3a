// Runs a list of cells one after another, each in a worker process (the default) or
// in this process, appends every finished cell to the results file and reports
// progress. Stops early, without a result for the running cell, on Ctrl-C.
#pragma once

#include <filesystem>
#include <vector>

#include "bench/cell_task.h"
#include "bench/progress.h"
#include "bench/results_log.h"
#include "results/result.h"

namespace tb {

struct RunnerOptions {
  bool isolation = true;               // one worker process per cell
  std::filesystem::path executable;    // this program, started as the worker
  std::filesystem::path scratch_dir;   // task files, worker stderr, reference logits
};

struct RunnerOutcome {
  std::vector<CellResult> results;  // in the order of the tasks, finished cells only
  bool interrupted = false;
};

// `log` may be null (no results file).
RunnerOutcome run_cells(const std::vector<CellTask>& tasks, const RunnerOptions& options, ResultsLog* log,
                        Progress& progress);

}  // namespace tb
