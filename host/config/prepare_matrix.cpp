#include "config/prepare_matrix.h"

#include <utility>

#include "config/default_matrix.h"
#include "config/matrix_parser.h"
#include "config/matrix_validation.h"

namespace tb {

namespace {

void append(std::vector<ConfigError>& errors, std::vector<ConfigError> more) {
  for (ConfigError& error : more) errors.push_back(std::move(error));
}

}  // namespace

MatrixConfig prepare_matrix(const std::optional<std::filesystem::path>& config_file, const MatrixOverrides& overrides,
                            const std::vector<std::string>& available_backends) {
  MatrixParse parse = config_file ? parse_matrix_file(*config_file)
                                  : parse_matrix_string(default_matrix_yaml(), kDefaultMatrixSource);
  if (!parse.has_document) throw ConfigErrors(std::move(parse.errors));

  std::vector<ConfigError> errors = std::move(parse.errors);
  const bool file_is_valid = errors.empty();
  MatrixConfig config = std::move(parse.config);

  append(errors, apply_overrides_collecting_errors(config, overrides));
  append(errors, check_backends(config, available_backends));
  resolve_backends(config, available_backends);
  if (file_is_valid) append(errors, check_cells(config));

  sort_by_position(errors, config.source);
  throw_if_errors(std::move(errors));
  return config;
}

MatrixConfig prepare_matrix(const std::optional<std::filesystem::path>& config_file, const MatrixOverrides& overrides,
                            const PluginSet& plugins) {
  return prepare_matrix(config_file, overrides, backend_names(plugins));
}

}  // namespace tb
