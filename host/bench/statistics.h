// Summary statistics of a cell's timed forward calls. Pure arithmetic on a list of
// samples, so the tests can check every definition on known numbers.
#pragma once

#include <span>

#include "results/result.h"

namespace tb {

// Quantile q in [0, 1] by linear interpolation between the closest ranks of the
// sorted samples (numpy's default, Hyndman and Fan type 7): position q * (n - 1).
// So q = 0.5 is the median (the mean of the two middle samples for even n) and
// q = 0.9 is the p90. Throws std::invalid_argument for no samples or q outside [0, 1].
double quantile(std::span<const double> samples, double q);

// Median, mean, sample standard deviation (n - 1 denominator; 0 for one sample),
// min, max, p90 and coefficient of variation (stddev / mean), and a copy of the
// samples in their original order. Throws std::invalid_argument for no samples.
TimingStats summarize(std::span<const double> samples_ms);

// Above this coefficient of variation the report marks a timing as noisy.
inline constexpr double kHighCv = 0.05;

}  // namespace tb
