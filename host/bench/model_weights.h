// The weights a cell's model is created from: generated from the model's seed, or
// read from the model's .safetensors file when the matrix names one.
#pragma once

#include "config/matrix.h"
#include "model/weights.h"

namespace tb {

// Throws SafetensorsError or std::runtime_error when the weights file cannot be used.
Weights weights_for(const ModelEntry& model);

}  // namespace tb
