#include "bench/statistics.h"

#include <cmath>
#include <stdexcept>
#include <vector>

#include <gtest/gtest.h>

namespace {

TEST(Statistics, MedianOfOddCount) {
  const std::vector<double> samples{5.0, 1.0, 3.0};
  EXPECT_DOUBLE_EQ(tb::summarize(samples).median_ms, 3.0);
}

TEST(Statistics, MedianOfEvenCountAveragesMiddlePair) {
  const std::vector<double> samples{4.0, 1.0, 3.0, 2.0};
  EXPECT_DOUBLE_EQ(tb::summarize(samples).median_ms, 2.5);
}

TEST(Statistics, P90InterpolatesBetweenRanks) {
  // Sorted 1..10: position 0.9 * 9 = 8.1, so 9 + 0.1 * (10 - 9).
  std::vector<double> samples;
  for (int i = 10; i >= 1; --i) samples.push_back(i);
  EXPECT_NEAR(tb::summarize(samples).p90_ms, 9.1, 1e-12);
}

TEST(Statistics, QuantileEndsAreMinAndMax) {
  const std::vector<double> samples{7.0, 2.0, 9.0};
  EXPECT_DOUBLE_EQ(tb::quantile(samples, 0.0), 2.0);
  EXPECT_DOUBLE_EQ(tb::quantile(samples, 1.0), 9.0);
}

TEST(Statistics, SampleStddevUsesNMinusOne) {
  // Mean 5, squared deviations sum to 32, so stddev = sqrt(32 / 7).
  const std::vector<double> samples{2, 4, 4, 4, 5, 5, 7, 9};
  const tb::TimingStats stats = tb::summarize(samples);
  EXPECT_DOUBLE_EQ(stats.mean_ms, 5.0);
  EXPECT_NEAR(stats.stddev_ms, std::sqrt(32.0 / 7.0), 1e-12);
  EXPECT_NEAR(stats.cv, std::sqrt(32.0 / 7.0) / 5.0, 1e-12);
}

TEST(Statistics, MinMaxAndSamplesInCallOrder) {
  const std::vector<double> samples{3.0, 1.0, 2.0};
  const tb::TimingStats stats = tb::summarize(samples);
  EXPECT_DOUBLE_EQ(stats.min_ms, 1.0);
  EXPECT_DOUBLE_EQ(stats.max_ms, 3.0);
  EXPECT_EQ(stats.samples_ms, samples);
}

TEST(Statistics, SingleSampleHasZeroSpread) {
  const std::vector<double> samples{4.0};
  const tb::TimingStats stats = tb::summarize(samples);
  EXPECT_DOUBLE_EQ(stats.median_ms, 4.0);
  EXPECT_DOUBLE_EQ(stats.p90_ms, 4.0);
  EXPECT_DOUBLE_EQ(stats.stddev_ms, 0.0);
  EXPECT_DOUBLE_EQ(stats.cv, 0.0);
}

TEST(Statistics, NoSamplesThrows) {
  const std::vector<double> none;
  EXPECT_THROW(tb::summarize(none), std::invalid_argument);
  EXPECT_THROW(tb::quantile(none, 0.5), std::invalid_argument);
}

TEST(Statistics, QuantileOutsideUnitIntervalThrows) {
  const std::vector<double> samples{1.0};
  EXPECT_THROW(tb::quantile(samples, 1.5), std::invalid_argument);
  EXPECT_THROW(tb::quantile(samples, -0.1), std::invalid_argument);
}

}  // namespace
