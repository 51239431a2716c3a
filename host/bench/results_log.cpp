#include "bench/results_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "results/results_file.h"

namespace tb {

namespace fs = std::filesystem;

namespace {

int open_for_append(const fs::path& path, int extra_flags) {
  const int fd = open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC | extra_flags, 0644);
  if (fd < 0) {
    throw std::runtime_error("cannot open results file " + path.string() + " for writing: " + std::strerror(errno));
  }
  return fd;
}

}  // namespace

ResultsLog::ResultsLog(fs::path path, int fd) : path_(std::move(path)), fd_(fd) {}

ResultsLog::ResultsLog(ResultsLog&& other) noexcept : path_(std::move(other.path_)), fd_(other.fd_) {
  other.fd_ = -1;
}

ResultsLog::~ResultsLog() {
  if (fd_ >= 0) close(fd_);
}

ResultsLog ResultsLog::create(const fs::path& path, const RunContext& context) {
  ResultsLog log(path, open_for_append(path, O_CREAT | O_TRUNC));
  std::ostringstream header;
  write_jsonl_header(context, header);
  log.write_line(header.str());
  return log;
}

ResultsLog ResultsLog::append_to(const fs::path& path) { return ResultsLog(path, open_for_append(path, 0)); }

void ResultsLog::append(const CellResult& cell) {
  std::ostringstream line;
  append_jsonl_cell(cell, line);
  write_line(line.str());
}

// One write() per line: a process killed between two lines leaves whole lines only.
void ResultsLog::write_line(const std::string& line) {
  size_t written = 0;
  while (written < line.size()) {
    const ssize_t n = write(fd_, line.data() + written, line.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error("cannot write results file " + path_.string() + ": " + std::strerror(errno));
    written += static_cast<size_t>(n);
  }
}

bool drop_partial_last_line(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  const std::string content = text.str();
  if (content.empty() || content.back() == '\n') return false;

  const size_t last_newline = content.rfind('\n');
  fs::resize_file(path, last_newline == std::string::npos ? 0 : last_newline + 1);
  return true;
}

std::string cell_key(const std::string& model, const std::string& backend, int batch_size, int seq_len, int threads) {
  return model + "|" + backend + "|" + std::to_string(batch_size) + "|" + std::to_string(seq_len) + "|" +
         std::to_string(threads);
}

std::string cell_key(const CellResult& cell) {
  return cell_key(cell.model, cell.backend, cell.batch_size, cell.seq_len, cell.threads);
}

std::string cell_key(const CellTask& task) {
  return cell_key(task.model.config.name, task.backend.name, task.batch_size, task.seq_len, task.threads);
}

ResumePlan plan_resume(const std::vector<CellTask>& tasks, const std::vector<CellResult>& previous) {
  std::map<std::string, const CellResult*> by_key;
  for (const CellResult& cell : previous) by_key[cell_key(cell)] = &cell;

  ResumePlan plan;
  for (const CellTask& task : tasks) {
    const auto found = by_key.find(cell_key(task));
    if (found == by_key.end()) {
      plan.to_run.push_back(task);
      continue;
    }
    CellResult reused = *found->second;
    reused.index = task.index;
    plan.reused.push_back(std::move(reused));
  }
  return plan;
}

void check_resume_compatible(const RunContext& previous, const std::string& config_hash, const fs::path& file) {
  if (previous.config_hash == config_hash) return;
  throw std::runtime_error("cannot resume from " + file.string() + ": it was written for a different matrix (config hash " +
                           previous.config_hash + ", this run " + config_hash +
                           "). Run with the same config and options, or start a new results file.");
}

}  // namespace tb
