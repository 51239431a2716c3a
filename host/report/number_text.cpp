// Number formatting for the written reports.
#include "report/number_text.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace tb::text {

std::string significant(double value, int digits, bool zero_is_unknown) {
  if (!std::isfinite(value) || (zero_is_unknown && value == 0)) return "-";
  if (value == 0) return "0";

  const int magnitude = static_cast<int>(std::floor(std::log10(std::fabs(value))));
  const int decimals = std::max(0, digits - 1 - magnitude);
  return fixed(value, decimals);
}

std::string fixed(double value, int decimals) {
  if (!std::isfinite(value)) return "-";
  // 309 integer digits is the most a double has.
  char buffer[512];
  std::snprintf(buffer, sizeof(buffer), "%.*f", std::min(decimals, 100), value);
  return buffer;
}

std::string shortest(double value) {
  if (!std::isfinite(value)) return "";
  char buffer[64];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof(buffer), value);
  if (error != std::errc()) return "";
  return std::string(buffer, end);
}

}  // namespace tb::text
