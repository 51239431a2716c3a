// Parsing of the numbers a matrix contains, from YAML scalars and from command-line
// options alike, so both accept the same spellings and give the same messages.
// Integers are decimal with an optional sign; reals are decimal or exponent form
// ("0.5", "1e-4"). Hexadecimal, octal, "_" separators, ".inf" and ".nan" are invalid.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tb {

// A parsed value, or the reason it is invalid, e.g. "expected a positive integer,
// got 'abc'".
template <typename T>
struct Parsed {
  std::optional<T> value;
  std::string error;
};

enum class Sign { kPositive, kNonNegative };

Parsed<int> parse_int(std::string_view text, Sign sign);
Parsed<uint64_t> parse_seed(std::string_view text);
// Finite reals only.
Parsed<double> parse_real(std::string_view text, Sign sign);

// Splits "1,2, 4" into {"1", "2", "4"}, trimming spaces. Empty items stay, so the
// caller can reject "1,,2".
std::vector<std::string> split_list(std::string_view text);

}  // namespace tb
