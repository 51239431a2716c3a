// Checks of the arguments of one forward call, before any work starts.
#pragma once

#include <cstdint>

#include <transformer_bench/backend.h>

#include "model_shape.h"

namespace tb::blis {

struct ForwardRequest {
  const std::int32_t* tokens = nullptr;  // (B, T)
  int batch = 0;
  int seq_len = 0;
  float* logits = nullptr;  // (B, T, V)
};

// Throws BackendError with TB_STATUS_INVALID_ARGUMENT for NULL pointers, B < 1, T < 1,
// a too small logits_capacity or a token id outside [0, V), and with
// TB_STATUS_OUT_OF_RANGE for T > max_seq_len or B * T beyond what the backend indexes.
ForwardRequest validate_forward_args(const ModelShape& shape, const tb_forward_args* args);

}  // namespace tb::blis
