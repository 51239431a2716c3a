// Parsing of the YAML matrix language described in docs/config.md into a
// MatrixConfig. Parsing checks everything the file alone decides (keys, types,
// value ranges, model shapes, duplicate names) and reports every error it finds with
// its file, line and column. Checks that need the plugins or the command line are in
// config/matrix_validation.h.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "config/config_error.h"
#include "config/matrix.h"

namespace tb {

struct MatrixParse {
  MatrixConfig config;              // as complete as the errors allowed
  std::vector<ConfigError> errors;  // empty when the document is a valid matrix
  bool has_document = false;        // false when the text was unreadable or not YAML
};

// `source_name` is used in errors; relative weight files are resolved against
// `base_dir` (left relative when it is empty).
MatrixParse parse_matrix_string(std::string_view yaml, const std::string& source_name,
                                const std::filesystem::path& base_dir = {});

// Relative weight files are resolved against the config file's folder.
MatrixParse parse_matrix_file(const std::filesystem::path& file);

// As above, but throw ConfigErrors with every error found.
MatrixConfig load_matrix_string(std::string_view yaml, const std::string& source_name,
                                const std::filesystem::path& base_dir = {});
MatrixConfig load_matrix_file(const std::filesystem::path& file);

}  // namespace tb
