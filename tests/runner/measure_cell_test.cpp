// measure_cell with the real scalar backend, in this process.
#include "bench/measure_cell.h"

#include <cmath>
#include <filesystem>
#include <vector>

#include <gtest/gtest.h>

#include "bench/reference_logits.h"
#include "bench/runner.h"
#include "results/results_file.h"
#include "test_tasks.h"

namespace {

namespace fs = std::filesystem;

class MeasureCell : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("measure_cell_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  tb::CellTask scalar_task(size_t index, int threads) const {
    tb::CellTask task = tb::testing::make_task(index, "scalar", 1, 8, threads);
    task.backend.path = TB_SCALAR_PLUGIN_PATH;
    task.reference.path = TB_SCALAR_PLUGIN_PATH;
    task.measurement.warmup = 1;
    task.measurement.repetitions = 4;
    task.measurement.min_time_s = 0;
    task.peak_gflops_per_core = 10.0;
    task.reference_logits_file = dir_ / "reference.f32";
    return task;
  }

  fs::path dir_;
};

TEST_F(MeasureCell, ScalarCellIsOk) {
  const tb::CellResult result = tb::measure_cell(scalar_task(0, 1));
  EXPECT_EQ(result.status, tb::CellStatus::kOk) << result.message;
  EXPECT_EQ(result.parameters, 2916);
  EXPECT_EQ(result.time.samples_ms.size(), 4u);
  EXPECT_GT(result.time.median_ms, 0.0);
  EXPECT_DOUBLE_EQ(result.max_abs_diff, 0.0);
  EXPECT_TRUE(std::isfinite(result.loss));
  EXPECT_GT(result.weight_bytes, 0u);
  EXPECT_GT(result.gflops_per_second, 0.0);
  EXPECT_DOUBLE_EQ(result.efficiency, result.gflops_per_second / 10.0);
  EXPECT_TRUE(fs::exists(dir_ / "reference.f32"));
}

TEST_F(MeasureCell, MinTimeExtendsRepetitions) {
  tb::CellTask task = scalar_task(0, 1);
  task.measurement.repetitions = 1;
  task.measurement.min_time_s = 0.05;
  const tb::CellResult result = tb::measure_cell(task);
  double timed_ms = 0;
  for (double sample : result.time.samples_ms) timed_ms += sample;
  EXPECT_GE(timed_ms, 50.0);
  EXPECT_GT(result.time.samples_ms.size(), 1u);
}

TEST_F(MeasureCell, SecondThreadCountComparesWithCache) {
  const tb::CellResult first = tb::measure_cell(scalar_task(0, 1));
  const tb::CellResult second = tb::measure_cell(scalar_task(1, 2));
  EXPECT_EQ(first.status, tb::CellStatus::kOk) << first.message;
  EXPECT_EQ(second.status, tb::CellStatus::kOk) << second.message;
  EXPECT_EQ(second.threads, 2);
}

TEST_F(MeasureCell, WrongReferenceLogitsAreMismatch) {
  tb::CellTask task = scalar_task(0, 1);
  const std::vector<float> wrong(static_cast<size_t>(8) * task.model.config.vocab_size, 100.0f);
  tb::write_reference_logits(task.reference_logits_file, wrong);

  const tb::CellResult result = tb::measure_cell(task);
  EXPECT_EQ(result.status, tb::CellStatus::kMismatch);
  EXPECT_GT(result.max_abs_diff, 50.0);
  EXPECT_NE(result.message.find("tolerance"), std::string::npos) << result.message;
  EXPECT_FALSE(result.time.samples_ms.empty());
}

TEST_F(MeasureCell, MissingBackendIsError) {
  tb::CellTask task = scalar_task(0, 1);
  task.backend.name = "absent";
  task.backend.path.clear();
  const tb::CellResult result = tb::measure_cell(task);
  EXPECT_EQ(result.status, tb::CellStatus::kError);
  EXPECT_NE(result.message.find("absent"), std::string::npos) << result.message;
}

TEST_F(MeasureCell, RejectedOptionIsError) {
  tb::CellTask task = scalar_task(0, 1);
  task.backend.options = {{"no_such_option", "1"}};
  const tb::CellResult result = tb::measure_cell(task);
  EXPECT_EQ(result.status, tb::CellStatus::kError);
  EXPECT_NE(result.message.find("no_such_option"), std::string::npos) << result.message;
}

TEST_F(MeasureCell, InProcessRunnerLogsEveryCell) {
  const std::vector<tb::CellTask> tasks{scalar_task(0, 1), scalar_task(1, 2)};
  const fs::path log_path = dir_ / "results.jsonl";
  tb::ResultsLog log = tb::ResultsLog::create(log_path, tb::RunContext{});
  tb::Progress progress(tasks.size(), stderr, false);

  const tb::RunnerOutcome outcome = tb::run_cells(tasks, tb::RunnerOptions{false, {}, dir_}, &log, progress);
  EXPECT_FALSE(outcome.interrupted);
  ASSERT_EQ(outcome.results.size(), 2u);
  const tb::ResultsFile file = tb::read_results_file(log_path);
  ASSERT_EQ(file.result.cells.size(), 2u);
  EXPECT_EQ(file.result.cells[1].threads, 2);
}

}  // namespace
