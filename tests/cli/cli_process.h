// Runs the built transformer-bench executable as a user would, with stdout and
// stderr captured separately, for the end-to-end tests of the command line.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace tb::cli_test {

struct CommandOutput {
  int exit_status = -1;  // -1 when the process did not exit normally
  int signal = 0;        // the signal that ended it, if one did
  std::string out;
  std::string err;
};

// A started transformer-bench process whose stdout and stderr go to files.
class RunningCommand {
 public:
  // Starts the executable with `args` in the folder `cwd`; output files go there too.
  RunningCommand(const std::vector<std::string>& args, const std::filesystem::path& cwd);
  ~RunningCommand();
  RunningCommand(const RunningCommand&) = delete;
  RunningCommand& operator=(const RunningCommand&) = delete;

  pid_t pid() const { return pid_; }

  // Everything written to stderr so far.
  std::string err_so_far() const;

  // Waits for the process to end; after `timeout_s` it is killed with SIGKILL and
  // the result records that signal.
  CommandOutput wait(double timeout_s);

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
  std::filesystem::path out_path_;
  std::filesystem::path err_path_;
};

// Runs the executable with `args` in `cwd` (a fresh temporary folder when empty) and
// waits at most `timeout_s`.
CommandOutput run_cli(const std::vector<std::string>& args, std::filesystem::path cwd = {}, double timeout_s = 300);

// A new empty folder under the test temporary folder, named after the current test.
std::filesystem::path fresh_dir(const std::string& suffix = "");

// The lines of `text` that contain `needle`.
std::vector<std::string> lines_containing(const std::string& text, const std::string& needle);

}  // namespace tb::cli_test
