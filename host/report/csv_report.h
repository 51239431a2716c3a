// The CSV output format: one header row, then one row per cell, RFC 4180 quoting
// and CRLF line ends. Columns and their order are listed in docs/results.md and only
// ever grow at the end. Raw samples and the run's context are not in the CSV; the
// JSON formats have them.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "results/result.h"

namespace tb {

// The header row's names, in column order.
const std::vector<std::string>& csv_columns();

void write_csv(const RunResult& result, std::ostream& out);

// A field quoted when it contains a comma, a double quote, CR or LF, with each
// double quote doubled (RFC 4180, section 2).
std::string csv_field(std::string_view text);

}  // namespace tb
