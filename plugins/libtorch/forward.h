// The forward pass of the pre-LayerNorm GPT decoder (docs/model.md) on LibTorch
// operators. Inputs are validated by the caller; this file only computes.
#pragma once

#include "validation.h"
#include "weights.h"
#include "workspace.h"

#include <cstddef>
#include <cstdint>

namespace tb_libtorch {

// Writes the logits (B, T, V) for `tokens` (B, T) to `logits`, a host buffer of
// `logits_capacity` >= B*T*V floats. Runs with the current intra-op thread count of
// LibTorch and must be called inside c10::InferenceMode.
void forward(const ModelShape& shape, const ModelWeights& weights, Workspace& workspace,
             const ForwardShape& forward, const int32_t* tokens, float* logits,
             size_t logits_capacity);

}  // namespace tb_libtorch
