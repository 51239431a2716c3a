#include "bench/progress.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>

#include "report/number_text.h"

namespace tb {

Progress::Progress(size_t total, std::FILE* stream, bool terminal)
    : total_(total), stream_(stream), terminal_(terminal), run_start_(Clock::now()), last_draw_(run_start_) {}

Progress Progress::for_stderr(size_t total) { return Progress(total, stderr, isatty(STDERR_FILENO) == 1); }

std::string format_duration(double seconds) {
  const long total = std::lround(std::max(seconds, 0.0));
  const long hours = total / 3600;
  const long minutes = (total / 60) % 60;
  const long secs = total % 60;
  char text[32];
  if (hours > 0) {
    std::snprintf(text, sizeof(text), "%ld:%02ld:%02ld", hours, minutes, secs);
  } else {
    std::snprintf(text, sizeof(text), "%ld:%02ld", minutes, secs);
  }
  return text;
}

std::string Progress::counter() const {
  // snprintf rather than string concatenation, which trips a false -Wrestrict in
  // GCC 12 here.
  char text[64];
  std::snprintf(text, sizeof(text), "[%zu/%zu]", started_, total_);
  return text;
}

std::string Progress::timing() const {
  const double elapsed = std::chrono::duration<double>(Clock::now() - run_start_).count();
  std::string text = "elapsed " + format_duration(elapsed);
  // The ETA assumes the remaining cells take as long on average as the finished
  // ones, so it is only a rough guide when cell sizes differ.
  if (finished_ > 0 && finished_ < total_) {
    const double per_cell = elapsed / static_cast<double>(finished_);
    text += "  eta " + format_duration(per_cell * static_cast<double>(total_ - finished_));
  }
  return text;
}

void Progress::clear_line() {
  if (terminal_ && line_shown_) {
    std::fputs("\r\033[K", stream_);
    line_shown_ = false;
  }
}

void Progress::draw() {
  clear_line();
  std::fprintf(stream_, "%s %s  %s", counter().c_str(), description_.c_str(), timing().c_str());
  std::fflush(stream_);
  line_shown_ = true;
  last_draw_ = Clock::now();
}

void Progress::start_cell(const std::string& description) {
  ++started_;
  description_ = description;
  if (terminal_) {
    draw();
    return;
  }
  std::fprintf(stream_, "%s %s: running  (%s)\n", counter().c_str(), description_.c_str(), timing().c_str());
  std::fflush(stream_);
}

void Progress::tick() {
  if (!terminal_ || Clock::now() - last_draw_ < std::chrono::milliseconds(500)) return;
  draw();
}

void Progress::finish_cell(const CellResult& result) {
  ++finished_;
  std::string outcome = to_string(result.status);
  if (!result.time.samples_ms.empty()) outcome += ", median " + text::significant(result.time.median_ms) + " ms";
  if (result.status != CellStatus::kOk && !result.message.empty()) {
    // Only the first line: the report shows the whole message.
    outcome += ": " + result.message.substr(0, result.message.find('\n'));
  }

  if (terminal_) {
    if (result.status != CellStatus::kOk) message(counter() + " " + description_ + ": " + outcome);
    draw();
    return;
  }
  std::fprintf(stream_, "%s %s: %s  (%s)\n", counter().c_str(), description_.c_str(), outcome.c_str(),
               timing().c_str());
  std::fflush(stream_);
}

void Progress::message(const std::string& text) {
  const bool redraw = line_shown_;
  clear_line();
  std::fprintf(stream_, "%s\n", text.c_str());
  if (redraw) {
    draw();
  } else {
    std::fflush(stream_);
  }
}

void Progress::close() {
  clear_line();
  std::fflush(stream_);
}

}  // namespace tb
