#include "bench/runner.h"

#include "bench/interrupt.h"
#include "bench/measure_cell.h"
#include "bench/worker_process.h"

namespace tb {

namespace {

// Passes on the stderr of a worker that sent its result, so backend warnings are not
// lost. When the worker died or sent nothing, the cell's message has the stderr tail.
void forward_worker_stderr(const CellTask& task, const WorkerOutcome& outcome, Progress& progress) {
  if (outcome.worker_stderr.empty() || !outcome.result_from_worker) return;
  progress.message("stderr of " + describe(task) + ":\n" + last_lines(outcome.worker_stderr, 20));
}

}  // namespace

RunnerOutcome run_cells(const std::vector<CellTask>& tasks, const RunnerOptions& options, ResultsLog* log,
                        Progress& progress) {
  RunnerOutcome outcome;
  for (const CellTask& task : tasks) {
    if (interrupt_requested()) {
      outcome.interrupted = true;
      break;
    }
    progress.start_cell(describe(task));

    CellResult result;
    if (!task.skip_reason.empty()) {
      result = unmeasured_result(task, CellStatus::kSkipped, task.skip_reason);
    } else if (options.isolation) {
      WorkerOutcome worker = run_in_worker(task, options.executable, options.scratch_dir, [&] { progress.tick(); });
      if (!worker.result) {
        outcome.interrupted = true;
        break;
      }
      forward_worker_stderr(task, worker, progress);
      result = std::move(*worker.result);
    } else {
      result = measure_cell(task);
    }

    if (log != nullptr) log->append(result);
    progress.finish_cell(result);
    outcome.results.push_back(std::move(result));
  }
  return outcome;
}

}  // namespace tb
