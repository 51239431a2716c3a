#include "plugin_loader.h"

#include <dlfcn.h>

#include <cstdlib>
#include <fstream>
#include <random>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace tb::blis_test {
namespace {

const tb_backend_api* load_api() {
  void* handle = dlopen(TB_BLIS_PLUGIN_PATH, RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    ADD_FAILURE() << "dlopen(" << TB_BLIS_PLUGIN_PATH << ") failed: " << dlerror();
    std::abort();
  }
  auto entry = reinterpret_cast<tb_get_backend_api_fn>(dlsym(handle, TB_ENTRY_POINT_NAME));
  if (entry == nullptr) {
    ADD_FAILURE() << TB_ENTRY_POINT_NAME << " not found in " << TB_BLIS_PLUGIN_PATH;
    std::abort();
  }
  const tb_backend_api* api = entry(TB_ABI_VERSION_MAJOR, TB_ABI_VERSION_MINOR);
  if (api == nullptr) {
    ADD_FAILURE() << "the plugin rejected ABI " << TB_ABI_VERSION_MAJOR << "." << TB_ABI_VERSION_MINOR;
    std::abort();
  }
  return api;
}

struct TensorViews {
  std::vector<tb_tensor> tensors;
  std::vector<const tb_tensor*> pointers;
  std::vector<tb_option> options;
  std::vector<const tb_option*> option_pointers;
  tb_model_create_args args{};
};

void make_views(const tb_model_config& config, const TensorSet& weights, const Options& options,
                TensorViews& views) {
  views.tensors.resize(weights.names.size());
  for (std::size_t i = 0; i < weights.names.size(); ++i) {
    tb_tensor& tensor = views.tensors[i];
    tensor = tb_tensor{};
    tensor.struct_size = sizeof(tb_tensor);
    tensor.name = weights.names[i].c_str();
    tensor.dtype = TB_DTYPE_F32;
    tensor.rank = static_cast<std::int32_t>(weights.shapes[i].size());
    for (std::size_t d = 0; d < weights.shapes[i].size(); ++d) {
      tensor.shape[d] = weights.shapes[i][d];
    }
    tensor.data = weights.values[i].data();
    views.pointers.push_back(&tensor);
  }
  views.options.resize(options.size());
  for (std::size_t i = 0; i < options.size(); ++i) {
    views.options[i] = tb_option{sizeof(tb_option), options[i].first.c_str(),
                                 options[i].second.c_str()};
    views.option_pointers.push_back(&views.options[i]);
  }
  views.args.struct_size = sizeof(tb_model_create_args);
  views.args.config = &config;
  views.args.tensors = views.pointers.data();
  views.args.n_tensors = views.pointers.size();
  views.args.options = views.option_pointers.data();
  views.args.n_options = views.option_pointers.size();
}

}  // namespace

const tb_backend_api& plugin_api() {
  static const tb_backend_api* api = load_api();
  return *api;
}

void TensorSet::add(std::string name, std::vector<std::int64_t> shape, std::vector<float> data) {
  names.push_back(std::move(name));
  shapes.push_back(std::move(shape));
  values.push_back(std::move(data));
}

TensorSet random_weights(const tb_model_config& config, unsigned seed) {
  std::mt19937 generator(seed);
  std::normal_distribution<float> normal(0.0f, 0.1f);
  TensorSet set;
  auto add = [&](const std::string& name, std::vector<std::int64_t> shape, float offset) {
    std::size_t count = 1;
    for (std::int64_t d : shape) {
      count *= static_cast<std::size_t>(d);
    }
    std::vector<float> data(count);
    for (float& value : data) {
      value = offset + normal(generator);
    }
    set.add(name, std::move(shape), std::move(data));
  };

  const std::int64_t v = config.vocab_size;
  const std::int64_t c = config.d_model;
  const std::int64_t f = config.d_ff;
  add("tok_embedding", {v, c}, 0.0f);
  for (int layer = 0; layer < config.n_layers; ++layer) {
    const std::string prefix = "blocks." + std::to_string(layer) + ".";
    add(prefix + "ln1.gamma", {c}, 1.0f);
    add(prefix + "ln1.beta", {c}, 0.0f);
    for (const char* p : {"q", "k", "v", "o"}) {
      add(prefix + "attn.w" + p, {c, c}, 0.0f);
      add(prefix + "attn.b" + p, {c}, 0.0f);
    }
    add(prefix + "ln2.gamma", {c}, 1.0f);
    add(prefix + "ln2.beta", {c}, 0.0f);
    add(prefix + "ffn.w1", {c, f}, 0.0f);
    add(prefix + "ffn.b1", {f}, 0.0f);
    add(prefix + "ffn.w2", {f, c}, 0.0f);
    add(prefix + "ffn.b2", {c}, 0.0f);
  }
  add("ln_f.gamma", {c}, 1.0f);
  add("ln_f.beta", {c}, 0.0f);
  add("lm_head.w", {c, v}, 0.0f);
  add("lm_head.b", {v}, 0.0f);
  return set;
}

GoldenCase load_golden(const std::string& name) {
  const std::string path = std::string(TB_TEST_DATA_DIR) + "/" + name + ".json";
  std::ifstream file(path);
  if (!file) {
    ADD_FAILURE() << "cannot open golden file " << path;
    return {};
  }
  const nlohmann::json json = nlohmann::json::parse(file);
  GoldenCase golden;
  const auto& config = json.at("config");
  const auto tokens = json.at("tokens").get<std::vector<std::vector<std::int32_t>>>();
  golden.batch = static_cast<int>(tokens.size());
  golden.seq_len = static_cast<int>(tokens.at(0).size());
  golden.config = make_config(config.at("vocab_size"), config.at("d_model"), config.at("n_layers"),
                              config.at("n_heads"), config.at("d_ff"), golden.seq_len);
  golden.config.layer_norm_eps = config.at("layer_norm_eps").get<float>();
  for (const auto& row : tokens) {
    golden.tokens.insert(golden.tokens.end(), row.begin(), row.end());
  }
  for (const auto& [tensor_name, tensor] : json.at("weights").items()) {
    golden.weights.add(tensor_name, tensor.at("shape").get<std::vector<std::int64_t>>(),
                       tensor.at("data").get<std::vector<float>>());
  }
  golden.logits = json.at("logits").get<std::vector<double>>();
  return golden;
}

tb_model_config make_config(int vocab_size, int d_model, int n_layers, int n_heads, int d_ff,
                            int max_seq_len) {
  tb_model_config config{};
  config.struct_size = sizeof(tb_model_config);
  config.vocab_size = vocab_size;
  config.d_model = d_model;
  config.n_layers = n_layers;
  config.n_heads = n_heads;
  config.d_ff = d_ff;
  config.max_seq_len = max_seq_len;
  config.layer_norm_eps = 1e-5f;
  return config;
}

std::pair<std::int32_t, std::string> consume_error(tb_error* error) {
  if (error == nullptr) {
    return {TB_STATUS_OK, ""};
  }
  const tb_backend_api& api = plugin_api();
  std::pair<std::int32_t, std::string> result{api.error_code(error), api.error_message(error)};
  api.error_destroy(error);
  return result;
}

std::pair<std::int32_t, std::string> try_create(const tb_model_config& config,
                                                const TensorSet& weights, const Options& options) {
  TensorViews views;
  make_views(config, weights, options, views);
  tb_model* model = nullptr;
  auto result = consume_error(plugin_api().model_create(&views.args, &model));
  if (model != nullptr) {
    plugin_api().model_destroy(model);
  }
  return result;
}

ScopedModel::ScopedModel(const tb_model_config& config, const TensorSet& weights,
                         const Options& options) {
  TensorViews views;
  make_views(config, weights, options, views);
  const auto [code, message] = consume_error(plugin_api().model_create(&views.args, &model_));
  EXPECT_EQ(code, TB_STATUS_OK) << "model_create failed: " << message;
}

ScopedModel::~ScopedModel() { plugin_api().model_destroy(model_); }

std::vector<float> run_forward(tb_model* model, const std::vector<std::int32_t>& tokens, int batch,
                               int seq_len, int vocab_size) {
  std::vector<float> logits(static_cast<std::size_t>(batch) * seq_len * vocab_size, -1.0f);
  tb_forward_args args{};
  args.struct_size = sizeof(tb_forward_args);
  args.tokens = tokens.data();
  args.batch_size = batch;
  args.seq_len = seq_len;
  args.logits = logits.data();
  args.logits_capacity = logits.size();
  const auto [code, message] = consume_error(plugin_api().model_forward(model, &args));
  EXPECT_EQ(code, TB_STATUS_OK) << "model_forward failed: " << message;
  return logits;
}

std::vector<std::int32_t> sequential_tokens(int count, int vocab_size) {
  std::vector<std::int32_t> tokens(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    tokens[static_cast<std::size_t>(i)] = (i * 7 + 3) % vocab_size;
  }
  return tokens;
}

}  // namespace tb::blis_test
