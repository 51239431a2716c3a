// The model's parameters in the backend's own layout. Every matrix is row-major with a
// padded leading dimension, so one copy serves both BLIS and the native kernels, unless
// the model runs the native kernels only and the GEMM weights are packed in panels.
// wq, wk and wv sit side by side, so one GEMM computes q, k and v.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include <transformer_bench/backend.h>

#include "aligned_buffer.h"
#include "model_shape.h"

namespace tb::blis {

// Row vectors (biases, LayerNorm gamma and beta) are (1, n) PaddedMatrix objects, so
// they carry the same read slack as matrices.
struct BlockWeights {
  PaddedMatrix ln1_gamma;  // (1, C)
  PaddedMatrix ln1_beta;   // (1, C)
  PaddedMatrix w_qkv;      // (C, 3C): columns [0, C) wq, [C, 2C) wk, [2C, 3C) wv
  PaddedMatrix b_qkv;      // (1, 3C): bq | bk | bv
  PaddedMatrix w_o;        // (C, C)
  PaddedMatrix b_o;        // (1, C)
  PaddedMatrix ln2_gamma;  // (1, C)
  PaddedMatrix ln2_beta;   // (1, C)
  PaddedMatrix w_1;        // (C, F)
  PaddedMatrix b_1;        // (1, F)
  PaddedMatrix w_2;        // (F, C)
  PaddedMatrix b_2;        // (1, C)
};

struct ModelWeights {
  PaddedMatrix token_embedding;      // (V, C)
  PaddedMatrix positional_encoding;  // (max_seq_len, C), computed, not a parameter
  std::vector<BlockWeights> blocks;  // L of them
  PaddedMatrix ln_f_gamma;           // (1, C)
  PaddedMatrix ln_f_beta;            // (1, C)
  PaddedMatrix lm_head_w;            // (C, V)
  PaddedMatrix lm_head_b;            // (1, V)

  // Bytes of all of the above, padding and the positional table included.
  std::uint64_t bytes() const;
};

// Checks the caller's tensors against the model's list of names, shapes and dtype, and
// copies them into the backend's layout. With panel_columns > 0, the matrices that
// GEMMs read as B (w_qkv, w_o, w_1, w_2, lm_head_w) are packed in panels of that many
// columns for the native kernels, and BLIS can no longer read them. Throws BackendError
// with TB_STATUS_INVALID_ARGUMENT for a NULL, missing, repeated, extra or misshapen
// tensor, and std::bad_alloc when memory runs out.
ModelWeights load_weights(const ModelShape& shape, const tb_tensor* const* tensors,
                          std::size_t n_tensors, int panel_columns);

}  // namespace tb::blis
