// Paths of the plugins the ABI tests use, and a way to run the transformer-bench
// executable and read what it printed.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace tb::test {

// ${build}/tests/fixtures/tb_fixture_<name>.so
std::filesystem::path fixture_path(const std::string& name);

// The example C plugin built in the tree.
std::filesystem::path c_backend_path();

// The scalar backend, or an empty path when this build has none.
std::filesystem::path scalar_path();

struct CommandResult {
  int exit_status = -1;  // -1 when the process did not exit normally
  std::string output;    // stdout and stderr, interleaved
};

// Runs the transformer-bench executable of this build with `args`.
CommandResult run_transformer_bench(const std::vector<std::string>& args);

// The line of `check` output for check `name` ("  FAIL  forward_runs  ..."), or an
// empty string when there is none.
std::string check_line(const std::string& output, const std::string& name);

}  // namespace tb::test
