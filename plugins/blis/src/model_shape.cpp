#include "model_shape.h"

#include <cmath>
#include <string>

#include "cpu_kernels.h"
#include "error.h"

namespace tb::blis {
namespace {

void check_dimension(const char* name, std::int32_t value) {
  if (value < 1 || value > kMaxDimension) {
    throw BackendError(TB_STATUS_INVALID_ARGUMENT,
                       std::string("invalid config: ") + name + " is " + std::to_string(value) +
                           ", expected 1.." + std::to_string(kMaxDimension));
  }
}

}  // namespace

ModelShape validate_config(const tb_model_config* config) {
  if (config == nullptr) {
    throw BackendError(TB_STATUS_INVALID_ARGUMENT, "config is NULL");
  }
  if (!TB_STRUCT_HAS_FIELD(config, tb_model_config, layer_norm_eps)) {
    throw BackendError(TB_STATUS_INVALID_ARGUMENT,
                       "config struct_size " + std::to_string(config->struct_size) +
                           " is smaller than tb_model_config v1.0, so fields are missing");
  }

  check_dimension("vocab_size", config->vocab_size);
  check_dimension("d_model", config->d_model);
  check_dimension("n_layers", config->n_layers);
  check_dimension("n_heads", config->n_heads);
  check_dimension("d_ff", config->d_ff);
  check_dimension("max_seq_len", config->max_seq_len);
  if (config->d_model % config->n_heads != 0) {
    throw BackendError(TB_STATUS_INVALID_ARGUMENT,
                       "invalid config: d_model " + std::to_string(config->d_model) +
                           " is not divisible by n_heads " + std::to_string(config->n_heads));
  }
  // eps > 0 keeps 1 / sqrt(var + eps) finite for a constant row.
  if (!std::isfinite(config->layer_norm_eps) || config->layer_norm_eps <= 0.0f) {
    throw BackendError(TB_STATUS_INVALID_ARGUMENT,
                       "invalid config: layer_norm_eps is " +
                           std::to_string(config->layer_norm_eps) +
                           ", expected a finite value > 0");
  }

  ModelShape shape;
  shape.vocab_size = config->vocab_size;
  shape.d_model = config->d_model;
  shape.n_layers = config->n_layers;
  shape.n_heads = config->n_heads;
  shape.d_ff = config->d_ff;
  shape.max_seq_len = config->max_seq_len;
  shape.layer_norm_eps = config->layer_norm_eps;
  return shape;
}

std::ptrdiff_t padded_leading_dimension(int cols) {
  constexpr std::ptrdiff_t kAlign = kMaxVectorFloats;
  std::ptrdiff_t ld = (static_cast<std::ptrdiff_t>(cols) + kAlign - 1) / kAlign * kAlign;
  constexpr std::ptrdiff_t kFloatsPer4KiB = 4096 / sizeof(float);
  if (ld % kFloatsPer4KiB == 0) {
    ld += kAlign;
  }
  return ld;
}

}  // namespace tb::blis
