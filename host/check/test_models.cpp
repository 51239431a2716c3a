#include "check/test_models.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "model/normal_rng.h"

namespace tb::check {

namespace {

constexpr uint64_t kWeightSeed = 20240501;

ModelConfig base_config() {
  ModelConfig config;
  config.name = "check_base";
  config.vocab_size = 64;
  config.d_model = 32;
  config.n_layers = 2;
  config.n_heads = 4;
  config.d_ff = 64;
  config.max_seq_len = 16;
  return config;
}

ModelConfig odd_sizes_config() {
  ModelConfig config;
  config.name = "check_odd_sizes";
  config.vocab_size = 61;
  config.d_model = 20;
  config.n_layers = 1;
  config.n_heads = 5;
  config.d_ff = 44;
  config.max_seq_len = 9;
  return config;
}

ModelConfig wide_vocab_config() {
  ModelConfig config;
  config.name = "check_wide_vocab";
  config.vocab_size = 1026;
  config.d_model = 16;
  config.n_layers = 1;
  config.n_heads = 2;
  config.d_ff = 32;
  config.max_seq_len = 5;
  return config;
}

ModelConfig config_of(TestModelKind kind) {
  switch (kind) {
    case TestModelKind::kBase:
      return base_config();
    case TestModelKind::kOddSizes:
      return odd_sizes_config();
    case TestModelKind::kWideVocab:
      return wide_vocab_config();
  }
  return base_config();
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
