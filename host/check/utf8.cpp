#include "check/utf8.h"

#include <cstdint>

namespace tb::check {

bool is_valid_utf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<uint8_t>(text[i]);
    if (lead < 0x80) {
      ++i;
      continue;
    }

    // The allowed range of the second byte depends on the lead byte. The ranges
    // below exclude overlong forms, surrogates and code points above U+10FFFF.
    size_t length = 0;
    uint8_t second_min = 0x80;
    uint8_t second_max = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) second_min = 0xA0;
      if (lead == 0xED) second_max = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) second_min = 0x90;
      if (lead == 0xF4) second_max = 0x8F;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;

    const auto second = static_cast<uint8_t>(text[i + 1]);
    if (second < second_min || second > second_max) return false;
    for (size_t k = 2; k < length; ++k) {
      const auto continuation = static_cast<uint8_t>(text[i + k]);
      if (continuation < 0x80 || continuation > 0xBF) return false;
    }
    i += length;
  }
  return true;
}

}  // namespace tb::check
