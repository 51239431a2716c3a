#include "check/compare.h"

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>

namespace tb::check {

namespace {

std::string locate(size_t index, const LogitsShape& shape) {
  const size_t V = static_cast<size_t>(shape.vocab_size);
  const size_t T = static_cast<size_t>(shape.seq_len);
  char text[96];
  std::snprintf(text, sizeof text, "[%zu, %zu, %zu]", index / (T * V), index / V % T, index % V);
  return text;
}

std::string format_number(const char* format, double value) {
  char text[64];
  std::snprintf(text, sizeof text, format, value);
  return text;
}

std::optional<std::string> compare_sizes(std::span<const float> expected, std::span<const float> actual) {
  if (expected.size() == actual.size()) return std::nullopt;
  return "got " + std::to_string(actual.size()) + " logits, expected " + std::to_string(expected.size());
}

}  // namespace

std::optional<std::string> compare_logits(std::span<const float> expected, std::span<const float> actual,
                                          const LogitsShape& shape, double tolerance) {
  if (auto size_mismatch = compare_sizes(expected, actual)) return size_mismatch;

  size_t n_different = 0;
  size_t worst = 0;
  double worst_excess = 0.0;
  for (size_t i = 0; i < expected.size(); ++i) {
    const double difference = std::fabs(static_cast<double>(actual[i]) - static_cast<double>(expected[i]));
    const double allowed = tolerance * (1.0 + std::fabs(static_cast<double>(expected[i])));
    // Written so that a NaN difference counts as a mismatch.
    if (!(difference <= allowed)) {
      ++n_different;
      const double excess = std::isnan(difference) ? INFINITY : difference / allowed;
      if (n_different == 1 || excess > worst_excess) {
        worst = i;
        worst_excess = excess;
      }
    }
  }
  if (n_different == 0) return std::nullopt;

  const double difference = std::fabs(static_cast<double>(actual[worst]) - static_cast<double>(expected[worst]));
  return "logit " + locate(worst, shape) + " is " + format_number("%.6g", actual[worst]) + ", expected " +
         format_number("%.6g", expected[worst]) + " (difference " + format_number("%.2e", difference) +
         ", tolerance " + format_number("%.0e", tolerance) + "); " + std::to_string(n_different) + " of " +
         std::to_string(expected.size()) + " logits differ";
}

std::optional<std::string> compare_bitwise(std::span<const float> expected, std::span<const float> actual,
                                           const LogitsShape& shape) {
  if (auto size_mismatch = compare_sizes(expected, actual)) return size_mismatch;

  size_t n_different = 0;
  size_t first = 0;
  for (size_t i = 0; i < expected.size(); ++i) {
    if (std::bit_cast<uint32_t>(expected[i]) != std::bit_cast<uint32_t>(actual[i])) {
      if (n_different++ == 0) first = i;
    }
  }
  if (n_different == 0) return std::nullopt;

  return "logit " + locate(first, shape) + " is " + format_number("%.9g", actual[first]) + ", expected " +
         format_number("%.9g", expected[first]) + " bit for bit; " + std::to_string(n_different) + " of " +
         std::to_string(expected.size()) + " logits differ";
}

std::optional<std::string> compare_repeat(std::span<const float> expected, std::span<const float> actual,
                                          const LogitsShape& shape, bool deterministic) {
  return deterministic ? compare_bitwise(expected, actual, shape) : compare_logits(expected, actual, shape);
}

}  // namespace tb::check
