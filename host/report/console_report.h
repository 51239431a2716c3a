// The report `transformer-bench run` prints to stdout: the context block, one table
// row per cell, the fastest backend per model and workload, the reasons of cells
// that are not ok, and footnotes that define the columns. docs/report.md explains
// every figure in full. Written for people; the JSON formats are for programs.
#pragma once

#include <iosfwd>
#include <string>

#include "results/result.h"

namespace tb {

void write_console_report(const RunResult& result, std::ostream& out);

// 146916 -> "146,916".
std::string with_thousands_separators(int64_t value);

}  // namespace tb
