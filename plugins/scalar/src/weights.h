// The scalar backend's copy of the model weights, one std::vector<float> per tensor in
// the host's layout ([in, out] row-major, so y = x @ W + b), and the checks that turn
// the host's borrowed tensors into it. Names and shapes follow docs/model.md.
#pragma once

#include <cstddef>
#include <vector>

#include <transformer_bench/backend.h>

#include "config.h"

namespace tb::scalar {

struct BlockWeights {
  std::vector<float> ln1_gamma, ln1_beta;  // (C)
  std::vector<float> wq, wk, wv, wo;       // (C, C)
  std::vector<float> bq, bk, bv, bo;       // (C)
  std::vector<float> ln2_gamma, ln2_beta;  // (C)
  std::vector<float> w1;                   // (C, F)
  std::vector<float> b1;                   // (F)
  std::vector<float> w2;                   // (F, C)
  std::vector<float> b2;                   // (C)
};

struct Weights {
  std::vector<float> tok_embedding;          // (V, C)
  std::vector<BlockWeights> blocks;          // L of them
  std::vector<float> ln_f_gamma, ln_f_beta;  // (C)
  std::vector<float> lm_head_w;              // (C, V)
  std::vector<float> lm_head_b;              // (V)

  size_t bytes() const;
};

// Copies the host's tensors into a new Weights. Every tensor of the model must appear
// exactly once, as float32 with the expected rank and shape and non-NULL data.
// Anything else (a NULL pointer, a struct older than ABI 1.0, an unknown, duplicate or
// missing name, a wrong dtype, rank or shape) throws Error(TB_STATUS_INVALID_ARGUMENT)
// naming the tensor.
Weights load_weights(const Config& config, const tb_tensor* const* tensors, size_t n_tensors);

}  // namespace tb::scalar
