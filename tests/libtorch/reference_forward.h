// A plain float64 implementation of the model in docs/model.md, written for clarity
// rather than speed, against which the tests compare the plugin on shapes that the
// golden files do not cover.
#pragma once

#include "test_model.h"

#include <cstdint>
#include <vector>

namespace tb_test {

// Returns the logits (B, T, V) of `model` for `tokens` (B, T).
std::vector<double> reference_forward(const TestModel& model, const std::vector<int32_t>& tokens,
                                      int32_t batch_size, int32_t seq_len);

}  // namespace tb_test
