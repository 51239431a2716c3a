// Runs a function in a forked child process with a time limit, so that code which
// crashes, hangs or corrupts memory (a plugin under test) cannot take the caller
// with it. POSIX only. It is not a sandbox: the child has the caller's rights.
#pragma once

#include <chrono>
#include <functional>
#include <string>

namespace tb::check {

struct IsolatedOutcome {
  enum class End {
    kExited,    // the child exited; exit_status is its exit code
    kSignaled,  // the child died from signal term_signal
    kTimedOut,  // the child ran past the time limit and was killed
  };
  End end = End::kExited;
  int exit_status = 0;
  int term_signal = 0;
  std::string result;  // what the function returned, when the child got that far
  bool has_result = false;  // the child sent a non-empty result
  std::string output;  // the child's stdout and stderr, interleaved, at most the last 64 KiB
};

// Forks, runs `body` in the child with stdout and stderr captured, and sends back
// the string it returns. The child ends with _exit(0) after `body`, so no atexit
// handler or static destructor of the parent runs twice. It writes no core file and
// gets a process group of its own, which is killed with SIGKILL on timeout. The
// caller must be single-threaded when calling this, because fork copies only the
// calling thread.
IsolatedOutcome run_isolated(const std::function<std::string()>& body, std::chrono::milliseconds timeout);

}  // namespace tb::check
