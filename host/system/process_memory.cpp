#include "system/process_memory.h"

#include <fstream>
#include <sstream>
#include <string>

namespace tb {

namespace {

// Reads a "Key:   1234 kB" line of /proc/self/status.
std::optional<uint64_t> read_status_kib(const std::string& key) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.compare(0, key.size(), key) != 0 || line.size() <= key.size() || line[key.size()] != ':') continue;
    std::istringstream fields(line.substr(key.size() + 1));
    uint64_t kib = 0;
    if (fields >> kib) return kib * 1024;
    return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

std::optional<uint64_t> current_rss_bytes() { return read_status_kib("VmRSS"); }

std::optional<uint64_t> peak_rss_bytes() { return read_status_kib("VmHWM"); }

bool reset_peak_rss() {
  std::ofstream clear_refs("/proc/self/clear_refs");
  if (!clear_refs) return false;
  clear_refs << "5";
  clear_refs.flush();
  return static_cast<bool>(clear_refs);
}

}  // namespace tb
