// Process handling of run_in_worker, with shell scripts standing in for the worker
// executable: crash, hang, exit status, missing result, and no zombies left behind.
#include "bench/worker_process.h"

#include <signal.h>
#include <sys/wait.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "results/json.h"
#include "test_tasks.h"

namespace {

namespace fs = std::filesystem;

class WorkerProcess : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("worker_process_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    task_ = tb::testing::make_task(3, "scalar", 1, 8, 1);
    task_.measurement.time_limit_s = 30;
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Writes an executable shell script that plays the worker.
  fs::path script(const std::string& body) {
    const fs::path path = dir_ / "fake-worker.sh";
    std::ofstream(path) << "#!/bin/sh\n" << body << "\n";
    fs::permissions(path, fs::perms::owner_all);
    return path;
  }

  static void expect_no_child_left() {
    int status = 0;
    EXPECT_EQ(waitpid(-1, &status, WNOHANG), -1);
    EXPECT_EQ(errno, ECHILD);
  }

  fs::path dir_;
  tb::CellTask task_;
};

TEST_F(WorkerProcess, ResultLineIsReturned) {
  tb::CellResult sent;
  sent.index = 3;
  sent.model = task_.model.config.name;
  sent.backend = "scalar";
  sent.batch_size = 1;
  sent.seq_len = 8;
  sent.threads = 1;
  sent.status = tb::CellStatus::kOk;
  sent.time.samples_ms = {0.5};
  sent.time.median_ms = 0.5;
  std::ofstream(dir_ / "result.json") << tb::cell_to_json(sent).dump() << "\n";

  const tb::WorkerOutcome outcome =
      tb::run_in_worker(task_, script("echo 'backend says hi' >&2\ncat " + (dir_ / "result.json").string()), dir_);
  ASSERT_TRUE(outcome.result);
  EXPECT_TRUE(outcome.result_from_worker);
  EXPECT_EQ(outcome.result->status, tb::CellStatus::kOk);
  EXPECT_DOUBLE_EQ(outcome.result->time.median_ms, 0.5);
  EXPECT_EQ(outcome.worker_stderr, "backend says hi\n");
  expect_no_child_left();
}

TEST_F(WorkerProcess, LeftoverProcessIsKilled) {
  tb::CellResult sent;
  sent.index = 3;
  sent.status = tb::CellStatus::kOk;
  std::ofstream(dir_ / "result.json") << tb::cell_to_json(sent).dump() << "\n";

  // The background sleep keeps the result pipe open after the worker exits.
  const fs::path pid_file = dir_ / "leftover.pid";
  const auto start = std::chrono::steady_clock::now();
  const tb::WorkerOutcome outcome = tb::run_in_worker(
      task_, script("sleep 20 &\necho $! > " + pid_file.string() + "\ncat " + (dir_ / "result.json").string()),
      dir_);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(outcome.result);
  EXPECT_EQ(outcome.result->status, tb::CellStatus::kOk);
  EXPECT_LT(seconds, 10.0);

  pid_t leftover = 0;
  std::ifstream(pid_file) >> leftover;
  ASSERT_GT(leftover, 0);
  // The killed process may stay a zombie of init for a moment.
  bool gone = false;
  for (int i = 0; i < 100 && !gone; ++i) {
    gone = kill(leftover, 0) != 0 && errno == ESRCH;
    if (!gone) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(gone) << "process " << leftover << " outlived its worker";
}

TEST_F(WorkerProcess, CrashReportsSignalName) {
  const tb::WorkerOutcome outcome = tb::run_in_worker(task_, script("echo 'about to fail' >&2\nkill -SEGV $$"), dir_);
  ASSERT_TRUE(outcome.result);
  EXPECT_FALSE(outcome.result_from_worker);
  EXPECT_EQ(outcome.result->status, tb::CellStatus::kCrashed);
  EXPECT_NE(outcome.result->message.find("SIGSEGV"), std::string::npos) << outcome.result->message;
  EXPECT_NE(outcome.result->message.find("about to fail"), std::string::npos) << outcome.result->message;
  EXPECT_EQ(outcome.result->backend, "scalar");
  EXPECT_EQ(outcome.result->index, 3u);
  expect_no_child_left();
}

TEST_F(WorkerProcess, HangIsKilledAtTimeLimit) {
  task_.measurement.time_limit_s = 0.5;
  const auto start = std::chrono::steady_clock::now();
  const tb::WorkerOutcome outcome = tb::run_in_worker(task_, script("sleep 30"), dir_);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  ASSERT_TRUE(outcome.result);
  EXPECT_EQ(outcome.result->status, tb::CellStatus::kTimedOut);
  EXPECT_NE(outcome.result->message.find("0.5 s"), std::string::npos) << outcome.result->message;
  EXPECT_GE(seconds, 0.5);
  EXPECT_LT(seconds, 10.0);
  expect_no_child_left();
}

TEST_F(WorkerProcess, NonZeroExitIsErrorWithStderr) {
  const tb::WorkerOutcome outcome = tb::run_in_worker(task_, script("echo 'cannot open task' >&2\nexit 3"), dir_);
  ASSERT_TRUE(outcome.result);
  EXPECT_EQ(outcome.result->status, tb::CellStatus::kError);
  EXPECT_NE(outcome.result->message.find("status 3"), std::string::npos) << outcome.result->message;
  EXPECT_NE(outcome.result->message.find("cannot open task"), std::string::npos) << outcome.result->message;
}

TEST_F(WorkerProcess, MissingResultIsError) {
  const tb::WorkerOutcome outcome = tb::run_in_worker(task_, script("exit 0"), dir_);
  ASSERT_TRUE(outcome.result);
  EXPECT_EQ(outcome.result->status, tb::CellStatus::kError);
  EXPECT_NE(outcome.result->message.find("no valid result"), std::string::npos) << outcome.result->message;
}

TEST_F(WorkerProcess, TaskFileAndStderrFileAreRemoved) {
  tb::run_in_worker(task_, script("exit 0"), dir_);
  for (const fs::directory_entry& entry : fs::directory_iterator(dir_)) {
    EXPECT_EQ(entry.path().filename(), "fake-worker.sh");
  }
}

TEST(LastLines, KeepsTailWithoutTrailingNewline) {
  EXPECT_EQ(tb::last_lines("a\nb\nc\n", 2), "b\nc");
  EXPECT_EQ(tb::last_lines("a\nb\nc", 5), "a\nb\nc");
  EXPECT_EQ(tb::last_lines("", 3), "");
  EXPECT_EQ(tb::last_lines("only\n\n", 1), "only");
}

}  // namespace
