// A short human-readable description of a matrix: its cell count and one line per
// axis, as `validate` prints it.
#pragma once

#include <string>

#include "config/matrix.h"

namespace tb {

// Several lines, each ending in '\n': the cell count with the axis sizes, then
// models, backends (with their options), batch_size, seq_len, threads, exclude rules
// and measurement settings. The backend list must be resolved already.
std::string summarize_matrix(const MatrixConfig& config);

}  // namespace tb
