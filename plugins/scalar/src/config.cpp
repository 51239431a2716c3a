// Validation of tb_model_config.
#include "config.h"

#include <cmath>
#include <sstream>
#include <string>

#include "error.h"

namespace tb::scalar {

namespace {

size_t require_positive(const char* field, int32_t value) {
  if (value <= 0) {
    throw_invalid_argument(std::string("config.") + field + " must be a positive integer, got " +
                           std::to_string(value));
  }
  return static_cast<size_t>(value);
}

}  // namespace

Config config_from_abi(const tb_model_config* config) {
  if (config == nullptr) throw_invalid_argument("args->config is NULL");

  // Every field of tb_model_config exists since ABI 1.0, so none has a default.
  constexpr size_t kV1Size = TB_STRUCT_SIZE(tb_model_config, layer_norm_eps);
  if (config->struct_size < kV1Size) {
    throw_invalid_argument("config struct_size is " + std::to_string(config->struct_size) + " bytes, below the " +
                           std::to_string(kV1Size) + " bytes of ABI 1.0");
  }

  Config result;
  result.V = require_positive("vocab_size", config->vocab_size);
  result.C = require_positive("d_model", config->d_model);
  result.L = require_positive("n_layers", config->n_layers);
  result.NH = require_positive("n_heads", config->n_heads);
  result.F = require_positive("d_ff", config->d_ff);
  result.max_T = require_positive("max_seq_len", config->max_seq_len);

  if (result.C % result.NH != 0) {
    throw_invalid_argument("config.d_model (" + std::to_string(result.C) + ") must be divisible by config.n_heads (" +
                           std::to_string(result.NH) + ")");
  }

  const float eps = config->layer_norm_eps;
  if (!std::isfinite(eps) || eps <= 0.0f) {
    std::ostringstream message;
    message << "config.layer_norm_eps must be a positive finite number, got " << eps;
    throw_invalid_argument(message.str());
  }
  result.eps = eps;
  return result;
}

}  // namespace tb::scalar
