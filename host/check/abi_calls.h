// Direct calls into a plugin's function table for the checks. Unlike tb::Model,
// which hides the ABI, these let a check build any argument (NULL buffers, padded
// structs, bad tensors) and see exactly what the plugin returned.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <transformer_bench/backend.h>

#include "check/test_models.h"

namespace tb::check {

// The outcome of one ABI call that returns tb_error*.
struct CallResult {
  bool ok = true;
  int32_t status = TB_STATUS_OK;
  std::string message;
  bool message_was_null = false;
  bool threw = false;  // a C++ exception crossed the boundary, which the ABI forbids

  // "OK", or "INVALID_ARGUMENT: <message>", for reports.
  std::string describe() const;
};

// Converts what a call returned: reads and frees a non-NULL error through `api`.
CallResult take_error(const tb_backend_api& api, tb_error* error);

// Runs `call` (which returns tb_error*) and converts its result. An escaped C++
// exception is caught and reported as CallResult::threw.
template <typename Call>
CallResult call_abi(const tb_backend_api& api, Call call) {
  tb_error* error = nullptr;
  try {
    error = call();
  } catch (...) {
    CallResult result;
    result.ok = false;
    result.status = TB_STATUS_INTERNAL;
    result.message = "a C++ exception escaped from the plugin, which the ABI forbids";
    result.threw = true;
    return result;
  }
  return take_error(api, error);
}

// Arguments for model_create built from a test model. Every struct it points to
// lives as long as the request, and can be altered before args() is called to
// produce the bad inputs the checks need.
class CreateRequest {
 public:
  explicit CreateRequest(const TestModel& model);

  void remove_tensor(const std::string& name);
  void set_tensor_shape(const std::string& name, std::vector<int64_t> shape);
  // Adds a tensor no model has, pointing at the data of the first tensor.
  void add_unknown_tensor(const std::string& name);
  void add_option(const std::string& key, const std::string& value);
  // Makes every struct `bytes` larger, filled with zeros, as a host of a later 1.x
  // minor that appended fields would send them.
  void pad_structs(size_t bytes);

  const tb_model_create_args* args();

 private:
  struct TensorEntry {
    std::string name;
    std::vector<int64_t> shape;
    const float* data;
  };

  const TestModel& model_;
  std::vector<TensorEntry> tensors_;
  std::vector<std::pair<std::string, std::string>> options_;
  size_t padding_ = 0;

  // Storage for the structs args() builds. Each block has room for one struct plus
  // the padding, aligned for any scalar.
  std::vector<std::unique_ptr<std::max_align_t[]>> blocks_;
  std::vector<const tb_tensor*> tensor_pointers_;
  std::vector<const tb_option*> option_pointers_;

  template <typename Struct>
  Struct* allocate_struct();
};

// A model created by a check, destroyed through the plugin when this goes away.
class ModelHandle {
 public:
  ModelHandle() = default;
  ModelHandle(const tb_backend_api* api, tb_model* model) : api_(api), model_(model) {}
  ~ModelHandle();
  ModelHandle(ModelHandle&& other) noexcept;
  ModelHandle& operator=(ModelHandle&& other) noexcept;

  tb_model* get() const { return model_; }

 private:
  const tb_backend_api* api_ = nullptr;
  tb_model* model_ = nullptr;
};

// Calls model_create. On success *out owns the new model.
CallResult try_create(const tb_backend_api& api, const tb_model_create_args* args, ModelHandle* out);

// Creates a model from `model`, or throws CheckFailure naming the model and the
// plugin's message.
ModelHandle create_model(const tb_backend_api& api, const TestModel& model);

// Forward arguments with their own token and logits buffers.
struct ForwardBuffers {
  std::vector<int32_t> tokens;
  std::vector<float> logits;  // B*T*V plus a guard region the plugin must not touch
  tb_forward_args args{};
};

inline constexpr size_t kLogitsGuardFloats = 64;

// Tokens from the host's seeded generator, and a logits buffer of B*T*V floats plus
// the guard, all pre-filled with a canary value. args.logits_capacity covers the
// guard too, since the contract allows a larger buffer.
ForwardBuffers make_forward_buffers(const ModelConfig& config, int batch_size, int seq_len, uint64_t seed = 7);

// Runs a forward pass that must succeed, and returns the B*T*V logits. Throws
// CheckFailure when the call fails, leaves a logit unwritten, writes a non-finite
// value, or writes into the guard after the logits.
std::vector<float> run_forward(const tb_backend_api& api, tb_model* model, ForwardBuffers& buffers);

// Calls model_set_threads, throwing CheckFailure when it fails.
void set_threads(const tb_backend_api& api, tb_model* model, int32_t n_threads);

}  // namespace tb::check
