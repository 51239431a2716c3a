// The Markdown output format: the run's context as a list, one table row per cell
// with the same columns as the console table, and the message of every cell that
// did not finish ok. It is meant for pasting into documents and pull requests, and
// is not read back (JSON is).
#pragma once

#include <iosfwd>

#include "results/result.h"

namespace tb {

void write_markdown(const RunResult& result, std::ostream& out);

}  // namespace tb
