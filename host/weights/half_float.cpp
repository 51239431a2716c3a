// Bit-level widening of binary16 and bfloat16 to binary32.
#include "weights/half_float.h"

#include <bit>

namespace tb {

float half_to_float(uint16_t bits) {
  const uint32_t sign = static_cast<uint32_t>(bits & 0x8000u) << 16;
  const uint32_t exponent = (bits >> 10) & 0x1Fu;
  uint32_t mantissa = bits & 0x3FFu;

  // binary16 has exponent bias 15 and 10 mantissa bits; binary32 has bias 127 and 23.
  uint32_t result = 0;
  if (exponent == 0x1F) {
    result = sign | 0x7F800000u | (mantissa << 13);  // infinity, or NaN with its payload
  } else if (exponent != 0) {
    result = sign | ((exponent + 127 - 15) << 23) | (mantissa << 13);
  } else if (mantissa == 0) {
    result = sign;  // signed zero
  } else {
    // A subnormal half is mantissa * 2^-24; shift it up until the implicit bit is
    // set, lowering the exponent once per shift, which makes it a normal float.
    int32_t shifted_exponent = 127 - 15 + 1;
    while ((mantissa & 0x400u) == 0) {
      mantissa <<= 1;
      --shifted_exponent;
    }
    mantissa &= 0x3FFu;
    result = sign | (static_cast<uint32_t>(shifted_exponent) << 23) | (mantissa << 13);
  }
  return std::bit_cast<float>(result);
}

float bfloat16_to_float(uint16_t bits) { return std::bit_cast<float>(static_cast<uint32_t>(bits) << 16); }

}  // namespace tb
