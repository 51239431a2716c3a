// portable_log() against the C library's log over the whole positive double range.
#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "model/normal_rng.h"

namespace {

// 1e-15 relative is about 4.5 ulp at the top of a binade.
constexpr double kRelativeTolerance = 1e-15;

void expect_close_to_log(double x) {
  const double expected = std::log(x);
  const double actual = tb::portable_log(x);
  if (expected == 0.0) {
    EXPECT_EQ(actual, 0.0) << "x = " << x;
    return;
  }
  EXPECT_LE(std::fabs(actual - expected), kRelativeTolerance * std::fabs(expected))
      << "x = " << x << ", std::log = " << expected << ", portable_log = " << actual;
}

TEST(PortableLog, WholeExponentRange) {
  // Mantissas on both sides of the sqrt(1/2) split, times every power of two from the
  // smallest subnormal up to the largest finite binade.
  for (double mantissa : {1.0, 1.0000001, 1.1, 1.41421356, 1.4142136, 1.5, 1.75, 1.9999999}) {
    for (int exponent = -1074; exponent <= 1023; ++exponent) {
      const double x = std::ldexp(mantissa, exponent);
      if (x == 0.0 || std::isinf(x)) continue;
      expect_close_to_log(x);
    }
  }
}

TEST(PortableLog, NearOne) {
  for (double delta : {1e-12, 1e-9, 1e-6, 1e-3, 0.1}) {
    expect_close_to_log(1.0 + delta);
    expect_close_to_log(1.0 - delta);
  }
}

TEST(PortableLog, DenseRangeUsedBySampler) {
  // The polar method takes the log of s in (0, 1).
  for (int i = 1; i < 100000; ++i) expect_close_to_log(i / 100000.0);
}

TEST(PortableLog, ExactValues) {
  EXPECT_EQ(tb::portable_log(1.0), 0.0);
  EXPECT_NEAR(tb::portable_log(2.0), 0.69314718055994530942, 1e-16);
  EXPECT_NEAR(tb::portable_log(std::numeric_limits<double>::max()), std::log(std::numeric_limits<double>::max()),
              1e-12);
  EXPECT_NEAR(tb::portable_log(std::numeric_limits<double>::denorm_min()), -744.44007192138126, 1e-12);
}

}  // namespace
