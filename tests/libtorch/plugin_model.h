// A model created through a plugin's function table, destroyed when the object goes
// away, with the calls the tests make on it.
#pragma once

#include "plugin_library.h"
#include "test_model.h"

#include <transformer_bench/backend.h>

#include <cstdint>
#include <vector>

namespace tb_test {

class PluginModel {
 public:
  // Creates the model. Throws std::runtime_error with the plugin's message on failure.
  PluginModel(const PluginLibrary& plugin, TestModel& model);
  ~PluginModel();

  PluginModel(const PluginModel&) = delete;
  PluginModel& operator=(const PluginModel&) = delete;

  CallResult set_threads(int32_t n_threads);

  // Runs a forward pass into `logits`, which is resized to B*T*V floats.
  CallResult forward(const std::vector<int32_t>& tokens, int32_t batch_size, int32_t seq_len,
                     std::vector<float>& logits);

  // Throws std::runtime_error when model_get_memory fails.
  tb_memory_info memory();

  tb_model* get() const { return model_; }

 private:
  const tb_backend_api& api_;
  int32_t vocab_size_;
  tb_model* model_ = nullptr;
};

// Returns the largest |actual[i] - expected[i]|, or infinity when the sizes differ.
double max_abs_difference(const std::vector<float>& actual, const std::vector<double>& expected);

}  // namespace tb_test
