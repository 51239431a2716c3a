// The panels of the results chart, each laid out in a frame given by svg_chart.cpp.
// They are internal to the charts, whose interface is report/svg_chart.h.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "report/chart_axes.h"
#include "results/result.h"

namespace tb::chart {

bool has_timing(const CellResult& cell);

// Backend names in first-seen order; a backend's colour is its position here.
std::vector<std::string> backend_order(const std::vector<CellResult>& cells);

// Forward time per cell, grouped bars. width() and height() size the document.
class BarPanel {
 public:
  explicit BarPanel(const std::vector<CellResult>& cells);
  double width() const;
  double height() const;
  void write(std::ostream& out, double top) const;

 private:
  struct Group {
    std::string model;
    int batch_size, seq_len, threads;
    std::vector<const CellResult*> cells;  // one per backend present, in backend order
  };

  std::vector<CellResult> cells_;
  std::vector<std::string> backends_;
  std::vector<Group> groups_;
  bool rotate_labels_ = false;
  double longest_label_ = 0;  // estimated pixels of the longest rotated label
  double left_ = 0;           // left edge of the frame
};

enum class SweepAxis { kBatchSize, kSeqLen, kThreads };

// GFLOP/s against one workload axis for one model, the other two axes fixed.
struct LinePanel {
  std::string model;
  SweepAxis axis;
  int fixed_first = 0;   // the other axes in the order batch size, seq_len, threads
  int fixed_second = 0;
  std::vector<int> values;  // the swept axis, ascending
  std::vector<std::string> backends;
  // points[b][i]: GFLOP/s of backends[b] at values[i], if that cell has a timing
  std::vector<std::vector<std::optional<double>>> points;

  static constexpr double kWidth = 760;
  static constexpr double kHeight = 380;
  void write(std::ostream& out, double top, const std::vector<std::string>& all_backends) const;
};

// One panel per model and swept axis that has at least two values with a timing.
std::vector<LinePanel> line_panels(const std::vector<CellResult>& cells);

}  // namespace tb::chart
