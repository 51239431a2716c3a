#include "test_support.h"

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <sstream>

namespace tb::test {

std::filesystem::path fixture_path(const std::string& name) {
  return std::filesystem::path(TB_FIXTURE_DIR) / ("tb_fixture_" + name + ".so");
}

std::filesystem::path c_backend_path() { return TB_C_BACKEND_PATH; }

std::filesystem::path scalar_path() { return TB_SCALAR_PLUGIN_PATH; }

namespace {

// Quotes `argument` for /bin/sh.
std::string shell_quote(const std::string& argument) {
  std::string quoted = "'";
  for (char c : argument) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

}  // namespace

CommandResult run_transformer_bench(const std::vector<std::string>& args) {
  std::string command = shell_quote(TB_EXECUTABLE_PATH);
  for (const std::string& argument : args) {
    command += ' ';
    command += shell_quote(argument);
  }
  command += " 2>&1";

  CommandResult result;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer{};
  size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.output.append(buffer.data(), n);

  const int status = ::pclose(pipe);
  if (status != -1 && WIFEXITED(status)) result.exit_status = WEXITSTATUS(status);
  return result;
}

std::string check_line(const std::string& output, const std::string& name) {
  std::istringstream lines(output);
  for (std::string line; std::getline(lines, line);) {
    // "  PASS  name   reason": the name is the second whitespace-separated field.
    std::istringstream fields(line);
    std::string status;
    std::string check_name;
    fields >> status >> check_name;
    const bool is_result = status == "PASS" || status == "FAIL" || status == "SKIP";
    if (is_result && check_name == name) return line;
  }
  return "";
}

}  // namespace tb::test
