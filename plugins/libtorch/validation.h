// Validation of everything the host passes in: the model config, the named weight
// tensors, the options and the forward arguments. Each check throws a BackendError
// whose message names the offending value. This file does not touch LibTorch.
#pragma once

#include <transformer_bench/backend.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace tb_libtorch {

// The model's hyper-parameters, validated and widened to int64_t.
struct ModelShape {
  int64_t vocab_size = 0;
  int64_t d_model = 0;
  int64_t n_layers = 0;
  int64_t n_heads = 0;
  int64_t head_size = 0;  // d_model / n_heads
  int64_t d_ff = 0;
  int64_t max_seq_len = 0;
  double layer_norm_eps = 0.0;
};

// The validated sizes of one forward call.
struct ForwardShape {
  int64_t batch_size = 0;
  int64_t seq_len = 0;
};

// A tensor the model needs: its name and shape, as docs/model.md lists them.
struct TensorSpec {
  std::string name;
  std::vector<int64_t> shape;
};

ModelShape validate_config(const tb_model_config* config);

// Returns every tensor of the model, in a fixed order.
std::vector<TensorSpec> expected_tensors(const ModelShape& shape);

// Rejects any option: this backend has none.
void validate_options(const tb_option* const* options, size_t n_options);

ForwardShape validate_forward_args(const ModelShape& shape, const tb_forward_args* args);

// The host's tensors indexed by name, after checking that the set matches
// expected_tensors() exactly: no tensor missing, extra or repeated, and each one
// float32 with the expected shape. Stores borrowed pointers only.
class NamedTensors {
 public:
  NamedTensors(const ModelShape& shape, const tb_tensor* const* tensors, size_t n_tensors);

  // Returns the data of tensor `name`, which must be one of expected_tensors().
  const float* data(const std::string& name) const;

 private:
  std::unordered_map<std::string, const float*> data_;
};

// Returns a * b, or throws a TB_STATUS_OUT_OF_RANGE error naming `quantity` when the
// product does not fit in int64_t.
int64_t checked_multiply(int64_t a, int64_t b, const char* quantity);

}  // namespace tb_libtorch
