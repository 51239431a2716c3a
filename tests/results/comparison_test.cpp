// compare_runs: cell matching, verdicts and regressions on synthetic samples whose
// outcome is known.
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "results/comparison.h"
#include "sample_results.h"

namespace tb {
namespace {

using testing::timed_cell;

// Ten samples around `median` with a small spread and no ties between runs.
std::vector<double> samples_around(double median, double offset) {
  std::vector<double> samples;
  for (int i = 0; i < 10; ++i) samples.push_back(median + 0.01 * (i - 4.5) + offset);
  return samples;
}

RunResult run_with(const std::vector<CellResult>& cells) {
  RunResult run;
  run.cells = cells;
  return run;
}

TEST(Comparison, ClearSlowdownIsSignificant) {
  const RunResult base = run_with({timed_cell(0, "m", "b", 1, 8, 1, samples_around(1.0, 0))});
  const RunResult current = run_with({timed_cell(0, "m", "b", 1, 8, 1, samples_around(1.2, 0.001))});

  const Comparison comparison = compare_runs(base, current, {0.05, 5.0});
  ASSERT_EQ(comparison.matched.size(), 1u);
  const CellComparison& pair = comparison.matched[0];
  EXPECT_NEAR(pair.ratio, 1.201, 1e-9);
  EXPECT_EQ(pair.test.method, MannWhitneyMethod::kExact);
  EXPECT_EQ(pair.test.u1, 0);  // every base sample is below every new sample
  EXPECT_NEAR(pair.test.p_value, 2.0 / 184756.0, 1e-15);  // 2 / C(20, 10)
  EXPECT_EQ(pair.verdict, CompareVerdict::kSlower);
  EXPECT_TRUE(pair.regression);
  EXPECT_EQ(comparison.regressions(), 1u);
}

TEST(Comparison, SlowdownBelowThresholdIsNoRegression) {
  const RunResult base = run_with({timed_cell(0, "m", "b", 1, 8, 1, samples_around(1.0, 0))});
  const RunResult current = run_with({timed_cell(0, "m", "b", 1, 8, 1, samples_around(1.2, 0.001))});

  const Comparison comparison = compare_runs(base, current, {0.05, 25.0});
  EXPECT_EQ(comparison.matched[0].verdict, CompareVerdict::kSlower);
  EXPECT_FALSE(comparison.matched[0].regression);
}

TEST(Comparison, NoThresholdMeansNoRegression) {
  const RunResult base = run_with({timed_cell(0, "m", "b", 1, 8, 1, samples_around(1.0, 0))});
  const RunResult current = run_with({timed_cell(0, "m", "b", 1, 8, 1, samples_around(2.0, 0.001))});
  EXPECT_EQ(compare_runs(base, current, {}).regressions(), 0u);
}

TEST(Comparison, OverlappingSamplesAreNotSignificant) {
  // The new samples interleave with the base ones: U1 = 45 or so, p far above 0.05.
  const RunResult base = run_with({timed_cell(0, "m", "b", 1, 8, 1, samples_around(1.0, 0))});
  const RunResult current = run_with({timed_cell(0, "m", "b", 1, 8, 1, samples_around(1.0, 0.005))});

  const Comparison comparison = compare_runs(base, current, {0.05, 0.0});
  const CellComparison& pair = comparison.matched[0];
  EXPECT_GT(pair.test.p_value, 0.5);
  EXPECT_EQ(pair.verdict, CompareVerdict::kNoChange);
  EXPECT_FALSE(pair.regression);
}

TEST(Comparison, SpeedupIsFaster) {
  const RunResult base = run_with({timed_cell(0, "m", "b", 1, 8, 1, samples_around(2.0, 0))});
  const RunResult current = run_with({timed_cell(0, "m", "b", 1, 8, 1, samples_around(1.0, 0.001))});
  const Comparison comparison = compare_runs(base, current, {0.05, 5.0});
  EXPECT_EQ(comparison.matched[0].verdict, CompareVerdict::kFaster);
  EXPECT_EQ(comparison.matched[0].test.u1, 100);
  EXPECT_FALSE(comparison.matched[0].regression);
}

TEST(Comparison, FewSamplesAreNotTested) {
  const RunResult base = run_with({timed_cell(0, "m", "b", 1, 8, 1, {1.0, 1.1, 1.2})});
  const RunResult current = run_with({timed_cell(0, "m", "b", 1, 8, 1, {2.0, 2.1, 2.2})});
  const Comparison comparison = compare_runs(base, current, {0.05, 5.0});
  EXPECT_EQ(comparison.matched[0].verdict, CompareVerdict::kNotTested);
  EXPECT_FALSE(comparison.matched[0].regression);
}

TEST(Comparison, CellsOnOneSideAreListed) {
  const RunResult base = run_with({timed_cell(0, "m", "scalar", 1, 8, 1, samples_around(1.0, 0)),
                                   timed_cell(1, "m", "scalar", 1, 8, 2, samples_around(1.0, 0))});
  const RunResult current = run_with({timed_cell(0, "m", "scalar", 1, 8, 1, samples_around(1.0, 0.001)),
                                      timed_cell(1, "m", "blis", 1, 8, 1, samples_around(1.0, 0))});
  const Comparison comparison = compare_runs(base, current, {});
  ASSERT_EQ(comparison.matched.size(), 1u);
  ASSERT_EQ(comparison.only_base.size(), 1u);
  EXPECT_EQ(comparison.only_base[0].threads, 2);
  ASSERT_EQ(comparison.only_current.size(), 1u);
  EXPECT_EQ(comparison.only_current[0].backend, "blis");
}

TEST(Comparison, NewFailureIsRegressionWithThreshold) {
  const RunResult base = run_with({timed_cell(0, "m", "b", 1, 8, 1, samples_around(1.0, 0))});
  CellResult crashed = timed_cell(0, "m", "b", 1, 8, 1, samples_around(1.0, 0));
  crashed.status = CellStatus::kCrashed;
  crashed.time = {};
  const RunResult current = run_with({crashed});

  const Comparison comparison = compare_runs(base, current, {0.05, 5.0});
  EXPECT_EQ(comparison.matched[0].verdict, CompareVerdict::kNotComparable);
  EXPECT_TRUE(std::isnan(comparison.matched[0].ratio));
  EXPECT_TRUE(comparison.matched[0].regression);
}

TEST(Comparison, DuplicateCellIsRejected) {
  const RunResult twice = run_with({timed_cell(0, "m", "b", 1, 8, 1, samples_around(1.0, 0)),
                                    timed_cell(1, "m", "b", 1, 8, 1, samples_around(1.0, 0))});
  EXPECT_THROW(compare_runs(twice, twice, {}), std::invalid_argument);
}

TEST(Comparison, InvalidAlphaIsRejected) {
  const RunResult empty;
  EXPECT_THROW(compare_runs(empty, empty, {0.0, std::nullopt}), std::invalid_argument);
  EXPECT_THROW(compare_runs(empty, empty, {1.5, std::nullopt}), std::invalid_argument);
  EXPECT_THROW(compare_runs(empty, empty, {0.05, -1.0}), std::invalid_argument);
}

}  // namespace
}  // namespace tb
