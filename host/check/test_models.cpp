#include "check/test_models.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "model/normal_rng.h"

namespace tb::check {

namespace {

constexpr uint64_t kWeightSeed = 20240501;

ModelConfig make_config(const char* name, int vocab_size, int d_model, int n_layers, int n_heads, int d_ff,
                        int max_seq_len) {
  ModelConfig config;
  config.name = name;
  config.vocab_size = vocab_size;
  config.d_model = d_model;
  config.n_layers = n_layers;
  config.n_heads = n_heads;
  config.d_ff = d_ff;
  config.max_seq_len = max_seq_len;
  return config;
}

// The sizes of each kind, as test_models.h lists them.
ModelConfig config_of(TestModelKind kind) {
  switch (kind) {
    case TestModelKind::kBase:
      return make_config("check_base", 64, 32, 2, 4, 64, 16);
    case TestModelKind::kOddSizes:
      return make_config("check_odd_sizes", 61, 20, 1, 5, 44, 9);
    case TestModelKind::kWideVocab:
      return make_config("check_wide_vocab", 1026, 16, 1, 2, 32, 5);
  }
  return make_config("check_base", 64, 32, 2, 4, 64, 16);
}

std::string describe_config(const ModelConfig& config) {
  return "V=" + std::to_string(config.vocab_size) + " C=" + std::to_string(config.d_model) +
         " L=" + std::to_string(config.n_layers) + " H=" + std::to_string(config.n_heads) +
         " F=" + std::to_string(config.d_ff);
}

}  // namespace

TestModel make_test_model(TestModelKind kind, int backend_max_seq_len) {
  ModelConfig config = config_of(kind);
  if (backend_max_seq_len > 0) config.max_seq_len = std::min(config.max_seq_len, backend_max_seq_len);
  validate(config);

  TestModel model;
  model.label = describe_config(config);
  model.weights = make_check_weights(config, kWeightSeed);
  model.config = std::move(config);
  return model;
}

Weights make_check_weights(const ModelConfig& config, uint64_t seed) {
  Weights weights;
  for (const TensorSpec& spec : tensor_specs(config)) {
    Tensor tensor{spec.name, spec.shape, {}};
    tensor.data.resize(static_cast<size_t>(tensor.numel()));
    Rng rng = Rng::for_stream(seed, spec.name);

    double mean = 0.0;
    double stddev = 0.1;
    if (spec.init == TensorSpec::Init::kOnes) {
      mean = 1.0;
    } else if (spec.init == TensorSpec::Init::kNormal) {
      const bool is_embedding = spec.name == "tok_embedding";
      stddev = is_embedding ? 1.0 : 1.0 / std::sqrt(static_cast<double>(spec.shape[0]));
    }
    for (float& value : tensor.data) value = static_cast<float>(mean + stddev * rng.normal());

    weights.tensors.push_back(std::move(tensor));
  }
  return weights;
}

}  // namespace tb::check
