// Checks of the host's inputs against the contract in transformer_bench/backend.h.
#include "validation.h"

#include "error.h"

#include <cmath>
#include <sstream>
#include <unordered_set>

namespace tb_libtorch {
namespace {

std::string format_shape(const int64_t* dims, size_t rank) {
  std::ostringstream out;
  out << '[';
  for (size_t i = 0; i < rank; ++i) {
    out << (i > 0 ? ", " : "") << dims[i];
  }
  out << ']';
  return out.str();
}

void require_positive(int32_t value, const char* field) {
  if (value < 1) {
    throw_invalid_argument(std::string("config.") + field + " must be at least 1, got " +
                           std::to_string(value));
  }
}

void check_tensor(const TensorSpec& spec, const tb_tensor& tensor, size_t index) {
  if (tensor.dtype != TB_DTYPE_F32) {
    throw_invalid_argument("tensor '" + spec.name + "' has dtype " + std::to_string(tensor.dtype) +
                           ", expected TB_DTYPE_F32 (" + std::to_string(TB_DTYPE_F32) + ")");
  }

  const size_t expected_rank = spec.shape.size();
  const bool rank_matches = tensor.rank >= 1 && static_cast<size_t>(tensor.rank) == expected_rank;
  bool shape_matches = rank_matches;
  for (size_t d = 0; shape_matches && d < expected_rank; ++d) {
    shape_matches = tensor.shape[d] == spec.shape[d];
  }
  if (!shape_matches) {
    const size_t shown_rank =
        tensor.rank >= 1 && tensor.rank <= TB_TENSOR_MAX_RANK ? static_cast<size_t>(tensor.rank) : 0;
    throw_invalid_argument("tensor '" + spec.name + "' (index " + std::to_string(index) +
                           ") has shape " + format_shape(tensor.shape, shown_rank) + ", expected " +
                           format_shape(spec.shape.data(), expected_rank));
  }

  if (tensor.data == nullptr) {
    throw_invalid_argument("tensor '" + spec.name + "' has a NULL data pointer");
  }
}

}  // namespace

int64_t checked_multiply(int64_t a, int64_t b, const char* quantity) {
  int64_t product = 0;
  if (__builtin_mul_overflow(a, b, &product)) {
    throw_out_of_range(std::string(quantity) + " overflows a 64-bit size");
  }
  return product;
}

ModelShape validate_config(const tb_model_config* config) {
  if (config == nullptr) {
    throw_invalid_argument("config is NULL");
  }
  if (config->struct_size < TB_STRUCT_SIZE(tb_model_config, layer_norm_eps)) {
    throw_invalid_argument("config.struct_size is " + std::to_string(config->struct_size) +
                           ", smaller than the ABI 1.0 tb_model_config (" +
                           std::to_string(TB_STRUCT_SIZE(tb_model_config, layer_norm_eps)) + ")");
  }

  require_positive(config->vocab_size, "vocab_size");
  require_positive(config->d_model, "d_model");
  require_positive(config->n_heads, "n_heads");
  require_positive(config->d_ff, "d_ff");
  require_positive(config->max_seq_len, "max_seq_len");
  if (config->n_layers < 0) {
    throw_invalid_argument("config.n_layers must not be negative, got " +
                           std::to_string(config->n_layers));
  }
  if (config->d_model % config->n_heads != 0) {
    throw_invalid_argument("config.d_model (" + std::to_string(config->d_model) +
                           ") is not divisible by config.n_heads (" +
                           std::to_string(config->n_heads) + ")");
  }
  if (!std::isfinite(config->layer_norm_eps) || config->layer_norm_eps < 0.0f) {
    throw_invalid_argument("config.layer_norm_eps must be finite and not negative, got " +
                           std::to_string(config->layer_norm_eps));
  }

  ModelShape shape;
  shape.vocab_size = config->vocab_size;
  shape.d_model = config->d_model;
  shape.n_layers = config->n_layers;
  shape.n_heads = config->n_heads;
  shape.head_size = config->d_model / config->n_heads;
  shape.d_ff = config->d_ff;
  shape.max_seq_len = config->max_seq_len;
  shape.layer_norm_eps = config->layer_norm_eps;
  return shape;
}

std::vector<TensorSpec> expected_tensors(const ModelShape& shape) {
  const int64_t d = shape.d_model;
  std::vector<TensorSpec> specs;
  specs.push_back({"tok_embedding", {shape.vocab_size, d}});
  for (int64_t l = 0; l < shape.n_layers; ++l) {
    const std::string prefix = "blocks." + std::to_string(l) + ".";
    specs.push_back({prefix + "ln1.gamma", {d}});
    specs.push_back({prefix + "ln1.beta", {d}});
    for (const char* name : {"wq", "wk", "wv", "wo"}) {
      specs.push_back({prefix + "attn." + name, {d, d}});
    }
    for (const char* name : {"bq", "bk", "bv", "bo"}) {
      specs.push_back({prefix + "attn." + name, {d}});
    }
    specs.push_back({prefix + "ln2.gamma", {d}});
    specs.push_back({prefix + "ln2.beta", {d}});
    specs.push_back({prefix + "ffn.w1", {d, shape.d_ff}});
    specs.push_back({prefix + "ffn.b1", {shape.d_ff}});
    specs.push_back({prefix + "ffn.w2", {shape.d_ff, d}});
    specs.push_back({prefix + "ffn.b2", {d}});
  }
  specs.push_back({"ln_f.gamma", {d}});
  specs.push_back({"ln_f.beta", {d}});
  specs.push_back({"lm_head.w", {d, shape.vocab_size}});
  specs.push_back({"lm_head.b", {shape.vocab_size}});
  return specs;
}

void validate_options(const tb_option* const* options, size_t n_options) {
  if (n_options == 0) {
    return;
  }
  if (options == nullptr) {
    throw_invalid_argument("options is NULL but n_options is " + std::to_string(n_options));
  }
  for (size_t i = 0; i < n_options; ++i) {
    const tb_option* option = options[i];
    if (option == nullptr || option->struct_size < TB_STRUCT_SIZE(tb_option, value) ||
        option->key == nullptr) {
      throw_invalid_argument("option " + std::to_string(i) +
                             " is NULL, too small for ABI 1.0 or has a NULL key");
    }
    throw_invalid_argument(std::string("unknown option '") + option->key +
                           "': the libtorch backend accepts no options");
  }
}

NamedTensors::NamedTensors(const ModelShape& shape, const tb_tensor* const* tensors,
                           size_t n_tensors) {
  if (tensors == nullptr && n_tensors > 0) {
    throw_invalid_argument("tensors is NULL but n_tensors is " + std::to_string(n_tensors));
  }

  const std::vector<TensorSpec> specs = expected_tensors(shape);
  std::unordered_map<std::string, const TensorSpec*> spec_by_name;
  for (const TensorSpec& spec : specs) {
    spec_by_name.emplace(spec.name, &spec);
  }

  for (size_t i = 0; i < n_tensors; ++i) {
    const tb_tensor* tensor = tensors[i];
    if (tensor == nullptr) {
      throw_invalid_argument("tensors[" + std::to_string(i) + "] is NULL");
    }
    if (tensor->struct_size < TB_STRUCT_SIZE(tb_tensor, data)) {
      throw_invalid_argument("tensors[" + std::to_string(i) + "].struct_size is " +
                             std::to_string(tensor->struct_size) +
                             ", smaller than the ABI 1.0 tb_tensor");
    }
    if (tensor->name == nullptr) {
      throw_invalid_argument("tensors[" + std::to_string(i) + "].name is NULL");
    }

    const auto spec = spec_by_name.find(tensor->name);
    if (spec == spec_by_name.end()) {
      throw_invalid_argument(std::string("unexpected tensor '") + tensor->name + "' (index " +
                             std::to_string(i) + ") is not part of this model");
    }
    if (data_.count(tensor->name) > 0) {
      throw_invalid_argument(std::string("tensor '") + tensor->name + "' is given twice");
    }
    check_tensor(*spec->second, *tensor, i);
    data_.emplace(tensor->name, static_cast<const float*>(tensor->data));
  }

  for (const TensorSpec& spec : specs) {
    if (data_.count(spec.name) == 0) {
      throw_invalid_argument("missing tensor '" + spec.name + "' with shape " +
                             format_shape(spec.shape.data(), spec.shape.size()));
    }
  }
}

const float* NamedTensors::data(const std::string& name) const {
  return data_.at(name);
}

ForwardShape validate_forward_args(const ModelShape& shape, const tb_forward_args* args) {
  if (args == nullptr) {
    throw_invalid_argument("args is NULL");
  }
  if (args->struct_size < TB_STRUCT_SIZE(tb_forward_args, logits_capacity)) {
    throw_invalid_argument("args.struct_size is " + std::to_string(args->struct_size) +
                           ", smaller than the ABI 1.0 tb_forward_args");
  }
  if (args->tokens == nullptr) {
    throw_invalid_argument("args.tokens is NULL");
  }
  if (args->logits == nullptr) {
    throw_invalid_argument("args.logits is NULL");
  }
  if (args->batch_size < 1) {
    throw_invalid_argument("batch_size must be at least 1, got " +
                           std::to_string(args->batch_size));
  }
  if (args->seq_len < 1) {
    throw_invalid_argument("seq_len must be at least 1, got " + std::to_string(args->seq_len));
  }
  if (args->seq_len > shape.max_seq_len) {
    throw_out_of_range("seq_len " + std::to_string(args->seq_len) +
                       " is larger than config.max_seq_len " + std::to_string(shape.max_seq_len));
  }

  ForwardShape forward;
  forward.batch_size = args->batch_size;
  forward.seq_len = args->seq_len;
  const int64_t n_tokens = forward.batch_size * forward.seq_len;
  const int64_t n_logits = checked_multiply(n_tokens, shape.vocab_size, "batch_size * seq_len * vocab_size");
  if (args->logits_capacity < static_cast<uint64_t>(n_logits)) {
    throw_invalid_argument("logits_capacity is " + std::to_string(args->logits_capacity) +
                           " floats, but batch_size * seq_len * vocab_size = " +
                           std::to_string(n_logits));
  }

  for (int64_t i = 0; i < n_tokens; ++i) {
    const int32_t token = args->tokens[i];
    if (token < 0 || token >= shape.vocab_size) {
      throw_invalid_argument("token id " + std::to_string(token) + " at [" +
                             std::to_string(i / forward.seq_len) + ", " +
                             std::to_string(i % forward.seq_len) + "] is outside [0, " +
                             std::to_string(shape.vocab_size) + ")");
    }
  }
  return forward;
}

}  // namespace tb_libtorch
