// The model's parameters as LibTorch tensors owned by the backend, laid out once at
// model creation for the kernels that use them. The q/k/v projection is fused, and each
// linear layer is packed for oneDNN and, when small, copied [in, out] for the BLAS.
// Loading copies, because the host's buffers are borrowed.
#pragma once

#include "linear.h"
#include "validation.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <vector>

namespace tb_libtorch {

struct LayerWeights {
  at::Tensor ln1_gamma;  // (C)
  at::Tensor ln1_beta;   // (C)
  Linear qkv;            // C -> 3C, output columns [q | k | v]
  Linear attn_out;       // C -> C (wo, bo)
  at::Tensor ln2_gamma;  // (C)
  at::Tensor ln2_beta;   // (C)
  Linear ffn_in;         // C -> d_ff (w1, b1)
  Linear ffn_out;        // d_ff -> C (w2, b2)
};

struct ModelWeights {
  at::Tensor tok_embedding;        // (V, C)
  at::Tensor positional_encoding;  // (max_seq_len, C), sinusoidal, computed not loaded
  std::vector<LayerWeights> layers;
  at::Tensor lnf_gamma;  // (C)
  at::Tensor lnf_beta;   // (C)
  Linear lm_head;        // C -> V

  // Returns the bytes of every tensor above, the positional table included.
  uint64_t bytes() const;
};

ModelWeights load_weights(const ModelShape& shape, const NamedTensors& tensors);

}  // namespace tb_libtorch
