#include "bench/model_weights.h"

#include "weights/safetensors.h"

namespace tb {

Weights weights_for(const ModelEntry& model) {
  if (model.weights_file.empty()) return init_weights(model.config, model.seed);
  return load_safetensors(model.weights_file, model.config);
}

}  // namespace tb
