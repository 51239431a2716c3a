// UTF-8 validation for the strings a plugin hands the host (metadata and error
// messages), which the ABI requires to be UTF-8.
#pragma once

#include <string_view>

namespace tb::check {

// True when `text` is well-formed UTF-8 (RFC 3629): no overlong forms, no
// surrogates (U+D800..U+DFFF), nothing above U+10FFFF, no truncated sequence.
bool is_valid_utf8(std::string_view text);

}  // namespace tb::check
