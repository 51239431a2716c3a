// The model's hyper-parameters as the scalar backend uses them, checked once when a
// model is created. Sizes are size_t so that index arithmetic in the layers cannot
// overflow int.
#pragma once

#include <cstddef>

#include <transformer_bench/backend.h>

namespace tb::scalar {

struct Config {
  size_t V = 0;   // vocab_size
  size_t C = 0;   // d_model
  size_t L = 0;   // n_layers
  size_t NH = 0;  // n_heads, with head size C / NH
  size_t F = 0;   // d_ff
  size_t max_T = 0;
  float eps = 0.0f;  // layer_norm_eps
};

// Checks `config` and converts it. Throws Error(TB_STATUS_INVALID_ARGUMENT) naming the
// field when the pointer is NULL, the struct is older than ABI 1.0, a size is not
// positive, d_model is not divisible by n_heads or layer_norm_eps is not a positive
// finite number.
Config config_from_abi(const tb_model_config* config);

}  // namespace tb::scalar
