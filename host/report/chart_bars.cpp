// The grouped bar chart of forward time per cell.
#include <algorithm>
#include <limits>

#include "report/chart_panels.h"
#include "report/number_text.h"
#include "report/svg_document.h"

namespace tb::chart {

namespace {

constexpr double kMinLeft = 90;
constexpr double kTop = 70;
constexpr double kRight = 180;
constexpr double kMinPlotWidth = 200;
constexpr double kPlotHeight = 300;
constexpr double kBarWidth = 14;
constexpr double kBarGap = 2;
constexpr double kGroupPadding = 12;
constexpr double kCharWidth = 7;  // rough width of one 12 px character, for label fitting

std::string workload_label(int batch_size, int seq_len, int threads) {
  return "B=" + std::to_string(batch_size) + " T=" + std::to_string(seq_len) + " thr=" + std::to_string(threads);
}

double group_width(size_t bars) { return static_cast<double>(bars) * (kBarWidth + kBarGap) - kBarGap + 2 * kGroupPadding; }

std::string cell_summary(const CellResult& cell) {
  std::string summary = cell.model + " / " + cell.backend + ", batch " + std::to_string(cell.batch_size) + ", seq " +
                        std::to_string(cell.seq_len) + ", threads " + std::to_string(cell.threads) + ": ";
  if (has_timing(cell)) {
    summary += "median " + text::significant(cell.time.median_ms) + " ms, p90 " + text::significant(cell.time.p90_ms) +
               " ms, " + std::to_string(cell.time.samples_ms.size()) + " samples";
  } else {
    summary += to_string(cell.status);
    if (!cell.message.empty()) summary += ": " + cell.message;
  }
  return summary;
}

}  // namespace

BarPanel::BarPanel(const std::vector<CellResult>& cells) : cells_(cells), backends_(backend_order(cells)) {
  for (const CellResult& cell : cells_) {
    auto group = std::find_if(groups_.begin(), groups_.end(), [&](const Group& g) {
      return g.model == cell.model && g.batch_size == cell.batch_size && g.seq_len == cell.seq_len &&
             g.threads == cell.threads;
    });
    if (group == groups_.end()) {
      groups_.push_back({cell.model, cell.batch_size, cell.seq_len, cell.threads, {}});
      group = groups_.end() - 1;
    }
    group->cells.push_back(&cell);
  }

  for (Group& group : groups_) {
    std::stable_sort(group.cells.begin(), group.cells.end(), [&](const CellResult* a, const CellResult* b) {
      const auto position = [&](const std::string& name) {
        return std::find(backends_.begin(), backends_.end(), name) - backends_.begin();
      };
      return position(a->backend) < position(b->backend);
    });
    const std::string workload = workload_label(group.batch_size, group.seq_len, group.threads);
    const double label_width = kCharWidth * static_cast<double>(std::max(group.model.size(), workload.size()));
    const double rotated_width = kCharWidth * static_cast<double>(group.model.size() + 1 + workload.size());
    if (label_width > group_width(group.cells.size())) rotate_labels_ = true;
    longest_label_ = std::max(longest_label_, rotated_width);
  }

  // A label rotated by 40 degrees reaches cos(40) ~ 0.77 of its length left of its
  // group's centre, so the first group's label needs room left of the frame.
  left_ = kMinLeft;
  if (rotate_labels_ && !groups_.empty()) {
    left_ = std::max(kMinLeft, 0.77 * longest_label_ - group_width(groups_.front().cells.size()) / 2 + 10);
  }
}

double BarPanel::width() const {
  double plot = 0;
  for (const Group& group : groups_) plot += group_width(group.cells.size());
  return std::max(640.0, left_ + std::max(plot, kMinPlotWidth) + kRight);
}

// A label rotated by 40 degrees reaches sin(40) ~ 0.65 of its length below the frame.
double BarPanel::height() const { return kTop + kPlotHeight + (rotate_labels_ ? 0.65 * longest_label_ + 40 : 60); }

void BarPanel::write(std::ostream& out, double top) const {
  double plot_width = 0;
  for (const Group& group : groups_) plot_width += group_width(group.cells.size());
  const Frame frame{left_, top + kTop, std::max(plot_width, kMinPlotWidth), kPlotHeight};

  double low = std::numeric_limits<double>::infinity();
  double high = 0;
  for (const CellResult& cell : cells_) {
    if (!has_timing(cell)) continue;
    low = std::min(low, cell.time.median_ms);
    high = std::max(high, cell.time.median_ms);
  }
  if (high <= 0) {  // nothing timed: an empty axis over one decade
    low = 1;
    high = 10;
  }
  const LogScale scale(low, high, frame.bottom(), frame.top);

  out << "<g class=\"time-bars\">\n";
  titles(out, frame, "Forward time per cell (median, log scale)",
         "B batch size, T sequence length in tokens, thr threads; x: no timing (hover for the reason)");
  vertical_axis(out, frame, scale, "median forward time (ms)");

  std::vector<std::string> colors;
  for (size_t i = 0; i < backends_.size(); ++i) colors.emplace_back(svg::palette_color(i));

  double x = frame.left;
  for (const Group& group : groups_) {
    const double width = group_width(group.cells.size());
    double bar_x = x + kGroupPadding;
    for (const CellResult* cell : group.cells) {
      const size_t color = static_cast<size_t>(std::find(backends_.begin(), backends_.end(), cell->backend) -
                                               backends_.begin());
      if (has_timing(*cell)) {
        const double bar_top = scale(cell->time.median_ms);
        svg::open_element(out, "rect",
                          {{"class", "bar"}, {"x", svg::number(bar_x)}, {"y", svg::number(bar_top)},
                           {"width", svg::number(kBarWidth)}, {"height", svg::number(frame.bottom() - bar_top)},
                           {"fill", colors[color]}});
        svg::title(out, cell_summary(*cell));
        svg::close_element(out, "rect");
      } else {
        svg::open_element(out, "text",
                          {{"class", "failed"}, {"x", svg::number(bar_x + kBarWidth / 2)},
                           {"y", svg::number(frame.bottom() - 4)}, {"text-anchor", "middle"}, {"fill", "#c0392b"},
                           {"font-weight", "bold"}});
        svg::title(out, cell_summary(*cell));
        out << "x";
        svg::close_element(out, "text");
      }
      bar_x += kBarWidth + kBarGap;
    }

    const double center = x + width / 2;
    const std::string workload = workload_label(group.batch_size, group.seq_len, group.threads);
    if (rotate_labels_) {
      const double label_y = frame.bottom() + 14;
      svg::text(out, center, label_y, group.model + " " + workload,
                {{"text-anchor", "end"},
                 {"transform", "rotate(-40 " + svg::number(center) + " " + svg::number(label_y) + ")"}});
    } else {
      svg::text(out, center, frame.bottom() + 18, group.model, {{"text-anchor", "middle"}});
      svg::text(out, center, frame.bottom() + 34, workload, {{"text-anchor", "middle"}, {"fill", "#555555"}});
    }
    x += width;
  }

  legend(out, frame, backends_, colors);
  out << "</g>\n";
}

}  // namespace tb::chart
