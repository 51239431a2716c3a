// The charts of a run as one SVG document (`--plot FILE.svg`). The first shows the
// forward time of every cell as grouped bars on a log scale, one group per model and
// workload and one bar per backend. Then, for each model and each workload axis
// (batch size, sequence length, threads) that takes several values, a line chart
// shows GFLOP/s against that axis with one line per backend. docs/results.md explains
// how to read them.
#pragma once

#include <iosfwd>

#include "results/result.h"

namespace tb {

// Cells without a timing (error, crash, time-out, skipped) get a marker instead of a
// bar, so the SVG has one <rect class="bar"> per timed cell.
void write_svg_chart(const RunResult& result, std::ostream& out);

}  // namespace tb
