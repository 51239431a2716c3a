// The results file a run appends to as cells finish (JSON Lines, the schema of
// results/json.h), and the resume logic that reads it back. Each cell is written
// with one write() call as soon as it finishes, so Ctrl-C, a crash of
// transformer-bench or a killed job keeps every cell measured so far, and
// `run --resume FILE` measures only the cells missing from it.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "bench/cell_task.h"
#include "results/result.h"

namespace tb {

class ResultsLog {
 public:
  // Creates or truncates `path` and writes the header line with `context`.
  static ResultsLog create(const std::filesystem::path& path, const RunContext& context);

  // Opens an existing results file to append cells after the ones it holds.
  static ResultsLog append_to(const std::filesystem::path& path);

  ResultsLog(ResultsLog&& other) noexcept;
  ResultsLog& operator=(ResultsLog&&) = delete;
  ResultsLog(const ResultsLog&) = delete;
  ResultsLog& operator=(const ResultsLog&) = delete;
  ~ResultsLog();

  // Writes one line. Throws std::runtime_error when the write fails.
  void append(const CellResult& cell);

  const std::filesystem::path& path() const { return path_; }

 private:
  ResultsLog(std::filesystem::path path, int fd);
  void write_line(const std::string& line);

  std::filesystem::path path_;
  int fd_ = -1;
};

// Cuts a last line that has no newline, which a run killed while writing it leaves
// behind, so that the file reads as JSON Lines again. Returns whether it cut.
bool drop_partial_last_line(const std::filesystem::path& path);

// "16d_1l_2h|scalar|1|32|1": the identity of a cell across runs.
std::string cell_key(const std::string& model, const std::string& backend, int batch_size, int seq_len, int threads);
std::string cell_key(const CellResult& cell);
std::string cell_key(const CellTask& task);

struct ResumePlan {
  std::vector<CellResult> reused;  // results of earlier runs, with this matrix's indices
  std::vector<CellTask> to_run;    // tasks without a result yet, in matrix order
};

// Splits `tasks` into those `previous` already has a result for, whatever its status,
// and those it has not. When `previous` holds a cell twice, the later line wins.
ResumePlan plan_resume(const std::vector<CellTask>& tasks, const std::vector<CellResult>& previous);

// Throws std::runtime_error when `previous` was written for another matrix.
void check_resume_compatible(const RunContext& previous, const std::string& config_hash,
                             const std::filesystem::path& file);

}  // namespace tb
