#include "cli_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <gtest/gtest.h>

extern char** environ;

namespace tb::cli_test {

namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

RunningCommand::RunningCommand(const std::vector<std::string>& args, const fs::path& cwd)
    : out_path_(cwd / "cli-stdout.txt"), err_path_(cwd / "cli-stderr.txt") {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  // posix_spawn_file_actions_addchdir_np needs glibc 2.29, which Debian 12 has.
  posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());

  std::vector<std::string> argv_text{TB_EXECUTABLE_PATH};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& arg : argv_text) argv.push_back(arg.data());
  argv.push_back(nullptr);

  // The tests choose the plugin folders themselves, so a search path set in the
  // caller's environment must not add backends.
  std::vector<char*> environment;
  for (char** variable = environ; *variable != nullptr; ++variable) {
    if (std::strncmp(*variable, "TRANSFORMER_BENCH_PLUGIN_PATH=", 30) != 0) environment.push_back(*variable);
  }
  environment.push_back(nullptr);

  const int error = posix_spawn(&pid_, TB_EXECUTABLE_PATH, &actions, nullptr, argv.data(), environment.data());
  posix_spawn_file_actions_destroy(&actions);
  if (error != 0) throw std::runtime_error(std::string("cannot start transformer-bench: ") + std::strerror(error));
}

RunningCommand::~RunningCommand() {
  if (!reaped_) wait(0);
}

std::string RunningCommand::err_so_far() const { return read_file(err_path_); }

CommandOutput RunningCommand::wait(double timeout_s) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_s);
  int status = 0;
  while (waitpid(pid_, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() >= deadline) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  reaped_ = true;

  CommandOutput output;
  if (WIFEXITED(status)) output.exit_status = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) output.signal = WTERMSIG(status);
  output.out = read_file(out_path_);
  output.err = read_file(err_path_);
  return output;
}

CommandOutput run_cli(const std::vector<std::string>& args, fs::path cwd, double timeout_s) {
  if (cwd.empty()) cwd = fresh_dir("cwd");
  RunningCommand command(args, cwd);
  return command.wait(timeout_s);
}

fs::path fresh_dir(const std::string& suffix) {
  const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
  fs::path dir = fs::path(::testing::TempDir()) / "tb_cli_tests" /
                 (std::string(test->test_suite_name()) + "." + test->name() + (suffix.empty() ? "" : "." + suffix));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::vector<std::string> lines_containing(const std::string& text, const std::string& needle) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.find(needle) != std::string::npos) lines.push_back(line);
  }
  return lines;
}

}  // namespace tb::cli_test
