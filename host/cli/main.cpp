// Entry point: dispatches `transformer-bench <command> [args]` to a registered
// command. Errors the commands do not handle are reported here, never as a crash.
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include <transformer_bench/backend.h>

#include "cli/command.h"

namespace {

void print_usage(std::FILE* out) {
  std::fprintf(out,
               "transformer-bench %s: benchmark transformer forward-pass backends loaded as plugins\n\n"
               "Usage: transformer-bench <command> [options]\n\nCommands:\n",
               TB_VERSION);
  for (const tb::cli::Command& command : tb::cli::commands()) {
    if (!command.hidden) std::fprintf(out, "  %-16s %s\n", command.name, command.summary);
  }
  std::fprintf(out, "\nRun 'transformer-bench <command> --help' for a command's options.\n");
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    print_usage(stderr);
    return 2;
  }
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    print_usage(stdout);
    return 0;
  }
  if (args[0] == "--version") {
    std::printf("transformer-bench %s (%s build, plugin ABI %d.%d)\n", TB_VERSION, TB_BUILD_TYPE,
                TB_ABI_VERSION_MAJOR, TB_ABI_VERSION_MINOR);
    return 0;
  }

  for (const tb::cli::Command& command : tb::cli::commands()) {
    if (args[0] != command.name) continue;
    try {
      return command.run(std::vector<std::string>(args.begin() + 1, args.end()));
    } catch (const std::exception& error) {
      std::fprintf(stderr, "transformer-bench %s: error: %s\n", command.name, error.what());
      return 1;
    }
  }

  std::fprintf(stderr, "transformer-bench: unknown command '%s'. Run 'transformer-bench --help' for the list.\n",
               args[0].c_str());
  return 2;
}
