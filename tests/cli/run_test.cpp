// `transformer-bench run` end to end: the default matrix, config errors, in-process
// runs, resume and shards.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cli_process.h"

namespace {

namespace fs = std::filesystem;
using tb::cli_test::fresh_dir;
using tb::cli_test::lines_containing;
using tb::cli_test::run_cli;

// One model, the scalar backend, threads 1 and 2: two cells of well under a second.
// peak_gflops is set so the run skips the peak measurement.
constexpr const char* kSmallMatrix = R"(models:
  - {d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20, max_seq_len: 8}
backends: [scalar]
workload: {batch_size: 1, seq_len: 8, threads: [1, 2]}
measurement: {warmup: 1, repetitions: 3, min_time: 0, peak_gflops: 100}
)";

fs::path write_file(const fs::path& path, const std::string& text) {
  std::ofstream(path) << text;
  return path;
}

std::vector<std::string> file_lines(const fs::path& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

// Table rows are the lines that start with a model name.
std::vector<std::string> rows_of(const std::string& report, const std::string& model) {
  std::vector<std::string> rows;
  for (const std::string& line : lines_containing(report, model)) {
    if (line.rfind(model + " ", 0) == 0) rows.push_back(line);
  }
  return rows;
}

std::vector<std::string> fields_of(const std::string& row) {
  std::istringstream in(row);
  std::vector<std::string> fields;
  std::string field;
  while (in >> field) fields.push_back(field);
  return fields;
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

TEST(RunCommand, DefaultMatrixAllOk) {
  const fs::path cwd = fresh_dir();
  const auto result = run_cli({"run"}, cwd, 900);
  ASSERT_EQ(result.exit_status, 0) << result.out << result.err;

  for (const char* column : {"model", "backend", "threads", "time ms", "backend MiB", "RSS Δ MiB", "speedup",
                             "eff %", "GFLOP/s", "params", "loss", "max |diff|", "status"}) {
    EXPECT_NE(result.out.find(column), std::string::npos) << "missing column " << column;
  }
  EXPECT_NE(result.out.find("peak "), std::string::npos);
  EXPECT_NE(result.out.find("measured: FMA loop"), std::string::npos) << result.out;

  // Every backend found runs every model once.
  // Context lines start with "backend"; the table header also contains "backend" followed
  // by padding, so only lines that start with it are counted.
  size_t backends = 0;
  for (const std::string& line : lines_containing(result.out, "backend   ")) {
    if (line.rfind("backend   ", 0) == 0) ++backends;
  }
  ASSERT_GE(backends, 1u) << result.out;
  const std::vector<std::pair<std::string, std::string>> models{
      {"16d_1l_2h", "2,916"}, {"32d_2l_4h", "20,402"}, {"64d_4l_8h", "146,916"}};
  for (const auto& [model, parameters] : models) {
    const std::vector<std::string> rows = rows_of(result.out, model);
    EXPECT_EQ(rows.size(), backends) << result.out;
    for (const std::string& row : rows) {
      EXPECT_NE(row.find(" " + parameters + " "), std::string::npos) << row;
      EXPECT_TRUE(ends_with(row, "  ok")) << row;
    }
    EXPECT_TRUE(std::any_of(rows.begin(), rows.end(),
                            [](const std::string& row) { return row.find(" scalar ") != std::string::npos; }));
  }

  // The default results file lands in the current folder: a header and one line per cell.
  std::vector<fs::path> results;
  for (const fs::directory_entry& entry : fs::directory_iterator(cwd)) {
    if (entry.path().filename().string().rfind("transformer-bench-results-", 0) == 0) results.push_back(entry.path());
  }
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(file_lines(results[0]).size(), 1 + 3 * backends);
  EXPECT_NE(result.err.find("Results are appended to"), std::string::npos) << result.err;
}

TEST(RunCommand, ConfigErrorExitsTwo) {
  const fs::path cwd = fresh_dir();
  const fs::path config = write_file(cwd / "bad.yaml", std::string(kSmallMatrix) + "extra_section: 1\n");
  const auto result = run_cli({"run", config.string()}, cwd);
  EXPECT_EQ(result.exit_status, 2) << result.out << result.err;
  EXPECT_NE(result.err.find("bad.yaml:6:1: error: unknown key"), std::string::npos) << result.err;
  EXPECT_TRUE(result.out.empty()) << result.out;
}

TEST(RunCommand, NoIsolationRunsInProcess) {
  const fs::path cwd = fresh_dir();
  const fs::path config = write_file(cwd / "small.yaml", kSmallMatrix);
  const auto result = run_cli({"run", config.string(), "--no-isolation", "--results", "r.jsonl"}, cwd);
  EXPECT_EQ(result.exit_status, 0) << result.out << result.err;
  EXPECT_EQ(rows_of(result.out, "16d_1l_2h").size(), 2u) << result.out;
  EXPECT_NE(result.out.find("inside the run's own process"), std::string::npos) << result.out;
}

TEST(RunCommand, ResumeMeasuresOnlyMissingCells) {
  const fs::path cwd = fresh_dir();
  const fs::path config = write_file(cwd / "small.yaml", kSmallMatrix);
  const auto first = run_cli({"run", config.string(), "--results", "full.jsonl"}, cwd);
  ASSERT_EQ(first.exit_status, 0) << first.out << first.err;
  const std::vector<std::string> lines = file_lines(cwd / "full.jsonl");
  ASSERT_EQ(lines.size(), 3u);

  // As if the run had been stopped after its first cell.
  write_file(cwd / "partial.jsonl", lines[0] + "\n" + lines[1] + "\n");
  const auto resumed = run_cli({"run", config.string(), "--resume", "partial.jsonl"}, cwd);
  EXPECT_EQ(resumed.exit_status, 0) << resumed.out << resumed.err;
  EXPECT_NE(resumed.err.find("1 of 2 cells already measured, 1 to run"), std::string::npos) << resumed.err;
  EXPECT_EQ(lines_containing(resumed.err, ": running").size(), 1u) << resumed.err;
  EXPECT_EQ(rows_of(resumed.out, "16d_1l_2h").size(), 2u) << resumed.out;

  const std::vector<std::string> after = file_lines(cwd / "partial.jsonl");
  ASSERT_EQ(after.size(), 3u);
  EXPECT_EQ(after[1], lines[1]);
  EXPECT_NE(after[2].find("\"threads\":2"), std::string::npos) << after[2];
}

TEST(RunCommand, ResumeRejectsOtherMatrix) {
  const fs::path cwd = fresh_dir();
  const fs::path config = write_file(cwd / "small.yaml", kSmallMatrix);
  ASSERT_EQ(run_cli({"run", config.string(), "--results", "r.jsonl"}, cwd).exit_status, 0);

  const auto resumed = run_cli({"run", config.string(), "--resume", "r.jsonl", "--repetitions", "4"}, cwd);
  EXPECT_NE(resumed.exit_status, 0);
  EXPECT_NE(resumed.err.find("different matrix"), std::string::npos) << resumed.err;
}

TEST(RunCommand, ShardRunsItsCellsOnly) {
  const fs::path cwd = fresh_dir();
  const fs::path config = write_file(cwd / "small.yaml", kSmallMatrix);
  const auto result = run_cli({"run", config.string(), "--shard", "2/2", "--results", "r.jsonl"}, cwd);
  EXPECT_EQ(result.exit_status, 0) << result.out << result.err;
  const std::vector<std::string> rows = rows_of(result.out, "16d_1l_2h");
  ASSERT_EQ(rows.size(), 1u) << result.out;
  // Shard 2 of 2 takes cell index 1, the threads=2 cell.
  const std::vector<std::string> fields = fields_of(rows[0]);
  ASSERT_GE(fields.size(), 5u) << rows[0];
  EXPECT_EQ(fields[4], "2") << rows[0];
  EXPECT_NE(result.out.find("shard 2 of 2"), std::string::npos) << result.out;
}

}  // namespace
