// `transformer-bench worker --task FILE`: the hidden command `run` starts once per
// cell. It measures the cell described in FILE and writes the result as one JSON line
// to stdout (bench/worker_protocol.h). Not meant to be run by hand, except to debug
// a cell with the task file a run leaves behind.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench/measure_cell.h"
#include "bench/worker_protocol.h"
#include "cli/command.h"
#include "results/json.h"

namespace {

constexpr int kExitUsage = 2;

// Writes all of `text` to `fd`, retrying after short writes and signals.
bool write_all(int fd, const std::string& text) {
  size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    written += static_cast<size_t>(n);
  }
  return true;
}

int worker(const std::vector<std::string>& args) {
  if (args.size() != 2 || args[0] != "--task") {
    std::fprintf(stderr, "transformer-bench worker: error: expected '--task FILE'. This command is started by "
                         "'transformer-bench run'.\n");
    return kExitUsage;
  }

  std::ifstream in(args[1]);
  if (!in) {
    std::fprintf(stderr, "transformer-bench worker: error: cannot open task file %s\n", args[1].c_str());
    return kExitUsage;
  }
  const tb::CellTask task = tb::task_from_json(nlohmann::json::parse(in));

  // The result line must be the only thing on the protocol stream, so whatever the
  // backend prints to stdout goes to stderr instead.
  const int protocol_fd = dup(STDOUT_FILENO);
  if (protocol_fd < 0 || dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
    std::fprintf(stderr, "transformer-bench worker: error: cannot redirect stdout: %s\n", std::strerror(errno));
    return 1;
  }

  const tb::CellResult result = tb::measure_cell(task);
  std::fflush(stdout);
  if (!write_all(protocol_fd, tb::cell_to_json(result).dump() + "\n")) {
    std::fprintf(stderr, "transformer-bench worker: error: cannot write the result: %s\n", std::strerror(errno));
    return 1;
  }
  close(protocol_fd);
  return 0;
}

}  // namespace

TB_REGISTER_COMMAND(worker_command, "worker", "measure one cell for 'run' (internal)", true, &worker);
