#include "check/isolated_run.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <iostream>
#include <system_error>

namespace tb::check {

namespace {

constexpr size_t kMaxOutputBytes = 64 * 1024;

using Clock = std::chrono::steady_clock;

class Pipe {
 public:
  Pipe() {
    if (::pipe2(fds_, O_CLOEXEC) != 0) throw std::system_error(errno, std::generic_category(), "pipe2 failed");
  }
  ~Pipe() {
    close_read();
    close_write();
  }
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;

  int read_end() const { return fds_[0]; }
  int write_end() const { return fds_[1]; }
  void close_read() { close_fd(fds_[0]); }
  void close_write() { close_fd(fds_[1]); }

 private:
  static void close_fd(int& fd) {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
  int fds_[2] = {-1, -1};
};

void write_all(int fd, const std::string& data) {
  size_t written = 0;
  while (written < data.size()) {
    const ssize_t n = ::write(fd, data.data() + written, data.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    written += static_cast<size_t>(n);
  }
}

[[noreturn]] void run_child(const std::function<std::string()>& body, Pipe& result_pipe, Pipe& output_pipe) {
  ::setpgid(0, 0);

  // A crash is an expected outcome here, reported by the parent, so it should not
  // leave a core file in the caller's working folder.
  const rlimit no_core = {0, 0};
  ::setrlimit(RLIMIT_CORE, &no_core);
  result_pipe.close_read();
  output_pipe.close_read();
  ::dup2(output_pipe.write_end(), STDOUT_FILENO);
  ::dup2(output_pipe.write_end(), STDERR_FILENO);

  int exit_status = 0;
  try {
    write_all(result_pipe.write_end(), body());
  } catch (const std::exception& error) {
    std::fprintf(stderr, "uncaught exception: %s\n", error.what());
    exit_status = 1;
  } catch (...) {
    std::fprintf(stderr, "uncaught exception of unknown type\n");
    exit_status = 1;
  }
  std::cout.flush();
  std::fflush(nullptr);
  ::_exit(exit_status);
}

// Appends what is available on `fd`; returns false at end of file.
bool drain(int fd, std::string& sink, size_t max_bytes) {
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n > 0) {
      sink.append(buffer, static_cast<size_t>(n));
      if (sink.size() > max_bytes) sink.erase(0, sink.size() - max_bytes);
      continue;
    }
    if (n == 0) return false;
    if (errno == EINTR) continue;
    return errno == EAGAIN || errno == EWOULDBLOCK;
  }
}

}  // namespace

IsolatedOutcome run_isolated(const std::function<std::string()>& body, std::chrono::milliseconds timeout) {
  Pipe result_pipe;
  Pipe output_pipe;

  // Buffered output would otherwise be written twice, once by each process.
  std::cout.flush();
  std::fflush(nullptr);

  const pid_t pid = ::fork();
  if (pid < 0) throw std::system_error(errno, std::generic_category(), "fork failed");
  if (pid == 0) run_child(body, result_pipe, output_pipe);

  // Both processes set the group, so it exists before the parent may need to kill it.
  ::setpgid(pid, pid);
  result_pipe.close_write();
  output_pipe.close_write();
  ::fcntl(result_pipe.read_end(), F_SETFL, O_NONBLOCK);
  ::fcntl(output_pipe.read_end(), F_SETFL, O_NONBLOCK);

  IsolatedOutcome outcome;
  const Clock::time_point deadline = Clock::now() + timeout;
  bool result_open = true;
  bool output_open = true;
  int wait_status = 0;
  bool reaped = false;

  while (!reaped) {
    if (::waitpid(pid, &wait_status, WNOHANG) == pid) {
      reaped = true;
      break;
    }
    const auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (remaining.count() <= 0) break;

    // Waking at least every 50 ms notices a child that exited while a process it
    // started keeps the pipes open.
    pollfd fds[2] = {{result_pipe.read_end(), POLLIN, 0}, {output_pipe.read_end(), POLLIN, 0}};
    const int wait_ms = static_cast<int>(std::min<int64_t>(remaining.count(), 50));
    if (!result_open && !output_open) {
      ::poll(nullptr, 0, wait_ms);
      continue;
    }
    fds[0].fd = result_open ? result_pipe.read_end() : -1;
    fds[1].fd = output_open ? output_pipe.read_end() : -1;
    ::poll(fds, 2, wait_ms);
    if (result_open) result_open = drain(result_pipe.read_end(), outcome.result, SIZE_MAX);
    if (output_open) output_open = drain(output_pipe.read_end(), outcome.output, kMaxOutputBytes);
  }

  if (!reaped) {
    ::kill(-pid, SIGKILL);
    ::kill(pid, SIGKILL);
    while (::waitpid(pid, &wait_status, 0) < 0 && errno == EINTR) {
    }
    outcome.end = IsolatedOutcome::End::kTimedOut;
  } else if (WIFSIGNALED(wait_status)) {
    outcome.end = IsolatedOutcome::End::kSignaled;
    outcome.term_signal = WTERMSIG(wait_status);
  } else {
    outcome.end = IsolatedOutcome::End::kExited;
    outcome.exit_status = WEXITSTATUS(wait_status);
  }

  // Whatever the child wrote before it ended is still in the pipes.
  if (result_open) drain(result_pipe.read_end(), outcome.result, SIZE_MAX);
  if (output_open) drain(output_pipe.read_end(), outcome.output, kMaxOutputBytes);
  outcome.has_result = !outcome.result.empty();
  return outcome;
}

}  // namespace tb::check
