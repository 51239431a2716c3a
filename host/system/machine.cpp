#include "system/machine.h"

#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <fstream>
#include <string>

namespace tb {

namespace {

std::string trim(const std::string& text) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  const size_t last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

std::string read_cpu_model() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpuinfo, line)) {
    // x86 calls it "model name"; some other architectures only have "Processor"
    // or "cpu model".
    for (const char* key : {"model name", "cpu model", "Processor"}) {
      if (line.rfind(key, 0) != 0) continue;
      const size_t colon = line.find(':');
      if (colon != std::string::npos) return trim(line.substr(colon + 1));
    }
  }
  return "";
}

std::string read_first_line(const char* path) {
  std::ifstream file(path);
  std::string line;
  std::getline(file, line);
  return trim(line);
}

std::string format_utc(const char* format) {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[64];
  const size_t length = std::strftime(text, sizeof(text), format, &utc);
  return std::string(text, length);
}

}  // namespace

MachineInfo read_machine_info() {
  MachineInfo info;

  char hostname[256] = {};
  if (gethostname(hostname, sizeof(hostname) - 1) == 0) info.hostname = hostname;

  info.cpu_model = read_cpu_model();
  const long online = sysconf(_SC_NPROCESSORS_ONLN);
  info.cores = online > 0 ? static_cast<int>(online) : 0;
  info.governor = read_first_line("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor");

  double load[1] = {};
  if (getloadavg(load, 1) == 1) info.load_average_1m = load[0];
  return info;
}

std::string utc_timestamp() { return format_utc("%Y-%m-%dT%H:%M:%SZ"); }

std::string utc_timestamp_for_file_name() { return format_utc("%Y%m%d-%H%M%S"); }

}  // namespace tb
