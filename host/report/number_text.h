// Number formatting shared by the written reports (markdown, csv, compare, charts):
// fixed-point text with a given number of significant digits, and the exact
// shortest form for machine-readable output.
#pragma once

#include <string>

namespace tb::text {

// Fixed-point with `digits` significant digits and no exponent: 0.0123, 12.3, 1235.
// "-" for NaN, infinity and 0 when zero_is_unknown is set.
std::string significant(double value, int digits = 3, bool zero_is_unknown = false);

// printf("%.<decimals>f"); "-" for NaN and infinity.
std::string fixed(double value, int decimals);

// The shortest text that reads back as the same double (std::to_chars); empty for
// NaN and infinity.
std::string shortest(double value);

}  // namespace tb::text
