// The parameter of the backend suite: one built plugin.
#pragma once

#include <ostream>
#include <string>

struct BackendParam {
  std::string name;  // the plugin's name in TB_PLUGINS, e.g. "scalar"
  std::string path;  // the tb_<name>.so file CMake builds for it
};

// Prints the parameter in failure messages and in the test names ctest lists, where
// the path would make every name long.
inline void PrintTo(const BackendParam& param, std::ostream* out) {
  *out << param.name;
}
