// Comparison of two logits arrays, with a message that locates the worst element.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>

namespace tb::check {

// A logit matches when |actual - expected| <= kLogitTolerance * (1 + |expected|):
// 1e-4 absolute for the O(1) logits of the test models, relative for larger ones.
inline constexpr double kLogitTolerance = 1e-4;

struct LogitsShape {
  int batch_size;
  int seq_len;
  int vocab_size;
};

// Empty when every element matches within `tolerance`; otherwise a message such as
// "logit [0, 3, 17] is 0.51234, expected 0.50111 (difference 1.1e-02, tolerance
// 1e-04); 12 of 960 logits differ". Sizes that differ are reported too.
std::optional<std::string> compare_logits(std::span<const float> expected, std::span<const float> actual,
                                          const LogitsShape& shape, double tolerance = kLogitTolerance);

// Empty when both arrays hold the same bits.
std::optional<std::string> compare_bitwise(std::span<const float> expected, std::span<const float> actual,
                                           const LogitsShape& shape);

// Compares two runs of one backend on the same input: bit for bit when the backend
// claims TB_CAPABILITY_DETERMINISTIC, within kLogitTolerance otherwise.
std::optional<std::string> compare_repeat(std::span<const float> expected, std::span<const float> actual,
                                          const LogitsShape& shape, bool deterministic);

}  // namespace tb::check
