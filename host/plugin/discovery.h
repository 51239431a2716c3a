// Where the host looks for plugins, and what it found there.
//
// Search order (first match of a backend name wins; later files with the same name
// are reported as duplicates):
//   1. each --plugin-dir, in command-line order;
//   2. each folder in TRANSFORMER_BENCH_PLUGIN_PATH (separated by ':');
//   3. the plugin folder beside the executable, <exe>/../lib/transformer-bench/plugins,
//      which is where both the build tree and an installed tree put the shipped plugins.
// Within a folder, files ending in ".so" are tried in name order; folders are not
// searched recursively.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "plugin/plugin.h"

namespace tb {

inline constexpr const char* kPluginPathVariable = "TRANSFORMER_BENCH_PLUGIN_PATH";

struct SearchDir {
  std::filesystem::path dir;
  std::string origin;  // "--plugin-dir", the variable's name, or "beside the executable"
};

// The folders to search, in order. A missing folder stays in the list (so `list` can
// show it) but yields no candidates.
std::vector<SearchDir> plugin_search_dirs(const std::vector<std::string>& plugin_dirs);

struct PluginCandidate {
  std::filesystem::path path;
  std::string origin;
  std::shared_ptr<Plugin> plugin;  // set when the file loaded as a backend
  std::string rejection;           // set otherwise: why it is not used
};

struct PluginSet {
  std::vector<SearchDir> search_dirs;
  std::vector<PluginCandidate> candidates;

  // Loaded backends in discovery order.
  std::vector<std::shared_ptr<Plugin>> backends() const;
  // The backend named `name`, or nullptr.
  std::shared_ptr<Plugin> find(const std::string& name) const;
};

PluginSet discover_plugins(const std::vector<SearchDir>& search_dirs);

}  // namespace tb
