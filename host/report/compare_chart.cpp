// Ratio bars of a comparison.
#include "report/compare_chart.h"

#include <algorithm>
#include <cmath>
#include <ostream>
#include <string>
#include <vector>

#include "report/compare_report.h"
#include "report/number_text.h"
#include "report/svg_document.h"

namespace tb {

namespace {

constexpr double kTop = 96;
constexpr double kRowHeight = 22;
constexpr double kPlotWidth = 480;
constexpr double kBottom = 60;
constexpr double kCharWidth = 7;  // rough width of one 12 px character

struct RatioTick {
  double value;
  const char* label;
};

// Pairs of reciprocals, so the axis is symmetric around 1.
constexpr RatioTick kTicks[] = {{0.01, "0.01"}, {0.1, "0.1"},  {0.25, "0.25"}, {0.5, "0.5"}, {2.0 / 3.0, "0.67"},
                                {0.8, "0.8"},   {1.0, "1"},    {1.25, "1.25"}, {1.5, "1.5"}, {2.0, "2"},
                                {4.0, "4"},     {10.0, "10"},  {100.0, "100"}};

std::string row_label(const CellResult& cell) {
  return cell.model + " / " + cell.backend + " B=" + std::to_string(cell.batch_size) + " T=" +
         std::to_string(cell.seq_len) + " thr=" + std::to_string(cell.threads);
}

const char* verdict_color(CompareVerdict verdict) {
  switch (verdict) {
    case CompareVerdict::kSlower: return "#e15759";
    case CompareVerdict::kFaster: return "#59a14f";
    default: return "#bab0ac";
  }
}

}  // namespace

void write_compare_svg(const Comparison& comparison, std::ostream& out) {
  size_t label_chars = 10;
  double largest = 1.0;  // the largest factor away from 1, in either direction
  for (const CellComparison& pair : comparison.matched) {
    label_chars = std::max(label_chars, row_label(pair.base).size());
    if (std::isfinite(pair.ratio) && pair.ratio > 0) largest = std::max({largest, pair.ratio, 1.0 / pair.ratio});
  }
  if (comparison.options.threshold_percent) {
    largest = std::max(largest, 1.0 + *comparison.options.threshold_percent / 100.0);
  }
  double bound = largest;
  for (double candidate : {1.25, 1.5, 2.0, 4.0, 10.0, 100.0}) {
    if (candidate >= largest) {
      bound = candidate;
      break;
    }
  }

  const double left = 20 + kCharWidth * static_cast<double>(label_chars);
  const double plot_height = kRowHeight * static_cast<double>(std::max<size_t>(comparison.matched.size(), 1));
  const double width = left + kPlotWidth + 40;
  const double height = kTop + plot_height + kBottom;
  const auto x_of = [&](double ratio) {
    const double clamped = std::clamp(ratio, 1.0 / bound, bound);
    return left + (std::log(clamped) / std::log(bound) + 1.0) / 2.0 * kPlotWidth;
  };

  svg::begin_document(out, width, height, "transformer-bench compare: new / base median forward time per cell");
  svg::text(out, left, 30, "New / base median forward time per cell (log scale)",
            {{"font-size", "16"}, {"font-weight", "bold"}});
  svg::text(out, left, 50, "red: significantly slower, green: significantly faster,", {{"fill", "#555555"}});
  svg::text(out, left, 66,
            "grey: no significant change or not tested (two-sided Mann-Whitney U, alpha " +
                text::shortest(comparison.options.alpha) + ")",
            {{"fill", "#555555"}});

  const double bottom = kTop + plot_height;
  for (const RatioTick& tick : kTicks) {
    if (tick.value < 1.0 / bound * (1 - 1e-9) || tick.value > bound * (1 + 1e-9)) continue;
    const std::string x = svg::number(x_of(tick.value));
    svg::open_element(out, "line",
                      {{"x1", x}, {"y1", svg::number(kTop)}, {"x2", x}, {"y2", svg::number(bottom)},
                       {"stroke", tick.value == 1.0 ? "#555555" : "#dddddd"}, {"stroke-width", "1"}},
                      true);
    svg::text(out, x_of(tick.value), bottom + 16, tick.label, {{"text-anchor", "middle"}});
  }
  svg::text(out, left + kPlotWidth / 2, bottom + 40, "new median / base median (below 1 is faster)",
            {{"text-anchor", "middle"}});

  if (comparison.options.threshold_percent) {
    const double threshold = 1.0 + *comparison.options.threshold_percent / 100.0;
    const std::string x = svg::number(x_of(threshold));
    svg::open_element(out, "line",
                      {{"x1", x}, {"y1", svg::number(kTop - 6)}, {"x2", x}, {"y2", svg::number(bottom)},
                       {"stroke", "#e15759"}, {"stroke-dasharray", "4 3"}},
                      true);
    svg::text(out, x_of(threshold) + 4, kTop - 8, "threshold +" + text::shortest(*comparison.options.threshold_percent) + " %",
              {{"fill", "#e15759"}});
  }

  for (size_t row = 0; row < comparison.matched.size(); ++row) {
    const CellComparison& pair = comparison.matched[row];
    const double y = kTop + kRowHeight * static_cast<double>(row);
    svg::text(out, left - 8, y + kRowHeight / 2 + 4, row_label(pair.base), {{"text-anchor", "end"}});

    if (pair.verdict == CompareVerdict::kNotComparable) {
      svg::text(out, x_of(1.0) + 6, y + kRowHeight / 2 + 4,
                "not comparable: base " + to_string(pair.base.status) + ", new " + to_string(pair.current.status),
                {{"class", "failed"}, {"fill", "#c0392b"}});
      continue;
    }
    const double x_one = x_of(1.0);
    const double x_ratio = x_of(pair.ratio);
    svg::open_element(out, "rect",
                      {{"class", "bar"}, {"x", svg::number(std::min(x_one, x_ratio))}, {"y", svg::number(y + 4)},
                       {"width", svg::number(std::max(std::fabs(x_ratio - x_one), 1.0))},
                       {"height", svg::number(kRowHeight - 8)}, {"fill", verdict_color(pair.verdict)}});
    svg::title(out, describe_cell(pair.base) + ": new/base " + text::fixed(pair.ratio, 3) + ", p " +
                        p_value_text(pair.test.p_value) + ", " + to_string(pair.verdict));
    svg::close_element(out, "rect");
  }
  svg::end_document(out);
}

}  // namespace tb
