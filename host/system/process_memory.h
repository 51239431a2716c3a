// Resident memory of the calling process, read from /proc/self/status (Linux). The
// benchmark uses it to measure how much memory creating and running a model adds.
// It does not measure other processes or virtual memory.
#pragma once

#include <cstdint>
#include <optional>

namespace tb {

// VmRSS: resident set size now, in bytes. Empty when /proc is unreadable.
std::optional<uint64_t> current_rss_bytes();

// VmHWM: the highest resident set size since the process started or since the last
// reset_peak_rss(), in bytes. Empty when /proc is unreadable.
std::optional<uint64_t> peak_rss_bytes();

// Resets VmHWM to the current RSS by writing "5" to /proc/self/clear_refs (Linux
// 4.0 and later). Returns false when the kernel refuses, in which case
// peak_rss_bytes() keeps counting from process start.
bool reset_peak_rss();

}  // namespace tb
