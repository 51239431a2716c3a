// Mann-Whitney U: ranks, the exact null distribution and the normal approximation.
#include "results/mann_whitney.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <utility>
#include <vector>

namespace tb {

namespace {

struct RankSums {
  double u1 = 0;
  double tie_term = 0;  // sum over groups of tied values of t^3 - t
  bool has_ties = false;
};

void check_samples(std::span<const double> first, std::span<const double> second) {
  if (first.empty() || second.empty()) {
    throw std::invalid_argument("Mann-Whitney U test: both samples need at least one value, got " +
                                std::to_string(first.size()) + " and " + std::to_string(second.size()));
  }
  for (std::span<const double> sample : {first, second}) {
    for (double value : sample) {
      if (std::isnan(value)) throw std::invalid_argument("Mann-Whitney U test: a sample value is NaN");
    }
  }
}

// Ranks both samples together, tied values sharing the mean of their ranks, and
// returns u1 = R1 - n1 (n1 + 1) / 2, where R1 is the rank sum of the first sample.
RankSums rank_sums(std::span<const double> first, std::span<const double> second) {
  std::vector<std::pair<double, bool>> values;  // (value, belongs to the first sample)
  values.reserve(first.size() + second.size());
  for (double value : first) values.emplace_back(value, true);
  for (double value : second) values.emplace_back(value, false);
  std::sort(values.begin(), values.end(), [](const auto& a, const auto& b) { return a.first < b.first; });

  RankSums sums;
  double rank_sum_first = 0;
  size_t i = 0;
  while (i < values.size()) {
    size_t j = i;
    while (j < values.size() && values[j].first == values[i].first) ++j;

    // Ranks are 1-based, so the group [i, j) covers ranks i + 1 .. j.
    const double group_size = static_cast<double>(j - i);
    const double mean_rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2.0;
    for (size_t k = i; k < j; ++k) {
      if (values[k].second) rank_sum_first += mean_rank;
    }
    if (j - i > 1) {
      sums.has_ties = true;
      sums.tie_term += group_size * group_size * group_size - group_size;
    }
    i = j;
  }

  const double n1 = static_cast<double>(first.size());
  sums.u1 = rank_sum_first - n1 * (n1 + 1.0) / 2.0;
  return sums;
}

// Number of orderings of n1 + n2 distinct values giving each U = 0 .. n1 * n2, by
// f(i, j, u) = f(i - 1, j, u - j) + f(i, j - 1, u): the largest value belongs either
// to the first sample (beating all j values of the second) or to the second.
// Only additions of positive counts, so there is no cancellation; as doubles the
// counts are exact up to 2^53 and carry 16 significant digits beyond.
std::vector<double> u_distribution(size_t n1, size_t n2) {
  // previous[j] is f(i - 1, j, .); current[j] is f(i, j, .).
  std::vector<std::vector<double>> previous(n2 + 1, std::vector<double>{1.0});
  for (size_t i = 1; i <= n1; ++i) {
    std::vector<std::vector<double>> current(n2 + 1);
    current[0] = {1.0};
    for (size_t j = 1; j <= n2; ++j) {
      std::vector<double>& counts = current[j];
      counts.assign(i * j + 1, 0.0);
      for (size_t u = 0; u < previous[j].size(); ++u) counts[u + j] += previous[j][u];
      for (size_t u = 0; u < current[j - 1].size(); ++u) counts[u] += current[j - 1][u];
    }
    previous = std::move(current);
  }
  return previous[n2];
}

}  // namespace

std::string to_string(MannWhitneyMethod method) {
  switch (method) {
    case MannWhitneyMethod::kExact: return "exact";
    case MannWhitneyMethod::kNormalApproximation: return "normal approximation";
    case MannWhitneyMethod::kTooFewSamples:
      return "too few samples (n<" + std::to_string(kMannWhitneyMinSamples) + ")";
  }
  return "unknown";
}

MannWhitneyResult mann_whitney_u(std::span<const double> first, std::span<const double> second) {
  if (first.size() < kMannWhitneyMinSamples || second.size() < kMannWhitneyMinSamples) {
    MannWhitneyResult result;
    result.n1 = first.size();
    result.n2 = second.size();
    result.p_value = std::numeric_limits<double>::quiet_NaN();
    if (!first.empty() && !second.empty()) {
      check_samples(first, second);
      const RankSums sums = rank_sums(first, second);
      result.u1 = sums.u1;
      result.u2 = static_cast<double>(first.size() * second.size()) - sums.u1;
      result.has_ties = sums.has_ties;
    }
    return result;
  }

  check_samples(first, second);
  const bool small = first.size() <= kMannWhitneyExactMaxSamples && second.size() <= kMannWhitneyExactMaxSamples;
  if (small && !rank_sums(first, second).has_ties) return mann_whitney_exact(first, second);
  return mann_whitney_normal(first, second);
}

MannWhitneyResult mann_whitney_exact(std::span<const double> first, std::span<const double> second) {
  check_samples(first, second);
  const RankSums sums = rank_sums(first, second);
  if (sums.has_ties) {
    throw std::invalid_argument("Mann-Whitney U test: the exact test needs samples without tied values");
  }

  MannWhitneyResult result;
  result.method = MannWhitneyMethod::kExact;
  result.n1 = first.size();
  result.n2 = second.size();
  result.u1 = sums.u1;
  result.u2 = static_cast<double>(result.n1 * result.n2) - sums.u1;

  const std::vector<double> counts = u_distribution(result.n1, result.n2);
  double total = 0;
  for (double count : counts) total += count;

  // Without ties U is a whole number, and the distribution is symmetric about
  // n1 n2 / 2, so the lower tail of the smaller U is one half of the p-value.
  const auto u_min = static_cast<size_t>(std::llround(std::min(result.u1, result.u2)));
  double tail = 0;
  for (size_t u = 0; u <= u_min; ++u) tail += counts[u];
  result.p_value = std::min(1.0, 2.0 * tail / total);
  return result;
}

MannWhitneyResult mann_whitney_normal(std::span<const double> first, std::span<const double> second) {
  check_samples(first, second);
  const RankSums sums = rank_sums(first, second);

  MannWhitneyResult result;
  result.method = MannWhitneyMethod::kNormalApproximation;
  result.n1 = first.size();
  result.n2 = second.size();
  result.u1 = sums.u1;
  result.u2 = static_cast<double>(result.n1 * result.n2) - sums.u1;
  result.has_ties = sums.has_ties;

  const double n1 = static_cast<double>(result.n1);
  const double n2 = static_cast<double>(result.n2);
  const double n = n1 + n2;
  const double mean = n1 * n2 / 2.0;
  const double tie_correction = n > 1 ? sums.tie_term / (n * (n - 1.0)) : 0.0;
  const double variance = n1 * n2 / 12.0 * ((n + 1.0) - tie_correction);
  if (!(variance > 0)) {
    result.z = 0;
    result.p_value = 1;  // every value tied: no evidence of a difference
    return result;
  }

  // The continuity correction moves |U - mean| half a step towards the mean, but
  // never past it.
  const double distance = std::max(0.0, std::fabs(result.u1 - mean) - 0.5);
  result.z = distance / std::sqrt(variance);
  if (result.u1 < mean) result.z = -result.z;
  result.p_value = std::min(1.0, std::erfc(std::fabs(result.z) / std::sqrt(2.0)));
  return result;
}

}  // namespace tb
