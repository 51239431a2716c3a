// The seeded generator behind weights and tokens: xoshiro256** seeded by SplitMix64,
// stream selection by FNV-1a-64, uniform integers and normal samples.
//
// The pinned numbers come from reference_rng.py, a separate Python transcription of
// SplitMix64, xoshiro256**, FNV-1a and the polar method, so they check the C++ code
// against a second implementation, not only against its own past output.
#include <cmath>
#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

#include "model/normal_rng.h"
#include "model/weights.h"

namespace {

TEST(Rng, MatchesReferenceSequence) {
  tb::Rng rng(0);
  EXPECT_EQ(rng.next_u64(), 0x99ec5f36cb75f2b4ull);
  EXPECT_EQ(rng.next_u64(), 0xbf6e1f784956452aull);
  EXPECT_EQ(rng.next_u64(), 0x1a5f849d4933e6e0ull);
}

TEST(Rng, StreamSeedIsSeedXorFnv1a) {
  // 0xaf63dc4c8601ec8c is FNV-1a-64 of the one-byte string "a".
  tb::Rng stream = tb::Rng::for_stream(12345, "a");
  tb::Rng direct(12345ull ^ 0xaf63dc4c8601ec8cull);
  for (int i = 0; i < 8; ++i) EXPECT_EQ(stream.next_u64(), direct.next_u64()) << "draw " << i;
}

TEST(Rng, StreamsDiffer) {
  tb::Rng first = tb::Rng::for_stream(0, "blocks.0.attn.wq");
  tb::Rng second = tb::Rng::for_stream(0, "blocks.0.attn.wk");
  EXPECT_NE(first.next_u64(), second.next_u64());
}

TEST(Rng, BelowStaysInRange) {
  tb::Rng rng(3);
  for (uint32_t n : {1u, 2u, 3u, 37u, 101u, 65536u, 4294967295u}) {
    for (int i = 0; i < 1000; ++i) {
      const uint32_t value = rng.below(n);
      ASSERT_LT(value, n) << "n = " << n;
    }
  }
}

TEST(Rng, NormalMoments) {
  // 200000 samples: the standard error of the mean is 0.0022 and of the variance
  // 0.0032, so the bounds below are more than 4 standard errors wide.
  tb::Rng rng(11);
  const int n = 200000;
  double sum = 0.0;
  double sum_squares = 0.0;
  for (int i = 0; i < n; ++i) {
    const double x = rng.normal();
    sum += x;
    sum_squares += x * x;
  }
  const double mean = sum / n;
  const double variance = sum_squares / n - mean * mean;
  EXPECT_NEAR(mean, 0.0, 0.01);
  EXPECT_NEAR(variance, 1.0, 0.015);
}

TEST(MakeTokens, PinnedValues) {
  EXPECT_EQ(tb::make_tokens(1, 8, 20, 0), (std::vector<int32_t>{15, 10, 12, 12, 9, 7, 15, 17}));
  EXPECT_EQ(tb::make_tokens(2, 4, 101, 7), (std::vector<int32_t>{28, 43, 45, 73, 42, 73, 21, 75}));
}

TEST(MakeTokens, RangeAndDeterminism) {
  const std::vector<int32_t> tokens = tb::make_tokens(5, 64, 37, 9);
  ASSERT_EQ(tokens.size(), 5u * 64u);
  for (int32_t token : tokens) {
    EXPECT_GE(token, 0);
    EXPECT_LT(token, 37);
  }
  EXPECT_EQ(tb::make_tokens(5, 64, 37, 9), tokens);
  EXPECT_NE(tb::make_tokens(5, 64, 37, 10), tokens);
}

TEST(MakeTokens, RejectsEmptyVocabulary) {
  EXPECT_THROW(tb::make_tokens(1, 4, 0, 0), std::invalid_argument);
}

}  // namespace
