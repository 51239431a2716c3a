// The small models the checks run. Their sizes hit the edge cases a backend tends to
// get wrong (a vocabulary of odd size, d_model not a multiple of 8, several heads)
// while one forward pass stays well under a millisecond on one core.
#pragma once

#include <cstdint>
#include <string>

#include "model/model_config.h"
#include "model/weights.h"

namespace tb::check {

enum class TestModelKind {
  kBase,      // V = 64, d_model = 32, 2 layers, 4 heads, max_seq_len = 16
  kOddSizes,  // V = 61, d_model = 20, 1 layer, 5 heads of 4, d_ff = 44, max_seq_len = 9
  // V = 1026, d_model = 16, 1 layer, 2 heads, d_ff = 32, max_seq_len = 5. A row of
  // logits is 2 floats past a multiple of 16 and 32, the tail where BLIS 0.9.0's
  // small-matrix kernels read past the end of their output.
  kWideVocab,
};

struct TestModel {
  std::string label;  // e.g. "V=64 C=32 L=2 H=4", for messages
  ModelConfig config;
  Weights weights;
};

// Builds the model. Its max_seq_len is lowered to `backend_max_seq_len` when that is
// non-zero and smaller, because a backend may declare a lower limit in its info.
TestModel make_test_model(TestModelKind kind, int backend_max_seq_len);

// Weights in which every value matters: matrices N(0, 1/fan_in), embedding N(0, 1),
// gammas 1 + N(0, 0.1^2), biases and betas N(0, 0.1^2). The host's default init has
// zero biases and unit gammas, so with it a backend that swapped gamma and beta or
// dropped a bias would still match the reference. These weights expose such bugs.
Weights make_check_weights(const ModelConfig& config, uint64_t seed);

}  // namespace tb::check
