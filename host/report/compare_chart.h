// The chart of `compare --plot FILE.svg`: one horizontal bar per matched cell from
// ratio 1 to new median / base median on a log scale, coloured by the test's verdict.
#pragma once

#include <iosfwd>

#include "results/comparison.h"

namespace tb {

// Cells that could not be compared get a text marker instead of a bar, so the SVG has
// one <rect class="bar"> per comparable cell.
void write_compare_svg(const Comparison& comparison, std::ostream& out);

}  // namespace tb
