// Derived facts about the model: tensor list, parameter count, FLOPs.
#include "model/model_config.h"

#include <stdexcept>

namespace tb {

tb_model_config ModelConfig::to_abi() const {
  tb_model_config abi{};
  abi.struct_size = sizeof(abi);
  abi.vocab_size = vocab_size;
  abi.d_model = d_model;
  abi.n_layers = n_layers;
  abi.n_heads = n_heads;
  abi.d_ff = d_ff;
  abi.max_seq_len = max_seq_len;
  abi.layer_norm_eps = layer_norm_eps;
  return abi;
}

namespace {

void require_positive(const std::string& model, const char* field, int value) {
  if (value <= 0) {
    throw std::invalid_argument("model '" + model + "': " + field + " must be a positive integer, got " +
                                std::to_string(value));
  }
}

}  // namespace

void validate(ModelConfig& config) {
  if (config.d_ff == 0) config.d_ff = 2 * config.d_model;

  require_positive(config.name, "vocab_size", config.vocab_size);
  require_positive(config.name, "d_model", config.d_model);
  require_positive(config.name, "n_layers", config.n_layers);
  require_positive(config.name, "n_heads", config.n_heads);
  require_positive(config.name, "d_ff", config.d_ff);
  require_positive(config.name, "max_seq_len", config.max_seq_len);

  if (config.d_model % config.n_heads != 0) {
    throw std::invalid_argument("model '" + config.name + "': d_model (" + std::to_string(config.d_model) +
                                ") must be divisible by n_heads (" + std::to_string(config.n_heads) + ")");
  }
  if (!(config.layer_norm_eps > 0.0f)) {
    throw std::invalid_argument("model '" + config.name + "': layer_norm_eps must be positive");
  }
}

std::string default_model_name(const ModelConfig& config) {
  return std::to_string(config.d_model) + "d_" + std::to_string(config.n_layers) + "l_" +
         std::to_string(config.n_heads) + "h";
}

std::vector<TensorSpec> tensor_specs(const ModelConfig& config) {
  using Init = TensorSpec::Init;
  const int64_t V = config.vocab_size;
  const int64_t C = config.d_model;
  const int64_t F = config.d_ff;

  std::vector<TensorSpec> specs;
  specs.push_back({"tok_embedding", {V, C}, Init::kNormal});

  for (int l = 0; l < config.n_layers; ++l) {
    const std::string prefix = "blocks." + std::to_string(l) + ".";
    specs.push_back({prefix + "ln1.gamma", {C}, Init::kOnes});
    specs.push_back({prefix + "ln1.beta", {C}, Init::kZeros});
    for (const char* w : {"wq", "wk", "wv", "wo"}) {
      specs.push_back({prefix + "attn." + w, {C, C}, Init::kNormal});
    }
    for (const char* b : {"bq", "bk", "bv", "bo"}) {
      specs.push_back({prefix + "attn." + b, {C}, Init::kZeros});
    }
    specs.push_back({prefix + "ln2.gamma", {C}, Init::kOnes});
    specs.push_back({prefix + "ln2.beta", {C}, Init::kZeros});
    specs.push_back({prefix + "ffn.w1", {C, F}, Init::kNormal});
    specs.push_back({prefix + "ffn.b1", {F}, Init::kZeros});
    specs.push_back({prefix + "ffn.w2", {F, C}, Init::kNormal});
    specs.push_back({prefix + "ffn.b2", {C}, Init::kZeros});
  }

  specs.push_back({"ln_f.gamma", {C}, Init::kOnes});
  specs.push_back({"ln_f.beta", {C}, Init::kZeros});
  specs.push_back({"lm_head.w", {C, V}, Init::kNormal});
  specs.push_back({"lm_head.b", {V}, Init::kZeros});
  return specs;
}

int64_t parameter_count(const ModelConfig& config) {
  int64_t total = 0;
  for (const TensorSpec& spec : tensor_specs(config)) {
    int64_t n = 1;
    for (int64_t dim : spec.shape) n *= dim;
    total += n;
  }
  return total;
}

double forward_flops(const ModelConfig& config, int batch_size, int seq_len) {
  const double B = batch_size;
  const double T = seq_len;
  const double C = config.d_model;
  const double F = config.d_ff;
  const double V = config.vocab_size;

  // Per layer: q, k, v and output projections (4 C^2 per token), the FFN (2 C F per
  // token), and attention: each query t meets t+1 keys, for QK^T and again for AV.
  const double projections = 2.0 * B * T * (4.0 * C * C);
  const double ffn = 2.0 * B * T * (2.0 * C * F);
  const double attention = 2.0 * 2.0 * B * C * (T * (T + 1.0) / 2.0);
  const double per_layer = projections + ffn + attention;

  const double head = 2.0 * B * T * C * V;
  return config.n_layers * per_layer + head;
}

}  // namespace tb
