// The Mann-Whitney U test against values computed independently: by hand from the
// textbook formulas, and by enumerating every possible split of the ranks.
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "results/mann_whitney.h"

namespace tb {
namespace {

TEST(MannWhitney, SeparatedSamplesExact) {
  // No value of the first sample beats one of the second, so U1 = 0 and U2 = 25. Of
  // the C(10, 5) = 252 equally likely rank sets, only one gives U <= 0, so the
  // two-sided p is 2 / 252.
  const std::vector<double> first{1, 2, 3, 4, 5};
  const std::vector<double> second{6, 7, 8, 9, 10};
  const MannWhitneyResult result = mann_whitney_u(first, second);
  EXPECT_EQ(result.method, MannWhitneyMethod::kExact);
  EXPECT_EQ(result.u1, 0);
  EXPECT_EQ(result.u2, 25);
  EXPECT_NEAR(result.p_value, 2.0 / 252.0, 1e-15);
}

TEST(MannWhitney, InterleavedSamplesExact) {
  // Pairs with x > y: 1 beats none, 3 beats 2, 5 beats 2 and 4, 7 beats three, 9
  // beats four: U1 = 0 + 1 + 2 + 3 + 4 = 10, U2 = 15. Enumerating all 252 ways to
  // choose the first sample's 5 ranks out of 10, 87 give U <= 10, so p = 2 * 87 / 252.
  const std::vector<double> first{1, 3, 5, 7, 9};
  const std::vector<double> second{2, 4, 6, 8, 10};
  const MannWhitneyResult result = mann_whitney_u(first, second);
  EXPECT_EQ(result.method, MannWhitneyMethod::kExact);
  EXPECT_EQ(result.u1, 10);
  EXPECT_EQ(result.u2, 15);
  EXPECT_NEAR(result.p_value, 2.0 * 87.0 / 252.0, 1e-15);
}

TEST(MannWhitney, ExactAtLargestSize) {
  // 20 against 20, fully separated: p = 2 / C(40, 20) = 2 / 137846528820.
  std::vector<double> first, second;
  for (int i = 0; i < 20; ++i) {
    first.push_back(100 + i);
    second.push_back(i);
  }
  const MannWhitneyResult result = mann_whitney_u(first, second);
  EXPECT_EQ(result.method, MannWhitneyMethod::kExact);
  EXPECT_EQ(result.u1, 400);
  EXPECT_NEAR(result.p_value / (2.0 / 137846528820.0), 1.0, 1e-12);
}

TEST(MannWhitney, NormalApproximationWithoutTies) {
  // Same samples as SeparatedSamplesExact. mean = 25 / 2 = 12.5,
  // sigma^2 = 5 * 5 * 11 / 12 = 22.9167, z = (12.5 - 0.5) / 4.78714 = 2.50672,
  // p = erfc(2.50672 / sqrt 2) = 0.0121858.
  const std::vector<double> first{1, 2, 3, 4, 5};
  const std::vector<double> second{6, 7, 8, 9, 10};
  const MannWhitneyResult result = mann_whitney_normal(first, second);
  EXPECT_EQ(result.method, MannWhitneyMethod::kNormalApproximation);
  EXPECT_EQ(result.u1, 0);
  EXPECT_NEAR(result.z, -2.50672, 1e-5);
  EXPECT_NEAR(result.p_value, 0.0121858, 1e-7);
}

TEST(MannWhitney, NormalApproximationWithTies) {
  // Sorted together: 1a 2a 2a 2b 3a 4b 5a 5b 6b 7b 8b (n = 11). Ranks: 1, the three
  // 2s share 3, 3 is 5, 4 is 6, the two 5s share 7.5, then 9, 10, 11.
  // R1 = 1 + 3 + 3 + 5 + 7.5 = 19.5, U1 = 19.5 - 5 * 6 / 2 = 4.5, U2 = 30 - 4.5 = 25.5.
  // Tie groups of 3 and 2: sum(t^3 - t) = 24 + 6 = 30.
  // sigma^2 = 5 * 6 / 12 * (12 - 30 / (11 * 10)) = 29.3182, sigma = 5.41463.
  // z = -(|4.5 - 15| - 0.5) / 5.41463 = -1.84685, p = erfc(1.84685 / sqrt 2) = 0.0647690.
  const std::vector<double> first{1, 2, 2, 3, 5};
  const std::vector<double> second{2, 4, 5, 6, 7, 8};
  const MannWhitneyResult result = mann_whitney_u(first, second);
  EXPECT_EQ(result.method, MannWhitneyMethod::kNormalApproximation);
  EXPECT_TRUE(result.has_ties);
  EXPECT_EQ(result.u1, 4.5);
  EXPECT_EQ(result.u2, 25.5);
  EXPECT_NEAR(result.z, -1.84685, 1e-5);
  EXPECT_NEAR(result.p_value, 0.0647690, 1e-7);
}

TEST(MannWhitney, LargeSamplesUseNormalApproximation) {
  std::vector<double> first, second;
  for (int i = 0; i < 21; ++i) {
    first.push_back(i);
    second.push_back(i + 0.5);
  }
  EXPECT_EQ(mann_whitney_u(first, second).method, MannWhitneyMethod::kNormalApproximation);
}

TEST(MannWhitney, AllTiedGivesPOne) {
  const std::vector<double> same(6, 3.0);
  const MannWhitneyResult result = mann_whitney_u(same, same);
  EXPECT_EQ(result.method, MannWhitneyMethod::kNormalApproximation);
  EXPECT_EQ(result.u1, 18);
  EXPECT_EQ(result.p_value, 1);
}

TEST(MannWhitney, TooFewSamplesGiveNoP) {
  const std::vector<double> four{1, 2, 3, 4};
  const std::vector<double> five{5, 6, 7, 8, 9};
  const MannWhitneyResult result = mann_whitney_u(four, five);
  EXPECT_EQ(result.method, MannWhitneyMethod::kTooFewSamples);
  EXPECT_TRUE(std::isnan(result.p_value));
  EXPECT_EQ(result.u1, 0);
  EXPECT_EQ(to_string(result.method), "too few samples (n<5)");
}

TEST(MannWhitney, ExactRejectsTies) {
  const std::vector<double> first{1, 2, 3, 4, 5};
  const std::vector<double> second{5, 6, 7, 8, 9};
  EXPECT_THROW(mann_whitney_exact(first, second), std::invalid_argument);
}

TEST(MannWhitney, EmptySampleIsRejected) {
  const std::vector<double> empty;
  const std::vector<double> some{1, 2, 3, 4, 5};
  EXPECT_THROW(mann_whitney_normal(empty, some), std::invalid_argument);
  EXPECT_EQ(mann_whitney_u(empty, some).method, MannWhitneyMethod::kTooFewSamples);
}

}  // namespace
}  // namespace tb
