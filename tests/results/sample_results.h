// Small, fully known RunResults for the results tests: every field set to a value
// that is easy to recognise in the expected output.
#pragma once

#include <vector>

#include "results/result.h"

namespace tb::testing {

// A cell with the given identity, status ok and a timing built from `samples_ms`
// (median, mean and the other statistics computed by bench/statistics).
CellResult timed_cell(size_t index, const std::string& model, const std::string& backend, int batch_size,
                      int seq_len, int threads, const std::vector<double>& samples_ms);

// Two cells: 16d_1l_2h on scalar and on blis, batch 1, seq 4, threads 1, with
// round numbers everywhere, and a context whose every field is set.
RunResult small_result();

// A 2 models x 2 backends x 2 batch sizes x 2 threads matrix, one cell failed, for
// charts and sharding.
RunResult matrix_result();

}  // namespace tb::testing
