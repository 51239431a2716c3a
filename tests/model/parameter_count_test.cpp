// parameter_count() for the default models, the golden files and the closed form
// given in docs/model.md.
#include <gtest/gtest.h>

#include "golden_file.h"
#include "model/model_config.h"

namespace {

tb::ModelConfig make_config(int vocab_size, int d_model, int n_layers, int n_heads, int d_ff = 0) {
  tb::ModelConfig config;
  config.vocab_size = vocab_size;
  config.d_model = d_model;
  config.n_layers = n_layers;
  config.n_heads = n_heads;
  config.d_ff = d_ff;
  config.max_seq_len = 16;
  tb::validate(config);
  return config;
}

// V*C + L*(4C^2 + 4C + 2CF + F + C + 4C) + 2C + C*V + V. The terms are the
// embedding, then per block the q, k, v, o matrices and biases, the FFN matrices and
// biases and two LayerNorms, then the final LayerNorm and the head.
int64_t closed_form(int64_t V, int64_t C, int64_t L, int64_t F) {
  const int64_t per_block = 4 * C * C + 4 * C + 2 * C * F + F + C + 4 * C;
  return V * C + L * per_block + 2 * C + C * V + V;
}

TEST(ParameterCount, DefaultModels) {
  EXPECT_EQ(tb::parameter_count(make_config(20, 16, 1, 2)), 2916);
  EXPECT_EQ(tb::parameter_count(make_config(50, 32, 2, 4)), 20402);
  EXPECT_EQ(tb::parameter_count(make_config(100, 64, 4, 8)), 146916);
}

TEST(ParameterCount, MatchesClosedForm) {
  EXPECT_EQ(tb::parameter_count(make_config(37, 12, 3, 3, 7)), closed_form(37, 12, 3, 7));
  EXPECT_EQ(tb::parameter_count(make_config(101, 20, 2, 4)), closed_form(101, 20, 2, 40));
  EXPECT_EQ(tb::parameter_count(make_config(1, 1, 1, 1, 1)), closed_form(1, 1, 1, 1));
}

TEST(ParameterCount, MatchesGoldenFiles) {
  for (const std::string& file_name : tb::test::golden_file_names()) {
    SCOPED_TRACE(file_name);
    tb::test::GoldenFile golden = tb::test::load_golden(file_name);
    tb::validate(golden.config);

    EXPECT_EQ(tb::parameter_count(golden.config), golden.parameter_count);

    int64_t stored = 0;
    for (const tb::Tensor& tensor : golden.weights.tensors) stored += tensor.numel();
    EXPECT_EQ(stored, golden.parameter_count);
  }
}

}  // namespace
