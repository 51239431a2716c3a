// Scales, axes, titles and legends of the SVG charts.
#include "report/chart_axes.h"

#include <algorithm>
#include <cmath>

#include "report/number_text.h"
#include "report/svg_document.h"

namespace tb::chart {

namespace {

// The smallest of 1, 2 or 5 times a power of 10 that is at least `raw`.
double nice_step(double raw) {
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  for (double factor : {1.0, 2.0, 5.0, 10.0}) {
    if (factor * magnitude >= raw * (1 - 1e-9)) return factor * magnitude;
  }
  return 10.0 * magnitude;
}

}  // namespace

LogScale::LogScale(double min_value, double max_value, double pixel_at_min, double pixel_at_max)
    : pixel_low_(pixel_at_min), pixel_high_(pixel_at_max) {
  low_ = std::pow(10.0, std::floor(std::log10(min_value)));
  high_ = std::pow(10.0, std::ceil(std::log10(max_value)));
  if (high_ <= low_) high_ = low_ * 10.0;
}

double LogScale::operator()(double value) const {
  const double t = (std::log10(value) - std::log10(low_)) / (std::log10(high_) - std::log10(low_));
  return pixel_low_ + t * (pixel_high_ - pixel_low_);
}

std::vector<Tick> LogScale::ticks() const {
  const int first = static_cast<int>(std::lround(std::log10(low_)));
  const int last = static_cast<int>(std::lround(std::log10(high_)));
  const bool fine = last - first <= 2;

  std::vector<Tick> ticks;
  for (int exponent = first; exponent <= last; ++exponent) {
    for (double factor : {1.0, 2.0, 5.0}) {
      if (factor != 1.0 && !fine) continue;
      const double value = factor * std::pow(10.0, exponent);
      if (value > high_ * (1 + 1e-9)) break;
      ticks.push_back({value, text::significant(value, 1)});
    }
  }
  return ticks;
}

LinearScale::LinearScale(double max_value, double pixel_at_zero, double pixel_at_max)
    : pixel_low_(pixel_at_zero), pixel_high_(pixel_at_max) {
  if (!(max_value > 0)) max_value = 1;
  step_ = nice_step(max_value / 5.0);
  high_ = std::ceil(max_value / step_ * (1 - 1e-9)) * step_;
}

double LinearScale::operator()(double value) const { return pixel_low_ + value / high_ * (pixel_high_ - pixel_low_); }

std::vector<Tick> LinearScale::ticks() const {
  // All labels get the decimals of the step, so 0, 5, 10 rather than 0, 5.0, 10.
  const int decimals = std::max(0, -static_cast<int>(std::floor(std::log10(step_) + 1e-9)));
  std::vector<Tick> ticks;
  const int count = static_cast<int>(std::lround(high_ / step_));
  for (int i = 0; i <= count; ++i) {
    const double value = i * step_;
    ticks.push_back({value, text::fixed(value, decimals)});
  }
  return ticks;
}

template <typename Scale>
void vertical_axis(std::ostream& out, const Frame& frame, const Scale& scale, const std::string& label) {
  for (const Tick& tick : scale.ticks()) {
    const std::string y = svg::number(scale(tick.value));
    svg::open_element(out, "line",
                      {{"x1", svg::number(frame.left)}, {"y1", y}, {"x2", svg::number(frame.right())}, {"y2", y},
                       {"stroke", "#dddddd"}, {"stroke-width", "1"}},
                      true);
    svg::text(out, frame.left - 6, scale(tick.value) + 4, tick.label, {{"text-anchor", "end"}});
  }
  svg::open_element(out, "rect",
                    {{"x", svg::number(frame.left)}, {"y", svg::number(frame.top)}, {"width", svg::number(frame.width)},
                     {"height", svg::number(frame.height)}, {"fill", "none"}, {"stroke", "#888888"}},
                    true);

  const double x = frame.left - 58;
  const double y = frame.top + frame.height / 2;
  svg::text(out, x, y, label,
            {{"text-anchor", "middle"},
             {"transform", "rotate(-90 " + svg::number(x) + " " + svg::number(y) + ")"}});
}

template void vertical_axis<LogScale>(std::ostream&, const Frame&, const LogScale&, const std::string&);
template void vertical_axis<LinearScale>(std::ostream&, const Frame&, const LinearScale&, const std::string&);

void titles(std::ostream& out, const Frame& frame, const std::string& title, const std::string& subtitle) {
  svg::text(out, frame.left, frame.top - 30, title, {{"font-size", "16"}, {"font-weight", "bold"}});
  svg::text(out, frame.left, frame.top - 12, subtitle, {{"fill", "#555555"}});
}

void legend(std::ostream& out, const Frame& frame, const std::vector<std::string>& names,
            const std::vector<std::string>& colors) {
  const double x = frame.right() + 16;
  for (size_t i = 0; i < names.size(); ++i) {
    const double y = frame.top + 8 + 20.0 * static_cast<double>(i);
    svg::open_element(out, "rect",
                      {{"x", svg::number(x)}, {"y", svg::number(y - 10)}, {"width", "12"}, {"height", "12"},
                       {"fill", colors[i]}},
                      true);
    svg::text(out, x + 18, y, names[i]);
  }
}

}  // namespace tb::chart
