// Helpers shared by the config tests: parse a YAML string under a fixed file name and
// print errors readably when an assertion fails.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "config/config_error.h"
#include "config/matrix_parser.h"

namespace tb::testing {

inline constexpr const char* kTestFile = "test.yaml";

inline MatrixParse parse(std::string_view yaml) { return parse_matrix_string(yaml, kTestFile); }

inline std::string all_errors(const std::vector<ConfigError>& errors) {
  std::string text;
  for (const ConfigError& error : errors) text += "\n  " + format_error(error);
  return text.empty() ? "\n  (no errors)" : text;
}

// The only error of `errors`, or a failed assertion naming all of them.
inline ConfigError only_error(const std::vector<ConfigError>& errors) {
  EXPECT_EQ(errors.size(), 1u) << all_errors(errors);
  return errors.empty() ? ConfigError{} : errors.front();
}

}  // namespace tb::testing
