// Models for the tests: the golden files in tests/data and seeded random models of any
// shape, each owning its weights and exposing them as the tb_tensor array that
// model_create takes.
#pragma once

#include <transformer_bench/backend.h>

#include <cstdint>
#include <string>
#include <vector>

namespace tb_test {

// Hyper-parameters of a test model, in the units of tb_model_config.
struct ModelSize {
  int32_t vocab_size;
  int32_t d_model;
  int32_t n_layers;
  int32_t n_heads;
  int32_t d_ff;
  int32_t max_seq_len;
};

class TestModel {
 public:
  // Creates a model whose weights are drawn uniformly from [-scale, scale] with `seed`.
  static TestModel random(const ModelSize& size, uint32_t seed, float scale = 0.1f);

  // Loads the weights and config of a golden file (format transformer-bench-golden/1).
  static TestModel golden(const std::string& path, int32_t max_seq_len);

  TestModel(const TestModel&) = delete;
  TestModel& operator=(const TestModel&) = delete;
  TestModel(TestModel&&) = default;
  TestModel& operator=(TestModel&&) = default;

  const tb_model_config& config() const { return config_; }

  // Returns the arguments for model_create, which point into this object.
  tb_model_create_args create_args();

  // Returns the data of tensor `name`. Throws std::out_of_range for an unknown name.
  const std::vector<float>& weight(const std::string& name) const;

  // The tensor array handed to model_create, which a test may edit to make it invalid.
  std::vector<tb_tensor>& tensors() { return tensors_; }

 private:
  TestModel() = default;
  void add_tensor(const std::string& name, std::vector<int64_t> shape, std::vector<float> data);

  tb_model_config config_{};
  std::vector<std::string> names_;
  std::vector<std::vector<float>> data_;
  std::vector<tb_tensor> tensors_;
  std::vector<const tb_tensor*> tensor_pointers_;
};

// Token ids and expected logits stored next to a golden model.
struct GoldenCase {
  int32_t batch_size = 0;
  int32_t seq_len = 0;
  std::vector<int32_t> tokens;  // (B, T)
  std::vector<double> logits;   // (B, T, V), float64 reference
};

GoldenCase load_golden_case(const std::string& path);

// Returns B*T token ids drawn uniformly from [0, vocab_size) with `seed`.
std::vector<int32_t> random_tokens(int32_t vocab_size, int64_t count, uint32_t seed);

}  // namespace tb_test
