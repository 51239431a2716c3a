#include "config/source_locations.h"

#include <utility>

namespace tb {

namespace {

bool is_below(const std::string& key, const std::string& ancestor) {
  if (key.size() <= ancestor.size() || key.compare(0, ancestor.size(), ancestor) != 0) return false;
  const char next = key[ancestor.size()];
  return next == '.' || next == '[';
}

}  // namespace

std::string parent_key(const std::string& key) {
  const size_t split = key.find_last_of(".[");
  return split == std::string::npos ? std::string() : key.substr(0, split);
}

void SourceLocations::set(const std::string& key, const SourceLocation& location) { locations_[key] = location; }

void SourceLocations::replace_subtree(const std::string& key, const SourceLocation& location) {
  for (auto it = locations_.begin(); it != locations_.end();) {
    it = is_below(it->first, key) ? locations_.erase(it) : std::next(it);
  }
  locations_[key] = location;
}

void SourceLocations::reindex(const std::string& list_key, const std::vector<size_t>& kept_indices) {
  std::map<std::string, SourceLocation> renumbered;
  for (size_t i = 0; i < kept_indices.size(); ++i) {
    const std::string from = list_key + "[" + std::to_string(kept_indices[i]) + "]";
    const std::string to = list_key + "[" + std::to_string(i) + "]";
    for (const auto& [key, location] : locations_) {
      if (key == from || is_below(key, from)) renumbered[to + key.substr(from.size())] = location;
    }
  }

  const std::string prefix = list_key + "[";
  for (auto it = locations_.begin(); it != locations_.end();) {
    it = it->first.compare(0, prefix.size(), prefix) == 0 ? locations_.erase(it) : std::next(it);
  }
  locations_.merge(renumbered);
}

SourceLocation SourceLocations::find(const std::string& key) const {
  std::string current = key;
  while (true) {
    if (auto it = locations_.find(current); it != locations_.end()) return it->second;
    if (current.empty()) return SourceLocation{file_, 0, 0, {}};
    current = parent_key(current);
  }
}

ConfigError SourceLocations::error(const std::string& key, std::string message) const {
  const SourceLocation location = find(key);
  if (!location.option.empty()) message = location.option + ": " + message;
  return ConfigError{location.file, location.line, location.column, key, std::move(message)};
}

}  // namespace tb
