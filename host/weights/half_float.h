// Conversion of the 16-bit floating-point formats found in weight files to float32:
// IEEE 754 binary16 ("F16", "half") and bfloat16 ("BF16", the top half of a float32).
// Both widen exactly: every F16 and BF16 value, including subnormals, infinities and
// NaN, has an exact float32 equivalent.
#pragma once

#include <cstdint>

namespace tb {

float half_to_float(uint16_t bits);
float bfloat16_to_float(uint16_t bits);

}  // namespace tb
