// The text `compare` prints. It has one row per matched cell with both medians, their
// ratio and the Mann-Whitney U test, then the cells found in one run only. A summary
// states the test, its limits and the regressions counted for the exit status.
#pragma once

#include <iosfwd>
#include <string>

#include "results/comparison.h"
#include "results/results_file.h"

namespace tb {

void write_compare_report(const Comparison& comparison, const ResultsFile& base, const ResultsFile& current,
                          std::ostream& out);

// "0.0079", "1.1e-05", "-" for NaN: two significant digits.
std::string p_value_text(double p_value);

}  // namespace tb
