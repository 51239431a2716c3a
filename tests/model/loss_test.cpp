// next_token_loss() on examples small enough to work out by hand.
#include <cmath>
#include <stdexcept>
#include <vector>

#include <gtest/gtest.h>

#include "model/loss.h"

namespace {

TEST(NextTokenLoss, HandComputedExample) {
  // B=1, T=3, V=2. Position 0 has logits (0, 0) and target tokens[1] = 0, so its
  // loss is ln 2. Position 1 has logits (ln 3, 0), softmax (3/4, 1/4), and target
  // tokens[2] = 1, so its loss is ln 4. Position 2 has no target and is ignored.
  const std::vector<float> logits = {0.0f, 0.0f, static_cast<float>(std::log(3.0)), 0.0f, 100.0f, -100.0f};
  const std::vector<int32_t> tokens = {1, 0, 1};
  const double expected = (std::log(2.0) + std::log(4.0)) / 2.0;
  EXPECT_NEAR(tb::next_token_loss(logits, tokens, 1, 3, 2), expected, 1e-7);
}

TEST(NextTokenLoss, AveragesOverBatch) {
  // B=2, T=2, V=3, so each sequence has one target. Sequence 0 predicts token 2 from
  // uniform logits, a loss of ln 3. Sequence 1 predicts token 0 from logits
  // (0, ln 2, 0), which give it probability 1/4, a loss of ln 4.
  const float ln2 = static_cast<float>(std::log(2.0));
  const std::vector<float> logits = {1.0f, 1.0f, 1.0f, 9.0f, 9.0f, 9.0f, 0.0f, ln2, 0.0f, 9.0f, 9.0f, 9.0f};
  const std::vector<int32_t> tokens = {0, 2, 1, 0};
  const double expected = (std::log(3.0) + std::log(4.0)) / 2.0;
  EXPECT_NEAR(tb::next_token_loss(logits, tokens, 2, 2, 3), expected, 1e-7);
}

TEST(NextTokenLoss, StableForLargeLogits) {
  // exp(1000) overflows double; the max-shifted sum must not.
  const std::vector<float> logits = {1000.0f, 0.0f, 0.0f, 0.0f};
  const std::vector<int32_t> tokens = {0, 0};
  EXPECT_NEAR(tb::next_token_loss(logits, tokens, 1, 2, 2), 0.0, 1e-12);

  const std::vector<int32_t> unlikely = {0, 1};
  EXPECT_NEAR(tb::next_token_loss(logits, unlikely, 1, 2, 2), 1000.0, 1e-9);
}

TEST(NextTokenLoss, NaNForSingleToken) {
  const std::vector<float> logits = {0.5f, 1.5f};
  const std::vector<int32_t> tokens = {1};
  EXPECT_TRUE(std::isnan(tb::next_token_loss(logits, tokens, 1, 1, 2)));
}

TEST(NextTokenLoss, RejectsShortSpans) {
  const std::vector<float> logits(5, 0.0f);
  const std::vector<int32_t> tokens = {0, 1, 0};
  EXPECT_THROW(tb::next_token_loss(logits, tokens, 1, 3, 2), std::invalid_argument);
}

}  // namespace
