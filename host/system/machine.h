// Facts about the machine a run happens on, for the context block of a report:
// host name, CPU model, core count, frequency governor and load. Read from Linux
// interfaces (/proc, /sys, uname); each field is empty or 0 where they are missing.
#pragma once

#include <optional>
#include <string>

namespace tb {

struct MachineInfo {
  std::string hostname;
  std::string cpu_model;  // "model name" of the first processor in /proc/cpuinfo
  int cores = 0;          // online logical CPUs
  std::string governor;   // cpu0's cpufreq scaling governor; empty when unreadable
  std::optional<double> load_average_1m;
};

MachineInfo read_machine_info();

// The current time as ISO 8601 UTC, e.g. "2024-05-01T12:34:56Z".
std::string utc_timestamp();

// The current time as "20240501-123456" (UTC), for file names.
std::string utc_timestamp_for_file_name();

}  // namespace tb
