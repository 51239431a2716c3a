#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <vector>

#include <gtest/gtest.h>

#include "bench/results_log.h"
#include "results/results_file.h"
#include "test_tasks.h"

namespace {

using tb::testing::make_task;

tb::CellResult result_for(const tb::CellTask& task, tb::CellStatus status, double median_ms) {
  tb::CellResult result;
  result.index = task.index;
  result.model = task.model.config.name;
  result.backend = task.backend.name;
  result.batch_size = task.batch_size;
  result.seq_len = task.seq_len;
  result.threads = task.threads;
  result.status = status;
  result.time.samples_ms = {median_ms};
  result.time.median_ms = median_ms;
  return result;
}

TEST(Resume, SkipsCellsAlreadyMeasured) {
  const std::vector<tb::CellTask> tasks{make_task(0, "scalar", 1, 32, 1), make_task(1, "blis", 1, 32, 1),
                                        make_task(2, "blis", 1, 32, 2)};
  const std::vector<tb::CellResult> previous{result_for(tasks[1], tb::CellStatus::kOk, 1.0)};

  const tb::ResumePlan plan = tb::plan_resume(tasks, previous);
  ASSERT_EQ(plan.reused.size(), 1u);
  EXPECT_EQ(plan.reused[0].backend, "blis");
  ASSERT_EQ(plan.to_run.size(), 2u);
  EXPECT_EQ(plan.to_run[0].index, 0u);
  EXPECT_EQ(plan.to_run[1].index, 2u);
}

TEST(Resume, MatchesOnEveryIdentityField) {
  const tb::CellTask task = make_task(0, "scalar", 2, 16, 4);
  for (int field = 0; field < 5; ++field) {
    tb::CellResult other = result_for(task, tb::CellStatus::kOk, 1.0);
    if (field == 0) other.model = "other";
    if (field == 1) other.backend = "other";
    if (field == 2) other.batch_size = 1;
    if (field == 3) other.seq_len = 8;
    if (field == 4) other.threads = 1;
    const tb::ResumePlan plan = tb::plan_resume({task}, {other});
    EXPECT_EQ(plan.to_run.size(), 1u) << "identity field " << field << " ignored";
  }
}

TEST(Resume, KeepsFailedCellsAndTakesLastLine) {
  const tb::CellTask task = make_task(3, "scalar", 1, 32, 1);
  const std::vector<tb::CellResult> previous{result_for(task, tb::CellStatus::kCrashed, 0.0),
                                             result_for(task, tb::CellStatus::kOk, 2.0)};
  const tb::ResumePlan plan = tb::plan_resume({task}, previous);
  ASSERT_EQ(plan.reused.size(), 1u);
  EXPECT_EQ(plan.reused[0].status, tb::CellStatus::kOk);
  EXPECT_TRUE(plan.to_run.empty());
}

TEST(Resume, ReusedCellTakesCurrentIndex) {
  const tb::CellTask task = make_task(7, "scalar", 1, 32, 1);
  tb::CellResult previous = result_for(task, tb::CellStatus::kOk, 1.0);
  previous.index = 2;
  const tb::ResumePlan plan = tb::plan_resume({task}, {previous});
  ASSERT_EQ(plan.reused.size(), 1u);
  EXPECT_EQ(plan.reused[0].index, 7u);
}

TEST(Resume, RejectsOtherConfigHash) {
  tb::RunContext previous;
  previous.config_hash = "0000000000000001";
  EXPECT_NO_THROW(tb::check_resume_compatible(previous, "0000000000000001", "results.jsonl"));
  EXPECT_THROW(tb::check_resume_compatible(previous, "0000000000000002", "results.jsonl"), std::runtime_error);
}

TEST(ResultsLog, AppendedCellsReadBack) {
  const std::filesystem::path path =
      std::filesystem::path(::testing::TempDir()) / "results_log_round_trip.jsonl";
  tb::RunContext context;
  context.config_hash = "00000000000000ab";
  context.date = "2024-01-01T00:00:00Z";
  const tb::CellTask first = make_task(0, "scalar", 1, 32, 1);
  const tb::CellTask second = make_task(1, "blis", 1, 32, 1);
  {
    tb::ResultsLog log = tb::ResultsLog::create(path, context);
    log.append(result_for(first, tb::CellStatus::kOk, 1.5));
  }
  {
    tb::ResultsLog log = tb::ResultsLog::append_to(path);
    log.append(result_for(second, tb::CellStatus::kTimedOut, 0.5));
  }

  const tb::ResultsFile file = tb::read_results_file(path);
  EXPECT_EQ(file.result.context.config_hash, "00000000000000ab");
  ASSERT_EQ(file.result.cells.size(), 2u);
  EXPECT_EQ(file.result.cells[0].backend, "scalar");
  EXPECT_DOUBLE_EQ(file.result.cells[0].time.median_ms, 1.5);
  EXPECT_EQ(file.result.cells[1].status, tb::CellStatus::kTimedOut);
  std::filesystem::remove(path);
}

TEST(ResultsLog, PartialLastLineIsDropped) {
  const std::filesystem::path path = std::filesystem::path(::testing::TempDir()) / "results_log_partial.jsonl";
  std::ofstream(path) << "{\"a\":1}\n{\"b\":";
  EXPECT_TRUE(tb::drop_partial_last_line(path));
  std::ifstream in(path);
  const std::string content{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  EXPECT_EQ(content, "{\"a\":1}\n");
  EXPECT_FALSE(tb::drop_partial_last_line(path));
  std::filesystem::remove(path);
}

}  // namespace
