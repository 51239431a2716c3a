// Where each value of a parsed matrix came from: a side table from key paths such as
// "models[1].max_seq_len" or "workload.seq_len[2]" to a file position or a
// command-line option. Checks that run after parsing use it to point their errors at
// the offending value. This header does not depend on yaml-cpp.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "config/config_error.h"

namespace tb {

struct SourceLocation {
  std::string file;    // config path, "<default>", or "command line"
  int line = 0;        // 1-based; 0 when there is no position
  int column = 0;      // 1-based
  std::string option;  // the command-line option that set the value, e.g. "--seq-len"
};

class SourceLocations {
 public:
  explicit SourceLocations(std::string file = {}) : file_(std::move(file)) {}

  void set(const std::string& key, const SourceLocation& location);

  // Replaces `key` and every key below it with one location. Used when a
  // command-line option overrides a whole section.
  void replace_subtree(const std::string& key, const SourceLocation& location);

  // Renumbers the items of the list at `list_key` after some were removed. Item
  // kept_indices[i] becomes item i, and the locations of removed items are dropped.
  void reindex(const std::string& list_key, const std::vector<size_t>& kept_indices);

  // Whether `key` itself has a recorded location.
  bool has(const std::string& key) const { return locations_.count(key) != 0; }

  // The location of `key`, else of its nearest recorded ancestor ("a.b[1]" -> "a.b"
  // -> "a"), else the file without a position.
  SourceLocation find(const std::string& key) const;

  // An error at `key`'s location. When a command-line option set the value, the
  // message starts with the option's name.
  ConfigError error(const std::string& key, std::string message) const;

  const std::string& file() const { return file_; }

 private:
  std::string file_;
  std::map<std::string, SourceLocation> locations_;
};

// The key one level up: "a.b[1]" -> "a.b", "a.b" -> "a", "a" -> "".
std::string parent_key(const std::string& key);

}  // namespace tb
