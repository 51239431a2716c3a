#include "bench/statistics.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <vector>

namespace tb {

double quantile(std::span<const double> samples, double q) {
  if (samples.empty()) throw std::invalid_argument("quantile of no samples");
  if (!(q >= 0.0 && q <= 1.0)) throw std::invalid_argument("quantile q must be in [0, 1], got " + std::to_string(q));

  std::vector<double> sorted(samples.begin(), samples.end());
  std::sort(sorted.begin(), sorted.end());

  const double position = q * static_cast<double>(sorted.size() - 1);
  const size_t lower = static_cast<size_t>(std::floor(position));
  const size_t upper = std::min(lower + 1, sorted.size() - 1);
  const double fraction = position - static_cast<double>(lower);
  return sorted[lower] + fraction * (sorted[upper] - sorted[lower]);
}

TimingStats summarize(std::span<const double> samples_ms) {
  if (samples_ms.empty()) throw std::invalid_argument("timing statistics of no samples");

  TimingStats stats;
  stats.samples_ms.assign(samples_ms.begin(), samples_ms.end());
  const double n = static_cast<double>(samples_ms.size());

  stats.median_ms = quantile(samples_ms, 0.5);
  stats.p90_ms = quantile(samples_ms, 0.9);
  stats.min_ms = *std::min_element(samples_ms.begin(), samples_ms.end());
  stats.max_ms = *std::max_element(samples_ms.begin(), samples_ms.end());
  stats.mean_ms = std::accumulate(samples_ms.begin(), samples_ms.end(), 0.0) / n;

  double squares = 0.0;
  for (double sample : samples_ms) squares += (sample - stats.mean_ms) * (sample - stats.mean_ms);
  stats.stddev_ms = samples_ms.size() > 1 ? std::sqrt(squares / (n - 1.0)) : 0.0;
  stats.cv = stats.mean_ms > 0.0 ? stats.stddev_ms / stats.mean_ms : 0.0;
  return stats;
}

}  // namespace tb
