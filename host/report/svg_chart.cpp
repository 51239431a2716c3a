// Layout of the results chart: the bar panel on top, the sweep panels below it.
#include "report/svg_chart.h"

#include <algorithm>
#include <ostream>

#include "report/chart_panels.h"
#include "report/svg_document.h"

namespace tb {

namespace chart {

bool has_timing(const CellResult& cell) {
  return (cell.status == CellStatus::kOk || cell.status == CellStatus::kMismatch) && !cell.time.samples_ms.empty() &&
         cell.time.median_ms > 0;
}

std::vector<std::string> backend_order(const std::vector<CellResult>& cells) {
  std::vector<std::string> backends;
  for (const CellResult& cell : cells) {
    if (std::find(backends.begin(), backends.end(), cell.backend) == backends.end()) backends.push_back(cell.backend);
  }
  return backends;
}

}  // namespace chart

void write_svg_chart(const RunResult& result, std::ostream& out) {
  const chart::BarPanel bars(result.cells);
  const std::vector<chart::LinePanel> lines = chart::line_panels(result.cells);
  const std::vector<std::string> backends = chart::backend_order(result.cells);

  const double width = std::max(bars.width(), chart::LinePanel::kWidth);
  const double height = bars.height() + static_cast<double>(lines.size()) * chart::LinePanel::kHeight;

  svg::begin_document(out, width, height,
                      "transformer-bench results of " + result.context.date + " on " + result.context.hostname + " (" +
                          result.context.cpu_model + ")");
  bars.write(out, 0);
  double top = bars.height();
  for (const chart::LinePanel& panel : lines) {
    panel.write(out, top, backends);
    top += chart::LinePanel::kHeight;
  }
  svg::end_document(out);
}

}  // namespace tb
