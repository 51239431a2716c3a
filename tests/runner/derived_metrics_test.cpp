#include "bench/derived_metrics.h"

#include <vector>

#include <gtest/gtest.h>

namespace {

tb::CellResult timed_cell(const std::string& backend, int threads, double median_ms) {
  tb::CellResult cell;
  cell.model = std::string("m");  // not = "m", which trips a false -Wrestrict in GCC 12
  cell.backend = backend;
  cell.batch_size = 2;
  cell.seq_len = 8;
  cell.threads = threads;
  cell.status = tb::CellStatus::kOk;
  cell.time.samples_ms = {median_ms};
  cell.time.median_ms = median_ms;
  return cell;
}

TEST(DerivedMetrics, TokensPerSecond) {
  // 4 x 32 tokens in 2 ms.
  EXPECT_DOUBLE_EQ(tb::tokens_per_second(4, 32, 2.0), 64000.0);
  EXPECT_DOUBLE_EQ(tb::tokens_per_second(4, 32, 0.0), 0.0);
}

TEST(DerivedMetrics, GflopsPerSecond) {
  // 3e9 FLOPs in 1.5 ms is 2000 GFLOP/s.
  EXPECT_DOUBLE_EQ(tb::gflops_per_second(3e9, 1.5), 2000.0);
}

TEST(DerivedMetrics, EfficiencyScalesPeakByThreads) {
  EXPECT_DOUBLE_EQ(tb::efficiency(50.0, 100.0, 1), 0.5);
  EXPECT_DOUBLE_EQ(tb::efficiency(50.0, 100.0, 2), 0.25);
}

TEST(DerivedMetrics, EfficiencyUnknownWithoutPeak) { EXPECT_DOUBLE_EQ(tb::efficiency(50.0, 0.0, 1), 0.0); }

TEST(DerivedMetrics, SpeedupAgainstSameThreadBaseline) {
  std::vector<tb::CellResult> cells{timed_cell("scalar", 1, 8.0), timed_cell("fast", 1, 2.0),
                                    timed_cell("scalar", 2, 4.0), timed_cell("fast", 2, 1.0)};
  tb::apply_speedups(cells, "scalar");
  EXPECT_DOUBLE_EQ(cells[0].speedup, 1.0);
  EXPECT_DOUBLE_EQ(cells[1].speedup, 4.0);
  EXPECT_DOUBLE_EQ(cells[2].speedup, 1.0);
  EXPECT_DOUBLE_EQ(cells[3].speedup, 4.0);
}

TEST(DerivedMetrics, SpeedupUnknownWithoutTimedBaseline) {
  tb::CellResult crashed_baseline = timed_cell("scalar", 1, 0.0);
  crashed_baseline.status = tb::CellStatus::kCrashed;
  crashed_baseline.time = {};
  tb::CellResult other_shape = timed_cell("scalar", 1, 3.0);
  other_shape.seq_len = 16;
  std::vector<tb::CellResult> cells{crashed_baseline, other_shape, timed_cell("fast", 1, 2.0)};

  tb::apply_speedups(cells, "scalar");
  EXPECT_DOUBLE_EQ(cells[0].speedup, 0.0);
  EXPECT_DOUBLE_EQ(cells[2].speedup, 0.0);
}

}  // namespace
