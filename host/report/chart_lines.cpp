// The line charts of GFLOP/s against a swept workload axis.
#include <algorithm>
#include <set>

#include "report/chart_panels.h"
#include "report/number_text.h"
#include "report/svg_document.h"

namespace tb::chart {

namespace {

constexpr double kLeft = 90;
constexpr double kTop = 70;
constexpr double kRight = 180;
constexpr double kBottom = 60;

int axis_value(const CellResult& cell, SweepAxis axis) {
  switch (axis) {
    case SweepAxis::kBatchSize: return cell.batch_size;
    case SweepAxis::kSeqLen: return cell.seq_len;
    case SweepAxis::kThreads: return cell.threads;
  }
  return 0;
}

// The two axes other than `axis`, in the order batch size, seq_len, threads.
std::pair<SweepAxis, SweepAxis> other_axes(SweepAxis axis) {
  switch (axis) {
    case SweepAxis::kBatchSize: return {SweepAxis::kSeqLen, SweepAxis::kThreads};
    case SweepAxis::kSeqLen: return {SweepAxis::kBatchSize, SweepAxis::kThreads};
    case SweepAxis::kThreads: return {SweepAxis::kBatchSize, SweepAxis::kSeqLen};
  }
  return {SweepAxis::kBatchSize, SweepAxis::kSeqLen};
}

const char* axis_name(SweepAxis axis) {
  switch (axis) {
    case SweepAxis::kBatchSize: return "batch size";
    case SweepAxis::kSeqLen: return "sequence length";
    case SweepAxis::kThreads: return "threads";
  }
  return "";
}

const char* axis_label(SweepAxis axis) {
  switch (axis) {
    case SweepAxis::kBatchSize: return "batch size (sequences per forward call)";
    case SweepAxis::kSeqLen: return "sequence length (tokens)";
    case SweepAxis::kThreads: return "threads";
  }
  return "";
}

int max_value(const std::vector<const CellResult*>& cells, SweepAxis axis) {
  int value = 0;
  for (const CellResult* cell : cells) value = std::max(value, axis_value(*cell, axis));
  return value;
}

std::optional<LinePanel> make_panel(const std::string& model, SweepAxis axis,
                                    const std::vector<const CellResult*>& timed, const std::vector<std::string>& backends) {
  std::set<int> values;
  for (const CellResult* cell : timed) values.insert(axis_value(*cell, axis));
  if (values.size() < 2) return std::nullopt;

  // The other axes are held at their largest value, where the backends differ most.
  const auto [first_axis, second_axis] = other_axes(axis);
  LinePanel panel{model, axis, max_value(timed, first_axis), max_value(timed, second_axis),
                  std::vector<int>(values.begin(), values.end()), {}, {}};

  bool any_line = false;
  for (const std::string& backend : backends) {
    std::vector<std::optional<double>> points(panel.values.size());
    size_t count = 0;
    for (const CellResult* cell : timed) {
      if (cell->backend != backend || axis_value(*cell, first_axis) != panel.fixed_first ||
          axis_value(*cell, second_axis) != panel.fixed_second || !(cell->gflops_per_second > 0)) {
        continue;
      }
      const auto position = std::find(panel.values.begin(), panel.values.end(), axis_value(*cell, axis));
      points[static_cast<size_t>(position - panel.values.begin())] = cell->gflops_per_second;
      ++count;
    }
    if (count == 0) continue;
    any_line = any_line || count >= 2;
    panel.backends.push_back(backend);
    panel.points.push_back(std::move(points));
  }
  if (!any_line) return std::nullopt;
  return panel;
}

}  // namespace

std::vector<LinePanel> line_panels(const std::vector<CellResult>& cells) {
  const std::vector<std::string> backends = backend_order(cells);
  std::vector<std::string> models;
  for (const CellResult& cell : cells) {
    if (std::find(models.begin(), models.end(), cell.model) == models.end()) models.push_back(cell.model);
  }

  std::vector<LinePanel> panels;
  for (const std::string& model : models) {
    std::vector<const CellResult*> timed;
    for (const CellResult& cell : cells) {
      if (cell.model == model && has_timing(cell)) timed.push_back(&cell);
    }
    for (SweepAxis axis : {SweepAxis::kBatchSize, SweepAxis::kSeqLen, SweepAxis::kThreads}) {
      if (std::optional<LinePanel> panel = make_panel(model, axis, timed, backends)) {
        panels.push_back(std::move(*panel));
      }
    }
  }
  return panels;
}

void LinePanel::write(std::ostream& out, double top, const std::vector<std::string>& all_backends) const {
  const Frame frame{kLeft, top + kTop, kWidth - kLeft - kRight, kHeight - kTop - kBottom};

  double high = 0;
  for (const auto& line : points) {
    for (const std::optional<double>& point : line) high = std::max(high, point.value_or(0.0));
  }
  const LinearScale scale(high, frame.bottom(), frame.top);

  const auto [first_axis, second_axis] = other_axes(axis);
  out << "<g class=\"sweep\">\n";
  titles(out, frame, std::string("GFLOP/s against ") + axis_name(axis) + ": " + model,
         std::string(axis_name(first_axis)) + " " + std::to_string(fixed_first) + ", " + axis_name(second_axis) + " " +
             std::to_string(fixed_second) + "; higher is better");
  vertical_axis(out, frame, scale, "GFLOP/s");

  const double step = frame.width / static_cast<double>(values.size());
  const auto x_of = [&](size_t i) { return frame.left + (static_cast<double>(i) + 0.5) * step; };
  for (size_t i = 0; i < values.size(); ++i) {
    svg::text(out, x_of(i), frame.bottom() + 18, std::to_string(values[i]), {{"text-anchor", "middle"}});
  }
  svg::text(out, frame.left + frame.width / 2, frame.bottom() + 40, axis_label(axis), {{"text-anchor", "middle"}});

  std::vector<std::string> colors;
  for (size_t b = 0; b < backends.size(); ++b) {
    const size_t color_index =
        static_cast<size_t>(std::find(all_backends.begin(), all_backends.end(), backends[b]) - all_backends.begin());
    const std::string color = svg::palette_color(color_index);
    colors.push_back(color);

    // Consecutive points are joined; a missing cell breaks the line.
    std::string polyline;
    const auto flush = [&]() {
      if (polyline.find(' ') != std::string::npos) {
        svg::open_element(out, "polyline",
                          {{"class", "line"}, {"points", polyline}, {"fill", "none"}, {"stroke", color},
                           {"stroke-width", "2"}},
                          true);
      }
      polyline.clear();
    };
    for (size_t i = 0; i < values.size(); ++i) {
      if (!points[b][i]) {
        flush();
        continue;
      }
      if (!polyline.empty()) polyline += ' ';
      polyline += svg::number(x_of(i)) + "," + svg::number(scale(*points[b][i]));
    }
    flush();

    for (size_t i = 0; i < values.size(); ++i) {
      if (!points[b][i]) continue;
      svg::open_element(out, "circle",
                        {{"class", "point"}, {"cx", svg::number(x_of(i))}, {"cy", svg::number(scale(*points[b][i]))},
                         {"r", "4"}, {"fill", color}});
      svg::title(out, backends[b] + ", " + axis_name(axis) + " " + std::to_string(values[i]) + ": " +
                          text::significant(*points[b][i]) + " GFLOP/s");
      svg::close_element(out, "circle");
    }
  }

  legend(out, frame, backends, colors);
  out << "</g>\n";
}

}  // namespace tb::chart
