// Test helpers that open the blis plugin file with dlopen and drive it through the C
// ABI alone, with weights either from a golden file or from a seeded generator.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <transformer_bench/backend.h>

namespace tb::blis_test {

// The plugin's function table, loaded once per test process.
const tb_backend_api& plugin_api();

// Named float32 tensors that outlive the tb_tensor views made from them.
struct TensorSet {
  std::vector<std::string> names;
  std::vector<std::vector<std::int64_t>> shapes;
  std::vector<std::vector<float>> values;

  void add(std::string name, std::vector<std::int64_t> shape, std::vector<float> data);
};

// Every tensor of the model for `config`, drawn from N(0, 0.1) with the given seed, with
// LayerNorm gamma near 1.
TensorSet random_weights(const tb_model_config& config, unsigned seed);

struct GoldenCase {
  tb_model_config config{};
  TensorSet weights;
  int batch = 0;
  int seq_len = 0;
  std::vector<std::int32_t> tokens;  // (B, T)
  std::vector<double> logits;        // (B, T, V), float64 reference
};

// Reads tests/data/<name>.json; max_seq_len is set to the golden T.
GoldenCase load_golden(const std::string& name);

tb_model_config make_config(int vocab_size, int d_model, int n_layers, int n_heads, int d_ff,
                            int max_seq_len);

using Options = std::vector<std::pair<std::string, std::string>>;

// A model owned by the test. Construction failures are recorded as gtest failures
// and leave get() NULL.
class ScopedModel {
 public:
  ScopedModel(const tb_model_config& config, const TensorSet& weights, const Options& options = {});
  ~ScopedModel();
  ScopedModel(const ScopedModel&) = delete;
  ScopedModel& operator=(const ScopedModel&) = delete;

  tb_model* get() const { return model_; }

 private:
  tb_model* model_ = nullptr;
};

// Calls model_create and returns its status (TB_STATUS_OK on success, destroying the
// model again) and the error message.
std::pair<std::int32_t, std::string> try_create(const tb_model_config& config,
                                                const TensorSet& weights,
                                                const Options& options = {});

// Takes ownership of an error and returns its code and message; (TB_STATUS_OK, "") for NULL.
std::pair<std::int32_t, std::string> consume_error(tb_error* error);

// Runs forward and returns the logits; a failure is recorded as a gtest failure.
std::vector<float> run_forward(tb_model* model, const std::vector<std::int32_t>& tokens, int batch,
                               int seq_len, int vocab_size);

// Token ids (i * 7 + 3) mod V for B * T positions.
std::vector<std::int32_t> sequential_tokens(int count, int vocab_size);

}  // namespace tb::blis_test
