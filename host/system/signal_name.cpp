#include "system/signal_name.h"

#include <cstring>

namespace tb {

std::string signal_name(int signal_number) {
  // sigabbrev_np (glibc 2.32 and later) returns the name without the "SIG" prefix.
  if (const char* abbreviation = sigabbrev_np(signal_number); abbreviation != nullptr) {
    return std::string("SIG") + abbreviation;
  }
  return "signal " + std::to_string(signal_number);
}

}  // namespace tb
