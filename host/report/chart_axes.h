// Scales, axes and legends shared by the SVG charts. A scale maps data values to
// pixels; the axis writers draw its ticks, grid lines and labels.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace tb::chart {

struct Tick {
  double value;
  std::string label;
};

// Logarithmic: equal pixel distance per factor of 10. The domain is widened to whole
// decades around [min_value, max_value]; both must be positive.
class LogScale {
 public:
  LogScale(double min_value, double max_value, double pixel_at_min, double pixel_at_max);
  double operator()(double value) const;
  double domain_min() const { return low_; }
  double domain_max() const { return high_; }
  // Every power of 10 in the domain, plus 2x and 5x steps when it spans at most two
  // decades, so a short axis still has several labels.
  std::vector<Tick> ticks() const;

 private:
  double low_, high_, pixel_low_, pixel_high_;
};

// Linear from 0 to a round number at or above max_value (1 when max_value <= 0).
class LinearScale {
 public:
  LinearScale(double max_value, double pixel_at_zero, double pixel_at_max);
  double operator()(double value) const;
  // Five or so ticks at multiples of 1, 2 or 5 times a power of 10.
  std::vector<Tick> ticks() const;

 private:
  double high_, step_, pixel_low_, pixel_high_;
};

// The plot area of one chart, in document pixels.
struct Frame {
  double left, top, width, height;
  double right() const { return left + width; }
  double bottom() const { return top + height; }
};

// Grid lines across the frame and tick labels left of it, for a vertical scale,
// and the axis label rotated along the left edge.
template <typename Scale>
void vertical_axis(std::ostream& out, const Frame& frame, const Scale& scale, const std::string& label);

// Chart title and a smaller subtitle line above the frame.
void titles(std::ostream& out, const Frame& frame, const std::string& title, const std::string& subtitle);

// One coloured square and name per entry, stacked right of the frame.
void legend(std::ostream& out, const Frame& frame, const std::vector<std::string>& names,
            const std::vector<std::string>& colors);

}  // namespace tb::chart
