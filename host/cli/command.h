// Sub-commands of the transformer-bench executable. Each lives in its own
// cli/<name>_command.cpp and registers itself with TB_REGISTER_COMMAND, so adding a
// command touches no other file.
#pragma once

#include <string>
#include <vector>

namespace tb::cli {

struct Command {
  const char* name;     // e.g. "run"
  const char* summary;  // one line for `transformer-bench --help`
  bool hidden;          // internal commands (the worker) are not listed
  // Runs the command on the arguments after its name; returns the exit status.
  int (*run)(const std::vector<std::string>& args);
};

// Sorted by name.
const std::vector<Command>& commands();

struct CommandRegistrar {
  explicit CommandRegistrar(const Command& command);
};

}  // namespace tb::cli

#define TB_REGISTER_COMMAND(identifier, ...) \
  static const ::tb::cli::CommandRegistrar identifier##_registrar{::tb::cli::Command{__VA_ARGS__}}
