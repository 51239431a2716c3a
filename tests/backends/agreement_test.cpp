// Each backend against the scalar reference on shapes the golden files do not cover:
// a single token, T = max_seq_len, odd vocabulary and feed-forward sizes, d_model not
// a multiple of 8, several batch sizes, and models reused across calls with changing
// thread counts and shapes.
#include <algorithm>
#include <cmath>

#include "backend_fixture.h"

namespace {

struct ShapeCase {
  const char* name;
  int vocab_size, d_model, n_layers, n_heads, d_ff, max_seq_len;
  int batch_size, seq_len;
};

const ShapeCase kShapeCases[] = {
    {"single token", 50, 32, 2, 4, 0, 16, 2, 1},
    {"T equals max_seq_len", 50, 32, 2, 4, 0, 16, 2, 16},
    {"vocab 37", 37, 16, 1, 2, 0, 8, 3, 8},
    {"vocab 101", 101, 32, 2, 4, 0, 12, 2, 12},
    {"d_model 20, 4 heads", 50, 20, 2, 4, 0, 10, 3, 10},
    {"d_model 12, 3 heads", 29, 12, 3, 3, 0, 9, 5, 7},
    {"batch 1", 50, 32, 2, 4, 0, 16, 1, 13},
    {"batch 3", 50, 32, 2, 4, 0, 16, 3, 13},
    {"batch 5", 50, 32, 2, 4, 0, 16, 5, 13},
    {"odd d_ff 37", 23, 16, 2, 2, 37, 8, 2, 8},
    {"one head", 40, 24, 1, 1, 0, 8, 2, 8},
    {"head size 1", 30, 8, 2, 8, 0, 8, 2, 8},
    {"default 64d_4l_8h", 100, 64, 4, 8, 0, 64, 2, 64},
};

// The comparison would be empty if the model's logits were all near 0.
::testing::AssertionResult logits_not_trivial(const std::vector<float>& logits) {
  float largest = 0.0f;
  for (float value : logits) largest = std::max(largest, std::fabs(value));
  if (largest > 0.05f) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "largest |logit| is " << largest << ", too small for a 1e-4 comparison";
}

TEST_P(BackendTest, AgreesWithScalarOnShapes) {
  for (const ShapeCase& c : kShapeCases) {
    const tb::ModelConfig config = make_config(c.vocab_size, c.d_model, c.n_layers, c.n_heads, c.max_seq_len, c.d_ff);
    const tb::Weights weights = make_weights(config, 7);
    const std::vector<int32_t> tokens = tb::make_tokens(c.batch_size, c.seq_len, c.vocab_size, 3);
    const std::vector<float> expected = scalar_logits(config, weights, tokens, c.batch_size, c.seq_len);
    ASSERT_TRUE(logits_not_trivial(expected)) << c.name;

    const std::unique_ptr<tb::Model> model = plugin().create_model(config, weights);
    for (int threads : {1, two_threads()}) {
      SCOPED_TRACE(std::string(c.name) + ", B=" + std::to_string(c.batch_size) + " T=" + std::to_string(c.seq_len) +
                   ", " + std::to_string(threads) + " thread(s)");
      model->set_threads(threads);
      const std::vector<float> logits = run_forward(*model, tokens, c.batch_size, c.seq_len, c.vocab_size);
      EXPECT_TRUE(logits_near(logits, expected, c.batch_size, c.seq_len, c.vocab_size, kLogitTolerance));
    }
  }
}

TEST_P(BackendTest, ThreadCountChangesBetweenCalls) {
  const tb::ModelConfig config = make_config(50, 32, 2, 4, 16);
  const tb::Weights weights = make_weights(config, 11);
  const std::vector<int32_t> tokens = tb::make_tokens(3, 16, config.vocab_size, 5);
  const std::vector<float> expected = scalar_logits(config, weights, tokens, 3, 16);

  const std::unique_ptr<tb::Model> model = plugin().create_model(config, weights);
  int call = 0;
  for (int threads : {1, two_threads(), 1, two_threads(), two_threads()}) {
    SCOPED_TRACE("call " + std::to_string(call++) + " with " + std::to_string(threads) + " thread(s)");
    model->set_threads(threads);
    const std::vector<float> logits = run_forward(*model, tokens, 3, 16, config.vocab_size);
    EXPECT_TRUE(logits_near(logits, expected, 3, 16, config.vocab_size, kLogitTolerance));
  }
}

TEST_P(BackendTest, ShapeChangesBetweenCalls) {
  // Largest first, then smaller ones that reuse its buffers, then the largest again.
  struct Call {
    int batch_size, seq_len;
  };
  const Call calls[] = {{5, 16}, {1, 3}, {2, 16}, {1, 1}, {4, 9}, {5, 16}};

  const tb::ModelConfig config = make_config(37, 20, 2, 4, 16);
  const tb::Weights weights = make_weights(config, 13);
  const std::unique_ptr<tb::Model> model = plugin().create_model(config, weights);
  model->set_threads(two_threads());

  for (const Call& call : calls) {
    SCOPED_TRACE("B=" + std::to_string(call.batch_size) + " T=" + std::to_string(call.seq_len));
    const std::vector<int32_t> tokens =
        tb::make_tokens(call.batch_size, call.seq_len, config.vocab_size, static_cast<uint64_t>(call.seq_len));
    const std::vector<float> expected = scalar_logits(config, weights, tokens, call.batch_size, call.seq_len);
    const std::vector<float> logits = run_forward(*model, tokens, call.batch_size, call.seq_len, config.vocab_size);
    EXPECT_TRUE(logits_near(logits, expected, call.batch_size, call.seq_len, config.vocab_size, kLogitTolerance));
  }
}

TEST_P(BackendTest, PrefixOfSequenceGivesSameLogits) {
  // Causality: the logits of the first T' positions cannot depend on later tokens.
  const tb::ModelConfig config = make_config(50, 32, 2, 4, 16);
  const tb::Weights weights = make_weights(config, 17);
  const std::vector<int32_t> tokens = tb::make_tokens(1, 16, config.vocab_size, 19);
  const std::vector<int32_t> prefix(tokens.begin(), tokens.begin() + 6);

  const std::unique_ptr<tb::Model> model = plugin().create_model(config, weights);
  const std::vector<float> full = run_forward(*model, tokens, 1, 16, config.vocab_size);
  const std::vector<float> head = run_forward(*model, prefix, 1, 6, config.vocab_size);

  const std::span<const float> full_prefix(full.data(), head.size());
  EXPECT_TRUE(logits_near(head, full_prefix, 1, 6, config.vocab_size, kLogitTolerance));
}

}  // namespace
