// The two-sided Mann-Whitney U test (Wilcoxon rank-sum test) on two independent
// samples, used by `compare` to tell a real change of forward time from noise. It
// makes no normality assumption, which suits timings: they are skewed and have
// outliers. Pure arithmetic, no I/O.
#pragma once

#include <cstddef>
#include <span>
#include <string>

namespace tb {

enum class MannWhitneyMethod {
  kExact,                // the exact null distribution of U, counted
  kNormalApproximation,  // z with tie and continuity corrections
  kTooFewSamples,        // no test: a side has fewer than kMannWhitneyMinSamples
};

std::string to_string(MannWhitneyMethod method);

// Below this many samples on either side no test is reported: with 4 against 4 the
// smallest possible two-sided exact p-value is 2/70 = 0.029, so almost nothing can
// be significant, and the normal approximation is poor.
inline constexpr size_t kMannWhitneyMinSamples = 5;

// With no tied values and at most this many samples on each side the exact p-value
// is used. Beyond it the normal approximation is close (the usual rule of thumb is
// n > 20 per side) and the exact count gets slow (it grows as n1^2 * n2^2).
inline constexpr size_t kMannWhitneyExactMaxSamples = 20;

struct MannWhitneyResult {
  MannWhitneyMethod method = MannWhitneyMethod::kTooFewSamples;
  size_t n1 = 0;
  size_t n2 = 0;
  // U of the first sample: the number of pairs (x from the first, y from the
  // second) with x > y, each tie counting 1/2. u2 = n1 * n2 - u1.
  double u1 = 0;
  double u2 = 0;
  double z = 0;        // normal approximation only; 0 otherwise
  double p_value = 1;  // two-sided; NaN when method is kTooFewSamples
  bool has_ties = false;
};

// Runs the test with the method that suits the samples. Below kMannWhitneyMinSamples
// on either side there is no test. Without ties and with at most
// kMannWhitneyExactMaxSamples per side the test is exact, and otherwise it uses the
// normal approximation.
MannWhitneyResult mann_whitney_u(std::span<const double> first, std::span<const double> second);

// The exact two-sided p-value, 2 * P(U <= min(u1, u2)) capped at 1, from the
// distribution of U under the null hypothesis without ties. Throws
// std::invalid_argument when the samples contain ties or a side is empty.
MannWhitneyResult mann_whitney_exact(std::span<const double> first, std::span<const double> second);

// z = (|u1 - n1 n2 / 2| - 1/2) / sigma with the tie-corrected
// sigma^2 = n1 n2 / 12 * ((n + 1) - sum(t^3 - t) / (n (n - 1))), where t runs over
// the sizes of groups of tied values, and p = erfc(|z| / sqrt 2). p is 1 when every
// value is tied. Throws std::invalid_argument when a side is empty.
MannWhitneyResult mann_whitney_normal(std::span<const double> first, std::span<const double> second);

}  // namespace tb
