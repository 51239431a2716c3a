#include "test_model.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <random>
#include <stdexcept>

namespace tb_test {
namespace {

int64_t element_count(const std::vector<int64_t>& shape) {
  int64_t count = 1;
  for (const int64_t size : shape) {
    count *= size;
  }
  return count;
}

nlohmann::json read_json(const std::string& path) {
  std::ifstream file(path);
  if (!file) {
    throw std::runtime_error("failed to open " + path);
  }
  return nlohmann::json::parse(file);
}

// The names and shapes of every tensor of the model, in the order of docs/model.md.
std::vector<std::pair<std::string, std::vector<int64_t>>> tensor_layout(const tb_model_config& c) {
  const int64_t d = c.d_model;
  std::vector<std::pair<std::string, std::vector<int64_t>>> layout;
  layout.push_back({"tok_embedding", {c.vocab_size, d}});
  for (int32_t l = 0; l < c.n_layers; ++l) {
    const std::string p = "blocks." + std::to_string(l) + ".";
    layout.push_back({p + "ln1.gamma", {d}});
    layout.push_back({p + "ln1.beta", {d}});
    for (const char* name : {"wq", "wk", "wv", "wo"}) {
      layout.push_back({p + "attn." + name, {d, d}});
    }
    for (const char* name : {"bq", "bk", "bv", "bo"}) {
      layout.push_back({p + "attn." + name, {d}});
    }
    layout.push_back({p + "ln2.gamma", {d}});
    layout.push_back({p + "ln2.beta", {d}});
    layout.push_back({p + "ffn.w1", {d, c.d_ff}});
    layout.push_back({p + "ffn.b1", {c.d_ff}});
    layout.push_back({p + "ffn.w2", {c.d_ff, d}});
    layout.push_back({p + "ffn.b2", {d}});
  }
  layout.push_back({"ln_f.gamma", {d}});
  layout.push_back({"ln_f.beta", {d}});
  layout.push_back({"lm_head.w", {d, c.vocab_size}});
  layout.push_back({"lm_head.b", {c.vocab_size}});
  return layout;
}

bool is_layer_norm_gain(const std::string& name) {
  return name.size() > 6 && name.compare(name.size() - 6, 6, ".gamma") == 0;
}

}  // namespace

void TestModel::add_tensor(const std::string& name, std::vector<int64_t> shape,
                           std::vector<float> data) {
  if (static_cast<int64_t>(data.size()) != element_count(shape)) {
    throw std::runtime_error("tensor " + name + " has " + std::to_string(data.size()) +
                             " values for its shape");
  }
  tb_tensor tensor{};
  tensor.struct_size = sizeof(tb_tensor);
  tensor.dtype = TB_DTYPE_F32;
  tensor.rank = static_cast<int32_t>(shape.size());
  for (size_t i = 0; i < shape.size(); ++i) {
    tensor.shape[i] = shape[i];
  }
  names_.push_back(name);
  data_.push_back(std::move(data));
  tensors_.push_back(tensor);
}

TestModel TestModel::random(const ModelSize& size, uint32_t seed, float scale) {
  TestModel model;
  model.config_.struct_size = sizeof(tb_model_config);
  model.config_.vocab_size = size.vocab_size;
  model.config_.d_model = size.d_model;
  model.config_.n_layers = size.n_layers;
  model.config_.n_heads = size.n_heads;
  model.config_.d_ff = size.d_ff;
  model.config_.max_seq_len = size.max_seq_len;
  model.config_.layer_norm_eps = 1e-5f;

  std::mt19937 generator(seed);
  std::uniform_real_distribution<float> uniform(-scale, scale);
  for (auto& [name, shape] : tensor_layout(model.config_)) {
    std::vector<float> data(static_cast<size_t>(element_count(shape)));
    const float offset = is_layer_norm_gain(name) ? 1.0f : 0.0f;
    for (float& value : data) {
      value = offset + uniform(generator);
    }
    model.add_tensor(name, shape, std::move(data));
  }
  return model;
}

TestModel TestModel::golden(const std::string& path, int32_t max_seq_len) {
  const nlohmann::json file = read_json(path);
  const nlohmann::json& config = file.at("config");

  TestModel model;
  model.config_.struct_size = sizeof(tb_model_config);
  model.config_.vocab_size = config.at("vocab_size").get<int32_t>();
  model.config_.d_model = config.at("d_model").get<int32_t>();
  model.config_.n_layers = config.at("n_layers").get<int32_t>();
  model.config_.n_heads = config.at("n_heads").get<int32_t>();
  model.config_.d_ff = config.at("d_ff").get<int32_t>();
  model.config_.max_seq_len = max_seq_len;
  model.config_.layer_norm_eps = config.at("layer_norm_eps").get<float>();

  for (auto& [name, tensor] : file.at("weights").items()) {
    model.add_tensor(name, tensor.at("shape").get<std::vector<int64_t>>(),
                     tensor.at("data").get<std::vector<float>>());
  }
  return model;
}

tb_model_create_args TestModel::create_args() {
  tensor_pointers_.clear();
  for (size_t i = 0; i < tensors_.size(); ++i) {
    tensors_[i].name = names_[i].c_str();
    tensors_[i].data = data_[i].data();
    tensor_pointers_.push_back(&tensors_[i]);
  }
  tb_model_create_args args{};
  args.struct_size = sizeof(tb_model_create_args);
  args.config = &config_;
  args.tensors = tensor_pointers_.data();
  args.n_tensors = tensor_pointers_.size();
  return args;
}

const std::vector<float>& TestModel::weight(const std::string& name) const {
  for (size_t i = 0; i < names_.size(); ++i) {
    if (names_[i] == name) {
      return data_[i];
    }
  }
  throw std::out_of_range("no tensor named " + name);
}

GoldenCase load_golden_case(const std::string& path) {
  const nlohmann::json file = read_json(path);
  const auto rows = file.at("tokens").get<std::vector<std::vector<int32_t>>>();

  GoldenCase golden;
  golden.batch_size = static_cast<int32_t>(rows.size());
  golden.seq_len = static_cast<int32_t>(rows.at(0).size());
  for (const auto& row : rows) {
    golden.tokens.insert(golden.tokens.end(), row.begin(), row.end());
  }
  golden.logits = file.at("logits").get<std::vector<double>>();
  return golden;
}

std::vector<int32_t> random_tokens(int32_t vocab_size, int64_t count, uint32_t seed) {
  std::mt19937 generator(seed);
  std::uniform_int_distribution<int32_t> uniform(0, vocab_size - 1);
  std::vector<int32_t> tokens(static_cast<size_t>(count));
  for (int32_t& token : tokens) {
    token = uniform(generator);
  }
  return tokens;
}

}  // namespace tb_test
