// Measurement of one cell, in whatever process calls it (a worker, or the run itself
// with --no-isolation): weights and tokens, model creation, timing, memory, loss and
// the check against the reference logits. docs/report.md describes each figure.
#pragma once

#include "bench/cell_task.h"
#include "results/result.h"

namespace tb {

// Returns the cell's result. Backend and plugin errors become status error, logits
// beyond the tolerance status mismatch; only a crash or hang inside the backend
// escapes, which is why the run isolates cells in worker processes by default.
CellResult measure_cell(const CellTask& task);

// A result with the cell's identity (index, model, backend, B, T, threads,
// parameters, FLOPs) and the given status and message, for cells that produced no
// measurement.
CellResult unmeasured_result(const CellTask& task, CellStatus status, const std::string& message);

}  // namespace tb
