#include "plugin/discovery.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <system_error>

#include <boost/dll/runtime_symbol_info.hpp>

namespace tb {

namespace fs = std::filesystem;

std::vector<SearchDir> plugin_search_dirs(const std::vector<std::string>& plugin_dirs) {
  std::vector<SearchDir> dirs;
  for (const std::string& dir : plugin_dirs) dirs.push_back({dir, "--plugin-dir"});

  if (const char* variable = std::getenv(kPluginPathVariable); variable != nullptr) {
    std::string value = variable;
    size_t start = 0;
    while (start <= value.size()) {
      const size_t end = std::min(value.find(':', start), value.size());
      if (end > start) dirs.push_back({value.substr(start, end - start), kPluginPathVariable});
      start = end + 1;
    }
  }

  const fs::path executable = boost::dll::program_location().string();
  dirs.push_back({executable.parent_path().parent_path() / TB_PLUGIN_RELATIVE_DIR, "beside the executable"});
  return dirs;
}

std::vector<std::shared_ptr<Plugin>> PluginSet::backends() const {
  std::vector<std::shared_ptr<Plugin>> result;
  for (const PluginCandidate& candidate : candidates) {
    if (candidate.plugin) result.push_back(candidate.plugin);
  }
  return result;
}

std::shared_ptr<Plugin> PluginSet::find(const std::string& name) const {
  for (const PluginCandidate& candidate : candidates) {
    if (candidate.plugin && candidate.plugin->info().name == name) return candidate.plugin;
  }
  return nullptr;
}

PluginSet discover_plugins(const std::vector<SearchDir>& search_dirs) {
  PluginSet set;
  set.search_dirs = search_dirs;
  std::map<std::string, fs::path> loaded_names;

  for (const SearchDir& search_dir : search_dirs) {
    std::error_code error;
    if (!fs::is_directory(search_dir.dir, error)) continue;

    std::vector<fs::path> files;
    for (const fs::directory_entry& entry : fs::directory_iterator(search_dir.dir, error)) {
      if (entry.path().extension() == ".so" && !entry.is_directory()) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());

    for (const fs::path& file : files) {
      PluginCandidate candidate{file, search_dir.origin, nullptr, ""};
      try {
        std::shared_ptr<Plugin> plugin = Plugin::load(file);
        const std::string& name = plugin->info().name;
        if (auto previous = loaded_names.find(name); previous != loaded_names.end()) {
          candidate.rejection = "duplicate backend name '" + name + "': already loaded from " +
                                previous->second.string() + ", which comes first in the search order";
        } else {
          loaded_names.emplace(name, file);
          candidate.plugin = std::move(plugin);
        }
      } catch (const PluginLoadError& load_error) {
        candidate.rejection = load_error.what();
      }
      set.candidates.push_back(std::move(candidate));
    }
  }
  return set;
}

}  // namespace tb
