#include "cli/command.h"

#include <algorithm>
#include <cstring>

namespace tb::cli {

namespace {

// A function-local static, so registration from other translation units works in
// any static initialisation order.
std::vector<Command>& registry() {
  static std::vector<Command> commands;
  return commands;
}

}  // namespace

const std::vector<Command>& commands() { return registry(); }

CommandRegistrar::CommandRegistrar(const Command& command) {
  std::vector<Command>& all = registry();
  all.push_back(command);
  std::sort(all.begin(), all.end(), [](const Command& a, const Command& b) { return std::strcmp(a.name, b.name) < 0; });
}

}  // namespace tb::cli
