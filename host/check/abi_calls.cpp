#include "check/abi_calls.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>

#include "check/check.h"
#include "plugin/backend_error.h"

namespace tb::check {

namespace {

// A quiet NaN with a payload no arithmetic produces, so a logit still holding it was
// never written.
constexpr uint32_t kCanaryBits = 0x7fc0dead;

bool is_canary(float value) { return std::bit_cast<uint32_t>(value) == kCanaryBits; }

}  // namespace

std::string CallResult::describe() const {
  if (ok) return "OK";
  return status_name(status) + ": " + message;
}

CallResult take_error(const tb_backend_api& api, tb_error* error) {
  CallResult result;
  if (error == nullptr) return result;

  result.ok = false;
  result.status = api.error_code(error);
  const char* message = api.error_message(error);
  result.message_was_null = message == nullptr;
  result.message = message != nullptr ? message : "(error_message returned NULL)";
  api.error_destroy(error);
  return result;
}

CreateRequest::CreateRequest(const TestModel& model) : model_(model) {
  for (const Tensor& tensor : model.weights.tensors) {
    tensors_.push_back({tensor.name, tensor.shape, tensor.data.data()});
  }
}

void CreateRequest::remove_tensor(const std::string& name) {
  std::erase_if(tensors_, [&](const TensorEntry& entry) { return entry.name == name; });
}

void CreateRequest::set_tensor_shape(const std::string& name, std::vector<int64_t> shape) {
  for (TensorEntry& entry : tensors_) {
    if (entry.name == name) entry.shape = shape;
  }
}

void CreateRequest::add_unknown_tensor(const std::string& name) {
  const TensorEntry& first = tensors_.front();
  tensors_.push_back({name, first.shape, first.data});
}

void CreateRequest::add_option(const std::string& key, const std::string& value) { options_.emplace_back(key, value); }

void CreateRequest::pad_structs(size_t bytes) { padding_ = bytes; }

template <typename Struct>
Struct* CreateRequest::allocate_struct() {
  const size_t bytes = sizeof(Struct) + padding_;
  const size_t units = (bytes + sizeof(std::max_align_t) - 1) / sizeof(std::max_align_t);
  blocks_.push_back(std::make_unique<std::max_align_t[]>(units));
  std::memset(blocks_.back().get(), 0, units * sizeof(std::max_align_t));

  // The ABI structs are implicit-lifetime types, so zeroed storage already is one.
  Struct* value = reinterpret_cast<Struct*>(blocks_.back().get());
  value->struct_size = bytes;
  return value;
}

const tb_model_create_args* CreateRequest::args() {
  blocks_.clear();
  tensor_pointers_.clear();
  option_pointers_.clear();

  tb_model_config* config = allocate_struct<tb_model_config>();
  const tb_model_config abi_config = model_.config.to_abi();
  config->vocab_size = abi_config.vocab_size;
  config->d_model = abi_config.d_model;
  config->n_layers = abi_config.n_layers;
  config->n_heads = abi_config.n_heads;
  config->d_ff = abi_config.d_ff;
  config->max_seq_len = abi_config.max_seq_len;
  config->layer_norm_eps = abi_config.layer_norm_eps;

  for (const TensorEntry& entry : tensors_) {
    tb_tensor* tensor = allocate_struct<tb_tensor>();
    tensor->name = entry.name.c_str();
    tensor->dtype = TB_DTYPE_F32;
    tensor->rank = static_cast<int32_t>(entry.shape.size());
    std::copy(entry.shape.begin(), entry.shape.end(), tensor->shape);
    tensor->data = entry.data;
    tensor_pointers_.push_back(tensor);
  }

  for (const auto& [key, value] : options_) {
    tb_option* option = allocate_struct<tb_option>();
    option->key = key.c_str();
    option->value = value.c_str();
    option_pointers_.push_back(option);
  }

  tb_model_create_args* args = allocate_struct<tb_model_create_args>();
  args->config = config;
  args->tensors = tensor_pointers_.data();
  args->n_tensors = tensor_pointers_.size();
  args->options = option_pointers_.empty() ? nullptr : option_pointers_.data();
  args->n_options = option_pointers_.size();
  return args;
}

ModelHandle::~ModelHandle() {
  if (model_ != nullptr) api_->model_destroy(model_);
}

ModelHandle::ModelHandle(ModelHandle&& other) noexcept
    : api_(std::exchange(other.api_, nullptr)), model_(std::exchange(other.model_, nullptr)) {}

ModelHandle& ModelHandle::operator=(ModelHandle&& other) noexcept {
  if (this != &other) {
    if (model_ != nullptr) api_->model_destroy(model_);
    api_ = std::exchange(other.api_, nullptr);
    model_ = std::exchange(other.model_, nullptr);
  }
  return *this;
}

CallResult try_create(const tb_backend_api& api, const tb_model_create_args* args, ModelHandle* out) {
  tb_model* model = nullptr;
  CallResult result = call_abi(api, [&] { return api.model_create(args, &model); });
  if (model != nullptr) *out = ModelHandle(&api, model);
  return result;
}

ModelHandle create_model(const tb_backend_api& api, const TestModel& model) {
  CreateRequest request(model);
  ModelHandle handle;
  const CallResult result = try_create(api, request.args(), &handle);
  if (!result.ok) {
    throw CheckFailure("model_create failed for a valid model (" + model.label + "): " + result.describe());
  }
  if (handle.get() == nullptr) {
    throw CheckFailure("model_create returned success but no model (" + model.label + ")");
  }
  return handle;
}

ForwardBuffers make_forward_buffers(const ModelConfig& config, int batch_size, int seq_len, uint64_t seed) {
  ForwardBuffers buffers;
  buffers.tokens = make_tokens(batch_size, seq_len, config.vocab_size, seed);
  const size_t n_logits = static_cast<size_t>(batch_size) * static_cast<size_t>(seq_len) *
                          static_cast<size_t>(config.vocab_size);
  buffers.logits.assign(n_logits + kLogitsGuardFloats, std::bit_cast<float>(kCanaryBits));

  buffers.args.struct_size = sizeof(tb_forward_args);
  buffers.args.tokens = buffers.tokens.data();
  buffers.args.batch_size = batch_size;
  buffers.args.seq_len = seq_len;
  buffers.args.logits = buffers.logits.data();
  buffers.args.logits_capacity = buffers.logits.size();
  return buffers;
}

std::vector<float> run_forward(const tb_backend_api& api, tb_model* model, ForwardBuffers& buffers) {
  std::fill(buffers.logits.begin(), buffers.logits.end(), std::bit_cast<float>(kCanaryBits));
  const std::string shape = "B=" + std::to_string(buffers.args.batch_size) +
                            " T=" + std::to_string(buffers.args.seq_len);

  const CallResult result = call_abi(api, [&] { return api.model_forward(model, &buffers.args); });
  if (!result.ok) throw CheckFailure("model_forward failed for valid input (" + shape + "): " + result.describe());

  const size_t n_logits = buffers.logits.size() - kLogitsGuardFloats;
  for (size_t i = n_logits; i < buffers.logits.size(); ++i) {
    if (!is_canary(buffers.logits[i])) {
      throw CheckFailure("model_forward wrote past B*T*V = " + std::to_string(n_logits) + " floats (at index " +
                         std::to_string(i) + ", " + shape + ")");
    }
  }
  for (size_t i = 0; i < n_logits; ++i) {
    if (is_canary(buffers.logits[i])) {
      throw CheckFailure("model_forward left logit " + std::to_string(i) + " of " + std::to_string(n_logits) +
                         " unwritten (" + shape + ")");
    }
    if (!std::isfinite(buffers.logits[i])) {
      throw CheckFailure("model_forward wrote a non-finite logit at index " + std::to_string(i) + " (" + shape + ")");
    }
  }
  return std::vector<float>(buffers.logits.begin(), buffers.logits.begin() + static_cast<ptrdiff_t>(n_logits));
}

void set_threads(const tb_backend_api& api, tb_model* model, int32_t n_threads) {
  const CallResult result = call_abi(api, [&] { return api.model_set_threads(model, n_threads); });
  if (!result.ok) {
    throw CheckFailure("model_set_threads(" + std::to_string(n_threads) + ") failed: " + result.describe());
  }
}

}  // namespace tb::check
