// The fixture of the backend suite and the helpers its tests share: model setup,
// forward passes, the scalar reference, and comparisons that report the worst
// element instead of thousands of lines.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "backend_param.h"
#include "model/model_config.h"
#include "model/weights.h"
#include "plugin/model.h"
#include "plugin/plugin.h"

// Largest absolute difference allowed between a backend's float32 logits and a
// reference (the float64 golden logits, or the scalar backend's).
inline constexpr double kLogitTolerance = 1e-4;

class BackendTest : public ::testing::TestWithParam<BackendParam> {
 protected:
  void SetUp() override;

  const tb::Plugin& plugin() const { return *plugin_; }

  // The thread count the suite uses as "2 threads": 2, or 1 for a backend whose
  // max_threads is 1.
  int two_threads() const;

  std::shared_ptr<tb::Plugin> plugin_;
};

// Returns a validated config. d_ff = 0 selects the default 2 * d_model.
tb::ModelConfig make_config(int vocab_size, int d_model, int n_layers, int n_heads, int max_seq_len, int d_ff = 0);

// init_weights(config, seed), with every gamma, beta and bias then redrawn as
// non-trivial values. Zero biases and unit gammas would hide a misplaced bias or a
// swapped gamma and beta.
tb::Weights make_weights(const tb::ModelConfig& config, uint64_t seed);

// Runs one forward pass and returns the B*T*V logits.
std::vector<float> run_forward(tb::Model& model, const std::vector<int32_t>& tokens, int batch_size, int seq_len,
                               int vocab_size);

// Runs the scalar backend on a fresh model and returns its logits, the reference.
std::vector<float> scalar_logits(const tb::ModelConfig& config, const tb::Weights& weights,
                                 const std::vector<int32_t>& tokens, int batch_size, int seq_len);

// Passes when every |actual - expected| <= tolerance (NaN fails); otherwise reports
// how many elements differ and the worst one as (b, t, v).
::testing::AssertionResult logits_near(std::span<const float> actual, std::span<const double> expected, int batch_size,
                                       int seq_len, int vocab_size, double tolerance);
::testing::AssertionResult logits_near(std::span<const float> actual, std::span<const float> expected, int batch_size,
                                       int seq_len, int vocab_size, double tolerance);

// Passes when `call` throws tb::BackendError with `status` and, when message_part is
// not empty, a message containing it.
::testing::AssertionResult fails_with(int32_t status, const std::function<void()>& call,
                                      const std::string& message_part = "");
