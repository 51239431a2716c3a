#include "bench/worker_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench/interrupt.h"
#include "bench/measure_cell.h"
#include "bench/worker_protocol.h"
#include "results/json.h"
#include "system/signal_name.h"

extern char** environ;

namespace tb {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

constexpr size_t kStderrLinesInMessage = 12;

// Owns the posix_spawn attribute and file action objects for one launch.
class SpawnSetup {
 public:
  SpawnSetup() {
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attributes);
  }
  ~SpawnSetup() {
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
  }
  SpawnSetup(const SpawnSetup&) = delete;
  SpawnSetup& operator=(const SpawnSetup&) = delete;

  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attributes;
};

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

// Starts the worker with stdin from /dev/null, stdout into `stdout_fd` and stderr
// into `stderr_path`, in a new process group, with default signal handling.
pid_t spawn_worker(const fs::path& executable, const fs::path& task_path, int stdout_fd, const fs::path& stderr_path) {
  SpawnSetup setup;
  posix_spawn_file_actions_addopen(&setup.actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&setup.actions, stdout_fd, STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&setup.actions, STDERR_FILENO, stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);

  sigset_t no_signals;
  sigemptyset(&no_signals);
  sigset_t default_signals;
  sigemptyset(&default_signals);
  sigaddset(&default_signals, SIGINT);
  sigaddset(&default_signals, SIGTERM);
  sigaddset(&default_signals, SIGPIPE);
  posix_spawnattr_setflags(&setup.attributes,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  posix_spawnattr_setpgroup(&setup.attributes, 0);
  posix_spawnattr_setsigmask(&setup.attributes, &no_signals);
  posix_spawnattr_setsigdefault(&setup.attributes, &default_signals);

  const std::string executable_text = executable.string();
  const std::string task_text = task_path.string();
  std::vector<char*> argv{const_cast<char*>(executable_text.c_str()), const_cast<char*>("worker"),
                          const_cast<char*>("--task"), const_cast<char*>(task_text.c_str()), nullptr};

  pid_t pid = 0;
  const int error = posix_spawn(&pid, executable_text.c_str(), &setup.actions, &setup.attributes, argv.data(),
                                environ);
  if (error != 0) {
    throw std::runtime_error("cannot start worker process " + executable_text + ": " + std::strerror(error));
  }
  return pid;
}

// Kills the worker's whole process group and reaps the worker.
void kill_worker(pid_t pid) {
  kill(-pid, SIGKILL);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
}

enum class WaitEnd { kExited, kTimedOut, kInterrupted };

struct WaitResult {
  WaitEnd end = WaitEnd::kExited;
  int status = 0;      // waitpid status when kExited
  std::string output;  // everything the worker wrote to stdout
};

// Appends everything readable from the non-blocking `fd` to `output`. Returns false
// once the pipe is closed (end of file or an error), true while it stays open.
bool drain_pipe(int fd, std::string& output) {
  char buffer[4096];
  while (true) {
    const ssize_t n = read(fd, buffer, sizeof(buffer));
    if (n > 0) {
      output.append(buffer, static_cast<size_t>(n));
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      return n < 0 && errno == EAGAIN;
    }
  }
}

// Collects the worker's stdout until it exits, the deadline passes or the run is
// interrupted. Never leaves the worker unreaped. The exit is checked on every round,
// not only at the end of the pipe, because a process the backend started may keep
// the pipe open after the worker has exited.
WaitResult wait_for_worker(pid_t pid, int stdout_fd, Clock::time_point deadline,
                           const std::function<void()>& on_wait) {
  WaitResult wait;
  bool pipe_open = true;

  while (true) {
    if (on_wait) on_wait();
    if (interrupt_requested()) {
      kill_worker(pid);
      wait.end = WaitEnd::kInterrupted;
      break;
    }
    const Clock::time_point now = Clock::now();
    if (now >= deadline) {
      kill_worker(pid);
      wait.end = WaitEnd::kTimedOut;
      break;
    }
    const auto remaining_ms = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now).count();
    const int timeout_ms = static_cast<int>(std::clamp<long long>(remaining_ms, 1, 100));

    if (pipe_open) {
      pollfd readable{stdout_fd, POLLIN, 0};
      if (poll(&readable, 1, timeout_ms) > 0) pipe_open = drain_pipe(stdout_fd, wait.output);
    } else {
      poll(nullptr, 0, std::min(timeout_ms, 10));
    }

    if (waitpid(pid, &wait.status, WNOHANG) == pid) {
      if (pipe_open) drain_pipe(stdout_fd, wait.output);
      // Processes the backend left behind die with the cell. The group id cannot
      // have been reused: POSIX keeps a process id unused while a process group of
      // that id exists.
      kill(-pid, SIGKILL);
      wait.end = WaitEnd::kExited;
      break;
    }
  }
  close(stdout_fd);
  return wait;
}

std::string with_stderr(std::string message, const std::string& worker_stderr) {
  const std::string tail = last_lines(worker_stderr, kStderrLinesInMessage);
  if (!tail.empty()) message += "; worker stderr:\n" + tail;
  return message;
}

std::string format_seconds(double seconds) {
  std::ostringstream text;
  text << seconds;
  return text.str();
}

// The signal named in an AddressSanitizer deadly-signal report ("AddressSanitizer:
// SEGV on unknown address ..."), as SIGSEGV etc., or "" when there is none.
std::string sanitizer_deadly_signal(const std::string& worker_stderr) {
  for (const char* name : {"SEGV", "BUS", "FPE", "ILL"}) {
    if (worker_stderr.find(std::string("AddressSanitizer: ") + name + " on ") != std::string::npos) {
      return std::string("SIG") + name;
    }
  }
  return "";
}

// Sets `from_worker` when the result is the worker's own line.
CellResult interpret_exit(const CellTask& task, const WaitResult& wait, const std::string& worker_stderr,
                          bool& from_worker) {
  // In a sanitizer build, AddressSanitizer catches the worker's deadly signal, prints
  // a report naming it, then exits with a status or aborts (abort_on_error=1). The
  // signal in the report is the one the backend raised.
  const bool worker_failed = WIFSIGNALED(wait.status) || !WIFEXITED(wait.status) || WEXITSTATUS(wait.status) != 0;
  if (const std::string signal = sanitizer_deadly_signal(worker_stderr); worker_failed && !signal.empty()) {
    return unmeasured_result(
        task, CellStatus::kCrashed,
        with_stderr("worker crashed with " + signal + " (reported by AddressSanitizer)", worker_stderr));
  }
  if (WIFSIGNALED(wait.status)) {
    const int signal_number = WTERMSIG(wait.status);
    return unmeasured_result(task, CellStatus::kCrashed,
                             with_stderr("worker killed by " + signal_name(signal_number), worker_stderr));
  }
  const int exit_status = WIFEXITED(wait.status) ? WEXITSTATUS(wait.status) : -1;
  if (exit_status != 0) {
    return unmeasured_result(
        task, CellStatus::kError,
        with_stderr("worker exited with status " + std::to_string(exit_status) + " and no result", worker_stderr));
  }

  const std::string line = last_lines(wait.output, 1);
  try {
    CellResult result = cell_from_json(nlohmann::json::parse(line));
    from_worker = true;
    return result;
  } catch (const std::exception& error) {
    return unmeasured_result(
        task, CellStatus::kError,
        with_stderr(std::string("worker exited with status 0 but sent no valid result: ") + error.what(),
                    worker_stderr));
  }
}

}  // namespace

std::string last_lines(const std::string& text, size_t max_lines) {
  size_t end = text.size();
  while (end > 0 && (text[end - 1] == '\n' || text[end - 1] == '\r')) --end;

  size_t start = end;
  size_t lines = 0;
  while (start > 0) {
    if (text[start - 1] == '\n' && ++lines == max_lines) break;
    --start;
  }
  return text.substr(start, end - start);
}

WorkerOutcome run_in_worker(const CellTask& task, const fs::path& executable, const fs::path& scratch_dir,
                            const std::function<void()>& on_wait) {
  const std::string stem = "cell-" + std::to_string(task.index);
  const fs::path task_path = scratch_dir / (stem + ".task.json");
  const fs::path stderr_path = scratch_dir / (stem + ".stderr");
  write_file(task_path, task_to_json(task).dump());

  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe2 failed: ") + std::strerror(errno));
  // Only the parent's end is non-blocking; the worker writes its result with
  // ordinary blocking writes.
  fcntl(pipe_fds[0], F_SETFL, fcntl(pipe_fds[0], F_GETFL) | O_NONBLOCK);

  const Clock::time_point start = Clock::now();
  pid_t pid = 0;
  try {
    pid = spawn_worker(executable, task_path, pipe_fds[1], stderr_path);
  } catch (...) {
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    throw;
  }
  close(pipe_fds[1]);

  const auto limit = std::chrono::duration_cast<Clock::duration>(
      std::chrono::duration<double>(task.measurement.time_limit_s));
  const WaitResult wait = wait_for_worker(pid, pipe_fds[0], start + limit, on_wait);

  WorkerOutcome outcome;
  outcome.worker_stderr = read_file(stderr_path);
  std::error_code ignored;
  fs::remove(task_path, ignored);
  fs::remove(stderr_path, ignored);

  switch (wait.end) {
    case WaitEnd::kInterrupted:
      break;
    case WaitEnd::kTimedOut:
      outcome.result = unmeasured_result(
          task, CellStatus::kTimedOut,
          with_stderr("killed after the time limit of " + format_seconds(task.measurement.time_limit_s) + " s",
                      outcome.worker_stderr));
      break;
    case WaitEnd::kExited:
      outcome.result = interpret_exit(task, wait, outcome.worker_stderr, outcome.result_from_worker);
      break;
  }
  return outcome;
}

}  // namespace tb
