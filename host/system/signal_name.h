// Names of POSIX signals for crash reports ("SIGSEGV" rather than "signal 11").
#pragma once

#include <string>

namespace tb {

// "SIGSEGV", "SIGABRT", ...; "signal <n>" for a number the C library cannot name.
std::string signal_name(int signal_number);

}  // namespace tb
