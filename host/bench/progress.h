// Progress of a run on stderr. On a terminal, one line rewritten in place:
// "[i/N] model backend B=.. T=.. threads=..  elapsed m:ss  eta m:ss", with a
// permanent line for each cell that did not finish ok. Otherwise (a log file, CI)
// plain lines: one when a cell starts and one when it ends.
#pragma once

#include <chrono>
#include <cstdio>
#include <string>

#include "results/result.h"

namespace tb {

class Progress {
 public:
  // `total` is the number of cells this run measures; `stream` is usually stderr.
  Progress(size_t total, std::FILE* stream, bool terminal);

  // A progress display for stderr, in terminal mode when stderr is a terminal.
  static Progress for_stderr(size_t total);

  void start_cell(const std::string& description);

  // Redraws the terminal line with the current elapsed time; at most twice a second.
  void tick();

  void finish_cell(const CellResult& result);

  // Prints a whole line (a warning, a worker's stderr) without breaking the
  // progress line.
  void message(const std::string& text);

  // Clears the progress line; call before printing the report.
  void close();

 private:
  using Clock = std::chrono::steady_clock;

  std::string counter() const;  // "[i/N]"
  std::string timing() const;   // "elapsed 0:12  eta 0:30"
  void draw();
  void clear_line();

  size_t total_;
  size_t started_ = 0;
  size_t finished_ = 0;
  std::FILE* stream_;
  bool terminal_;
  bool line_shown_ = false;
  std::string description_;
  Clock::time_point run_start_;
  Clock::time_point last_draw_;
};

// "m:ss", or "h:mm:ss" from one hour on.
std::string format_duration(double seconds);

}  // namespace tb
