#include "config/scalar_values.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <system_error>

namespace tb {

namespace {

std::string quoted(std::string_view text) {
  std::string result = "'";
  result += text;
  result += '\'';
  return result;
}

const char* integer_kind(Sign sign) { return sign == Sign::kPositive ? "a positive integer" : "a non-negative integer"; }

const char* real_kind(Sign sign) { return sign == Sign::kPositive ? "a positive number" : "a non-negative number"; }

// from_chars rejects a leading '+', which YAML allows.
std::string_view without_plus(std::string_view text) {
  if (text.size() > 1 && text.front() == '+' && text[1] != '-') text.remove_prefix(1);
  return text;
}

bool only_decimal_digits(std::string_view text) {
  if (!text.empty() && text.front() == '-') text.remove_prefix(1);
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

Parsed<int> parse_int(std::string_view text, Sign sign) {
  const std::string_view digits = without_plus(text);
  const std::string expected = std::string("expected ") + integer_kind(sign) + ", got " + quoted(text);
  if (!only_decimal_digits(digits)) return {std::nullopt, expected};

  // Parse as 64 bits first, so an overflowing value gets its own message.
  long long wide = 0;
  const auto [end, status] = std::from_chars(digits.data(), digits.data() + digits.size(), wide);
  const bool negative = digits.front() == '-';
  if (status == std::errc::result_out_of_range || (status == std::errc() && wide > std::numeric_limits<int>::max())) {
    if (negative) return {std::nullopt, expected};
    return {std::nullopt, std::string("expected ") + integer_kind(sign) + " no larger than " +
                              std::to_string(std::numeric_limits<int>::max()) + ", got " + quoted(text)};
  }
  if (status != std::errc() || end != digits.data() + digits.size()) return {std::nullopt, expected};

  if (wide < 0 || (sign == Sign::kPositive && wide == 0)) return {std::nullopt, expected};
  return {static_cast<int>(wide), {}};
}

Parsed<uint64_t> parse_seed(std::string_view text) {
  const std::string_view digits = without_plus(text);
  const std::string expected = "expected an integer from 0 to " +
                               std::to_string(std::numeric_limits<uint64_t>::max()) + ", got " + quoted(text);
  if (!only_decimal_digits(digits) || digits.front() == '-') return {std::nullopt, expected};

  uint64_t value = 0;
  const auto [end, status] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (status != std::errc() || end != digits.data() + digits.size()) return {std::nullopt, expected};
  return {value, {}};
}

Parsed<double> parse_real(std::string_view text, Sign sign) {
  const std::string_view number = without_plus(text);
  const std::string expected = std::string("expected ") + real_kind(sign) + ", got " + quoted(text);

  // from_chars also reads "inf", "nan" and hexadecimal floats, none of which a
  // matrix means, so only digits, one sign, '.', and an exponent pass.
  for (char c : number) {
    const bool allowed = (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
    if (!allowed) return {std::nullopt, expected};
  }

  double value = 0.0;
  const auto [end, status] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (number.empty() || status != std::errc() || end != number.data() + number.size() || !std::isfinite(value)) {
    return {std::nullopt, expected};
  }
  if (value < 0.0 || (sign == Sign::kPositive && value == 0.0)) return {std::nullopt, expected};
  return {value, {}};
}

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> items;
  size_t start = 0;
  while (true) {
    const size_t comma = text.find(',', start);
    std::string_view item = text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    items.emplace_back(item);
    if (comma == std::string_view::npos) return items;
    start = comma + 1;
  }
}

}  // namespace tb
