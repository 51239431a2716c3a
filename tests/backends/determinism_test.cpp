// Repeatability and isolation: the same input gives the same logits, a forward pass
// writes exactly B*T*V floats, and models of one plugin do not share state.
#include <bit>
#include <cstring>
#include <limits>
#include <thread>

#include "backend_fixture.h"

namespace {

bool same_bits(const std::vector<float>& a, const std::vector<float>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

TEST_P(BackendTest, SameInputGivesIdenticalLogits) {
  if ((plugin().info().capabilities & TB_CAPABILITY_DETERMINISTIC) == 0) {
    GTEST_SKIP() << GetParam().name << " does not claim TB_CAPABILITY_DETERMINISTIC";
  }
  const tb::ModelConfig config = make_config(50, 32, 2, 4, 16);
  const tb::Weights weights = make_weights(config, 23);
  const std::vector<int32_t> tokens = tb::make_tokens(3, 16, config.vocab_size, 29);

  const std::unique_ptr<tb::Model> model = plugin().create_model(config, weights);
  const std::unique_ptr<tb::Model> twin = plugin().create_model(config, weights);
  for (int threads : {1, two_threads()}) {
    SCOPED_TRACE(std::to_string(threads) + " thread(s)");
    model->set_threads(threads);
    twin->set_threads(threads);

    const std::vector<float> first = run_forward(*model, tokens, 3, 16, config.vocab_size);
    const std::vector<float> second = run_forward(*model, tokens, 3, 16, config.vocab_size);
    const std::vector<float> from_twin = run_forward(*twin, tokens, 3, 16, config.vocab_size);
    EXPECT_TRUE(same_bits(first, second)) << "two calls on one model differ";
    EXPECT_TRUE(same_bits(first, from_twin)) << "two models with the same weights differ";
  }
}

TEST_P(BackendTest, WritesExactlyBTVLogits) {
  const tb::ModelConfig config = make_config(37, 16, 1, 2, 8);
  const tb::Weights weights = make_weights(config, 31);
  const std::vector<int32_t> tokens = tb::make_tokens(2, 5, config.vocab_size, 37);
  const size_t n = 2u * 5u * 37u;

  // A distinctive NaN pattern after the B*T*V floats must survive the call.
  const float sentinel = std::bit_cast<float>(0x7fc0beefu);
  std::vector<float> buffer(n + 64, sentinel);
  const std::unique_ptr<tb::Model> model = plugin().create_model(config, weights);
  model->set_threads(two_threads());
  model->forward(tokens, 2, 5, buffer);

  for (size_t i = n; i < buffer.size(); ++i) {
    ASSERT_EQ(std::bit_cast<uint32_t>(buffer[i]), 0x7fc0beefu) << "float " << i << " past B*T*V was written";
  }
  for (size_t i = 0; i < n; ++i) {
    ASSERT_EQ(buffer[i], buffer[i]) << "logit " << i << " is NaN or was not written";
  }
}

TEST_P(BackendTest, ModelsDoNotShareState) {
  // Two models with different configs, called alternately with different shapes.
  const tb::ModelConfig config_a = make_config(50, 32, 2, 4, 16);
  const tb::ModelConfig config_b = make_config(23, 12, 1, 3, 9);
  const tb::Weights weights_a = make_weights(config_a, 41);
  const tb::Weights weights_b = make_weights(config_b, 43);
  const std::vector<int32_t> tokens_a = tb::make_tokens(4, 16, config_a.vocab_size, 47);
  const std::vector<int32_t> tokens_b = tb::make_tokens(2, 9, config_b.vocab_size, 53);
  const std::vector<float> expected_a = scalar_logits(config_a, weights_a, tokens_a, 4, 16);
  const std::vector<float> expected_b = scalar_logits(config_b, weights_b, tokens_b, 2, 9);

  const std::unique_ptr<tb::Model> model_a = plugin().create_model(config_a, weights_a);
  const std::unique_ptr<tb::Model> model_b = plugin().create_model(config_b, weights_b);
  for (int round = 0; round < 2; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    const std::vector<float> logits_a = run_forward(*model_a, tokens_a, 4, 16, config_a.vocab_size);
    const std::vector<float> logits_b = run_forward(*model_b, tokens_b, 2, 9, config_b.vocab_size);
    EXPECT_TRUE(logits_near(logits_a, expected_a, 4, 16, config_a.vocab_size, kLogitTolerance));
    EXPECT_TRUE(logits_near(logits_b, expected_b, 2, 9, config_b.vocab_size, kLogitTolerance));
  }
}

TEST_P(BackendTest, ConcurrentModelsAgree) {
  if ((plugin().info().capabilities & TB_CAPABILITY_CONCURRENT_MODELS) == 0) {
    GTEST_SKIP() << GetParam().name << " does not claim TB_CAPABILITY_CONCURRENT_MODELS";
  }
  const tb::ModelConfig config = make_config(50, 32, 2, 4, 16);
  const tb::Weights weights = make_weights(config, 59);
  const std::vector<int32_t> tokens = tb::make_tokens(2, 16, config.vocab_size, 61);
  const std::vector<float> expected = scalar_logits(config, weights, tokens, 2, 16);

  const std::unique_ptr<tb::Model> first = plugin().create_model(config, weights);
  const std::unique_ptr<tb::Model> second = plugin().create_model(config, weights);
  std::vector<float> logits_first;
  std::vector<float> logits_second;
  std::string error_first;
  std::string error_second;

  // The threads only record errors; gtest assertions stay on the main thread.
  auto run = [&](tb::Model& model, std::vector<float>& logits, std::string& error) {
    try {
      for (int i = 0; i < 5; ++i) logits = run_forward(model, tokens, 2, 16, config.vocab_size);
    } catch (const std::exception& exception) {
      error = exception.what();
    }
  };
  std::thread thread_first(run, std::ref(*first), std::ref(logits_first), std::ref(error_first));
  std::thread thread_second(run, std::ref(*second), std::ref(logits_second), std::ref(error_second));
  thread_first.join();
  thread_second.join();

  ASSERT_EQ(error_first, "");
  ASSERT_EQ(error_second, "");
  EXPECT_TRUE(logits_near(logits_first, expected, 2, 16, config.vocab_size, kLogitTolerance));
  EXPECT_TRUE(logits_near(logits_second, expected, 2, 16, config.vocab_size, kLogitTolerance));
}

}  // namespace
