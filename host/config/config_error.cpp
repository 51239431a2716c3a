#include "config/config_error.h"

#include <algorithm>
#include <tuple>
#include <utility>

namespace tb {

namespace {

std::string join_formatted(const std::vector<ConfigError>& errors) {
  std::string text;
  for (const ConfigError& error : errors) {
    if (!text.empty()) text += '\n';
    text += format_error(error);
  }
  return text;
}

}  // namespace

std::string format_error(const ConfigError& error) {
  std::string text = error.file;
  if (error.line > 0) {
    text += ':';
    text += std::to_string(error.line);
    text += ':';
    text += std::to_string(error.column);
  }
  text += ": error: ";
  text += error.message;
  return text;
}

ConfigErrors::ConfigErrors(std::vector<ConfigError> errors)
    : std::runtime_error(join_formatted(errors)), errors_(std::move(errors)) {}

void sort_by_position(std::vector<ConfigError>& errors, const std::string& first_file) {
  std::stable_sort(errors.begin(), errors.end(), [&](const ConfigError& a, const ConfigError& b) {
    const bool a_later_file = !first_file.empty() && a.file != first_file;
    const bool b_later_file = !first_file.empty() && b.file != first_file;
    return std::tie(a_later_file, a.line, a.column) < std::tie(b_later_file, b.line, b.column);
  });
}

void throw_if_errors(std::vector<ConfigError> errors) {
  if (!errors.empty()) throw ConfigErrors(std::move(errors));
}

}  // namespace tb
