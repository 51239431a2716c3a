// Reading the YAML documents of a config text with yaml-cpp. Internal to config/.
#pragma once

#include <cstddef>
#include <string>

#include <yaml-cpp/yaml.h>

namespace tb::yaml {

struct Documents {
  size_t count = 0;
  YAML::Node first;         // the first document; undefined when count is 0
  YAML::Mark second_start;  // where the second document starts, when count > 1
};

// Reads `text`. Throws YAML::ParserException (or DeepRecursion, a subclass) at the
// first syntax error.
//
// NOTE: yaml-cpp 0.7.0's LoadAll() never returns on some invalid input, such as a
// ',' at the start of a line outside any flow collection. Its parser reports an empty
// document at the same position again and again, and LoadAll() collects them until
// memory runs out. So documents are counted one at a time here, and a document that
// starts where the previous one started is reported as a syntax error.
Documents read_documents(const std::string& text);

}  // namespace tb::yaml
