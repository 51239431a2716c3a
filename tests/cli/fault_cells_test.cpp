// A matrix with the fault-fixture backends beside scalar: each fault stays in its own
// cell (crashed with the signal name, timed out, mismatch) while the other cells
// finish ok, and Ctrl-C stops a run cleanly. Built only when the fixtures are.
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "cli_process.h"

namespace {

namespace fs = std::filesystem;
using tb::cli_test::fresh_dir;
using tb::cli_test::lines_containing;
using tb::cli_test::run_cli;
using tb::cli_test::RunningCommand;

constexpr const char* kFaultMatrix = R"(models:
  - {d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20, max_seq_len: 8}
backends: [scalar, fixture_crash_in_forward, fixture_hang_in_forward, fixture_wrong_logits]
workload: {batch_size: 1, seq_len: 8, threads: 1}
measurement: {warmup: 1, repetitions: 3, min_time: 0, peak_gflops: 100}
)";

// The table row of `backend`, or "" when there is none.
std::string row_of(const std::string& report, const std::string& backend) {
  for (const std::string& line : lines_containing(report, "16d_1l_2h  " + backend + " ")) {
    if (line.rfind("16d_1l_2h", 0) == 0) return line;
  }
  return "";
}

TEST(FaultCells, EachFaultStaysInItsCell) {
  const fs::path cwd = fresh_dir();
  std::ofstream(cwd / "faults.yaml") << kFaultMatrix;

  const auto start = std::chrono::steady_clock::now();
  const auto result = run_cli({"run", "faults.yaml", "--plugin-dir", TB_FIXTURE_DIR, "--time-limit", "3",
                               "--results", "r.jsonl"},
                              cwd);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(result.exit_status, 1) << result.out << result.err;

  EXPECT_NE(row_of(result.out, "scalar").find("  ok"), std::string::npos) << result.out;
  EXPECT_NE(row_of(result.out, "fixture_crash_in_forward").find("crashed ["), std::string::npos) << result.out;
  EXPECT_NE(row_of(result.out, "fixture_hang_in_forward").find("timed_out ["), std::string::npos) << result.out;
  EXPECT_NE(row_of(result.out, "fixture_wrong_logits").find("mismatch ["), std::string::npos) << result.out;

  // A plain build reports "worker killed by SIGSEGV"; under AddressSanitizer the
  // worker exits after the sanitizer's report, "worker crashed with SIGSEGV".
  EXPECT_NE(result.out.find("crashed: worker "), std::string::npos) << result.out;
  EXPECT_NE(result.out.find(" SIGSEGV"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("timed_out: killed after the time limit of 3 s"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("exceeds the tolerance"), std::string::npos) << result.out;
  // The hang costs the time limit, not more.
  EXPECT_LT(seconds, 60.0);

  std::ifstream results(cwd / "r.jsonl");
  size_t lines = 0;
  for (std::string line; std::getline(results, line);) ++lines;
  EXPECT_EQ(lines, 5u);
}

TEST(FaultCells, CellAboveMaxThreadsIsSkipped) {
  const fs::path cwd = fresh_dir();
  std::ofstream(cwd / "threads.yaml") << R"(models:
  - {d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20, max_seq_len: 8}
backends: [scalar, fixture_older_minor]
workload: {batch_size: 1, seq_len: 8, threads: [1, 2]}
measurement: {warmup: 1, repetitions: 3, min_time: 0, peak_gflops: 100}
)";

  // The fixture declares max_threads 1, so its 2-thread cell is skipped with the
  // reason and does not fail the run.
  const auto result =
      run_cli({"run", "threads.yaml", "--plugin-dir", TB_FIXTURE_DIR, "--results", "r.jsonl"}, cwd);
  EXPECT_EQ(result.exit_status, 0) << result.out << result.err;

  const std::vector<std::string> rows = lines_containing(result.out, "16d_1l_2h  fixture_older_minor ");
  ASSERT_EQ(rows.size(), 2u) << result.out;
  EXPECT_NE(rows[0].find("  ok"), std::string::npos) << rows[0];
  EXPECT_NE(rows[1].find("skipped ["), std::string::npos) << rows[1];
  EXPECT_NE(result.out.find("fixture_older_minor declares max_threads 1, below threads=2"), std::string::npos)
      << result.out;

  std::ifstream results(cwd / "r.jsonl");
  std::string text((std::istreambuf_iterator<char>(results)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("\"status\":\"skipped\""), std::string::npos) << text;
}

TEST(FaultCells, ModelAboveMaxSeqLenIsSkipped) {
  const fs::path cwd = fresh_dir();
  std::ofstream(cwd / "lengths.yaml") << R"(models:
  - {name: short, d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20, max_seq_len: 4}
  - {name: long, d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20, max_seq_len: 8}
backends: [scalar, fixture_short_context]
workload: {batch_size: 1, seq_len: 4, threads: 1}
measurement: {warmup: 1, repetitions: 3, min_time: 0, peak_gflops: 100}
)";

  // The fixture declares max_seq_len 4, so it runs the model whose max_seq_len is 4
  // and skips the one whose max_seq_len is 8, although this workload's T is 4.
  const auto result = run_cli({"run", "lengths.yaml", "--plugin-dir", TB_FIXTURE_DIR}, cwd);
  EXPECT_EQ(result.exit_status, 0) << result.out << result.err;

  const std::vector<std::string> short_rows = lines_containing(result.out, "short  fixture_short_context ");
  ASSERT_EQ(short_rows.size(), 1u) << result.out;
  EXPECT_NE(short_rows[0].find("  ok"), std::string::npos) << short_rows[0];
  const std::vector<std::string> long_rows = lines_containing(result.out, "long   fixture_short_context ");
  ASSERT_EQ(long_rows.size(), 1u) << result.out;
  EXPECT_NE(long_rows[0].find("skipped ["), std::string::npos) << long_rows[0];
  EXPECT_NE(result.out.find("fixture_short_context declares max_seq_len 4, below the max_seq_len 8 of model 'long'"),
            std::string::npos)
      << result.out;
}

TEST(FaultCells, InterruptStopsRunAndKeepsResults) {
  const fs::path cwd = fresh_dir();
  std::ofstream(cwd / "faults.yaml") << kFaultMatrix;

  RunningCommand run({"run", "faults.yaml", "--plugin-dir", TB_FIXTURE_DIR, "--backends",
                      "scalar,fixture_hang_in_forward,fixture_wrong_logits", "--time-limit", "120", "--results",
                      "r.jsonl"},
                     cwd);
  // Wait until the hanging cell has started, then press Ctrl-C (SIGINT to the run).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (run.err_so_far().find("fixture_hang_in_forward B=1 T=8 threads=1: running") == std::string::npos) {
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << run.err_so_far();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ASSERT_EQ(kill(run.pid(), SIGINT), 0);

  const auto start = std::chrono::steady_clock::now();
  const auto result = run.wait(30);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(result.exit_status, 130) << result.out << result.err;
  EXPECT_LT(seconds, 10.0);
  EXPECT_NE(result.err.find("Interrupted: 1 of 3 cells measured"), std::string::npos) << result.err;
  // The report covers the finished cell only; the wrong-logits cell never started.
  EXPECT_NE(row_of(result.out, "scalar").find("  ok"), std::string::npos) << result.out;
  EXPECT_EQ(row_of(result.out, "fixture_wrong_logits"), "") << result.out;

  std::ifstream results(cwd / "r.jsonl");
  size_t lines = 0;
  for (std::string line; std::getline(results, line);) ++lines;
  EXPECT_EQ(lines, 2u);
}

}  // namespace
