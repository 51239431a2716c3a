// The hyper-parameters of one model, checked once at creation, with the padded
// leading dimensions the backend stores its matrices with.
#pragma once

#include <cstddef>

#include <transformer_bench/backend.h>

namespace tb::blis {

// Largest value accepted for any single dimension (vocab_size, d_model, d_ff, ...).
// It keeps every product of two dimensions inside std::ptrdiff_t and every 3 * d_model
// inside int.
inline constexpr int kMaxDimension = 1 << 24;

struct ModelShape {
  int vocab_size = 0;   // V
  int d_model = 0;      // C
  int n_layers = 0;     // L
  int n_heads = 0;      // NH
  int d_ff = 0;         // F
  int max_seq_len = 0;  // largest T
  float layer_norm_eps = 0.0f;

  int head_dim() const { return d_model / n_heads; }
};

// Checks a caller's config and copies it. Throws BackendError with
// TB_STATUS_INVALID_ARGUMENT naming the first invalid field.
ModelShape validate_config(const tb_model_config* config);

// Leading dimension, in floats, for rows of `cols` floats. It is a multiple of 16
// floats (64 bytes), so rows stay aligned and vector loads past `cols` stay inside the
// row. It grows by 16 more when a row would be a multiple of 4 KiB, because rows that
// far apart map to the same L1 sets and evict each other while a GEMM walks a column.
std::ptrdiff_t padded_leading_dimension(int cols);

}  // namespace tb::blis
