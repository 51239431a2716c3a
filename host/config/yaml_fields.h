// Typed reading of YAML nodes for the matrix parser: every reader checks the node's
// type and value, records where it sits and appends an error instead of throwing, so
// one pass finds every problem. Internal to config/; the only header here that
// includes yaml-cpp.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "config/config_error.h"
#include "config/source_locations.h"

namespace tb::yaml {

// A value in the document with its key path, e.g. "models[0].d_model". `mark` is the
// value's position, or its key's when the value is empty (yaml-cpp places an empty
// value at the start of the next line).
struct Field {
  std::string path;
  YAML::Node node;
  YAML::Mark mark;
};

class Reader {
 public:
  Reader(SourceLocations& locations, std::vector<ConfigError>& errors) : locations_(locations), errors_(errors) {}

  void error(const Field& field, std::string message);
  void error_at(const YAML::Mark& mark, const std::string& path, std::string message);
  // Records the field's position for checks that run after parsing.
  void remember(const Field& field);

  // The entries of a map, by key. Reports a value that is not a map, keys that are not
  // plain scalars, duplicate keys, and keys outside `allowed` (with the closest allowed
  // key as a suggestion). An empty `allowed` accepts any key. `what` names the map in
  // messages, e.g. "measurement". Returns nothing when the field is not a map.
  std::optional<std::map<std::string, Field>> map(const Field& field, const std::vector<std::string>& allowed,
                                                  const std::string& what);

  // The items of a list. A scalar counts as a list of one when `scalar_is_list` is set.
  std::optional<std::vector<Field>> list(const Field& field, bool scalar_is_list);

  std::optional<std::string> string(const Field& field);
  std::optional<int> positive_int(const Field& field);
  std::optional<int> non_negative_int(const Field& field);
  std::optional<uint64_t> seed(const Field& field);
  std::optional<double> positive_real(const Field& field);
  std::optional<double> non_negative_real(const Field& field);
  // A positive integer or a list of them, e.g. `threads: 1` or `threads: [1, 2]`.
  std::optional<std::vector<int>> positive_int_axis(const Field& field);

 private:
  std::optional<std::string> scalar_text(const Field& field, const char* expected);

  SourceLocations& locations_;
  std::vector<ConfigError>& errors_;
};

// "a list", "a map", "an empty value" or the scalar in quotes, for "got ..." messages.
std::string describe(const YAML::Node& node);

Field child(const Field& parent, const std::string& key, const YAML::Node& key_node, const YAML::Node& value);

}  // namespace tb::yaml
