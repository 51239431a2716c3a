// Runs one cell in a fresh worker process (`transformer-bench worker`), so that a
// backend that crashes, hangs or corrupts memory spoils only its own cell. The
// worker runs in its own process group: Ctrl-C reaches only the parent, which then
// kills the worker, and when the worker ends, for whatever reason, any processes
// the backend started in that group are killed with it.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "bench/cell_task.h"
#include "results/result.h"

namespace tb {

struct WorkerOutcome {
  std::optional<CellResult> result;  // empty when the run was interrupted
  std::string worker_stderr;         // everything the worker wrote to its stderr
  bool result_from_worker = false;   // false: built here, its message has the stderr tail
};

// Starts `executable worker --task FILE` with the task in a file under
// `scratch_dir`, waits at most task.measurement.time_limit_s, and returns the
// worker's result, or a crashed, timed_out or error result built here when the
// worker died, was killed or sent nothing. The worker's stderr is captured to a
// file and its last lines go into the message of a failed cell. `on_wait` is called
// about ten times a second while the worker runs (for progress display).
WorkerOutcome run_in_worker(const CellTask& task, const std::filesystem::path& executable,
                            const std::filesystem::path& scratch_dir, const std::function<void()>& on_wait = {});

// The last `max_lines` lines of `text`, without a trailing newline.
std::string last_lines(const std::string& text, size_t max_lines);

}  // namespace tb
