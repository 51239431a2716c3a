// Errors found in a benchmark matrix, each located at the YAML node or command-line
// option that caused it, and the exception that carries every error of one check.
// This header does not depend on yaml-cpp.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace tb {

struct ConfigError {
  std::string file;     // config path, "<default>", or "command line"
  int line = 0;         // 1-based; 0 when there is no position (an option, a missing file)
  int column = 0;       // 1-based; 0 when line is 0
  std::string key;      // dotted path of the offending key, e.g. "measurement.repetitions"
  std::string message;  // what is wrong with which value, and what to do next
};

// "file:line:column: error: message", or "file: error: message" without a position.
std::string format_error(const ConfigError& error);

// Every error of one load or check, in the order found; what() is all of them, one
// formatted line each.
class ConfigErrors : public std::runtime_error {
 public:
  explicit ConfigErrors(std::vector<ConfigError> errors);

  const std::vector<ConfigError>& errors() const { return errors_; }

 private:
  std::vector<ConfigError> errors_;
};

// Orders errors as a reader meets them: by file (errors in `first_file` first), then
// line and column. Errors without a position come first in their file. The sort is
// stable, so errors at one position keep the order they were found in.
void sort_by_position(std::vector<ConfigError>& errors, const std::string& first_file = {});

// Throws ConfigErrors when `errors` is not empty.
void throw_if_errors(std::vector<ConfigError> errors);

}  // namespace tb
