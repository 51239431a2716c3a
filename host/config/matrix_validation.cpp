// The entry points of the post-parse checks; the checks themselves are in
// config/check_backends.cpp and config/check_cells.cpp.
#include "config/matrix_validation.h"

namespace tb {

std::vector<std::string> backend_names(const PluginSet& plugins) {
  std::vector<std::string> names;
  for (const std::shared_ptr<Plugin>& plugin : plugins.backends()) names.push_back(plugin->info().name);
  return names;
}

void resolve_backends(MatrixConfig& config, const std::vector<std::string>& available) {
  if (!config.backends.empty()) return;
  for (const std::string& name : available) config.backends.push_back(BackendEntry{name, {}});
}

std::vector<ConfigError> validate_matrix(const MatrixConfig& config, const std::vector<std::string>& available) {
  std::vector<ConfigError> errors = check_backends(config, available);

  MatrixConfig resolved = config;
  resolve_backends(resolved, available);
  for (ConfigError& error : check_cells(resolved)) errors.push_back(std::move(error));
  return errors;
}

std::vector<ConfigError> validate_matrix(const MatrixConfig& config, const PluginSet& plugins) {
  return validate_matrix(config, backend_names(plugins));
}

}  // namespace tb
