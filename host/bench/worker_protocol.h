// The private protocol between `transformer-bench run` and its `worker` processes.
// The parent writes a CellTask as one JSON object to a file and starts
// `transformer-bench worker --task FILE`; the worker writes the CellResult as one
// JSON line (the results schema of results/json.h) to its standard output and
// exits 0. Anything else (a signal, another exit status, no line) is a failed cell.
// Both sides are the same executable, so the task format has no version.
#pragma once

#include <nlohmann/json.hpp>

#include "bench/cell_task.h"

namespace tb {

nlohmann::json task_to_json(const CellTask& task);

// Throws std::runtime_error naming the field when `json` is not a task.
CellTask task_from_json(const nlohmann::json& json);

}  // namespace tb
