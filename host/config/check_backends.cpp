// Backend checks of a parsed matrix: are its backends available, listed once, and do
// they include the reference and the baseline.
#include <algorithm>

#include "config/closest_match.h"
#include "config/matrix_validation.h"
#include "plugin/discovery.h"

namespace tb {

namespace {

std::string join(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string how_to_add_plugins() {
  return std::string("pass --plugin-dir DIR or set ") + kPluginPathVariable +
         ", and run 'transformer-bench list' to see the folders searched and why any plugin was rejected";
}

std::string not_found_message(const std::string& name, const std::vector<std::string>& available) {
  std::string message = "backend '" + name + "' not found";
  if (available.empty()) return message + "; no backends were found at all, so " + how_to_add_plugins();

  if (std::optional<std::string> suggestion = closest_match(name, available)) {
    message += "; did you mean '" + *suggestion + "'?";
  } else {
    message += ".";
  }
  return message + " The backends found are " + join(available) + ". If '" + name + "' is built, " +
         how_to_add_plugins();
}

// The role ("reference" or "baseline") must be a backend of the matrix.
void check_role(const MatrixConfig& config, const std::vector<std::string>& matrix_backends,
                const std::vector<std::string>& available, const char* role, const std::string& name,
                std::vector<ConfigError>& errors) {
  if (name.empty() || contains(matrix_backends, name)) return;

  // A role the config does not set defaults to the reference, so the error points at
  // the backend list that leaves it out.
  const std::string role_key = std::string("measurement.") + role;
  const std::string key = config.locations.has(role_key) ? role_key : "backends";
  if (config.backends.empty() && !contains(available, name)) {
    errors.push_back(config.locations.error(key, std::string(role) + " " + not_found_message(name, available)));
    return;
  }
  errors.push_back(config.locations.error(
      key, std::string(role) + " backend '" + name + "' is not among the matrix's backends (" +
               join(matrix_backends) + "); add it to backends or set measurement." + role + " to one of them"));
}

}  // namespace

std::vector<ConfigError> check_backends(const MatrixConfig& config, const std::vector<std::string>& available) {
  std::vector<ConfigError> errors;

  if (config.backends.empty() && available.empty()) {
    errors.push_back(config.locations.error(
        "backends", "the matrix runs every backend found, but no backends were found; " + how_to_add_plugins()));
    return errors;
  }

  std::vector<std::string> matrix_backends;
  for (size_t i = 0; i < config.backends.size(); ++i) {
    const std::string& name = config.backends[i].name;
    const std::string key = "backends[" + std::to_string(i) + "]";

    if (contains(matrix_backends, name)) {
      errors.push_back(config.locations.error(key, "backend '" + name + "' is listed twice; list each backend once"));
      continue;
    }
    matrix_backends.push_back(name);
    if (!contains(available, name)) errors.push_back(config.locations.error(key, not_found_message(name, available)));
  }
  if (config.backends.empty()) matrix_backends = available;

  const MeasurementConfig& measurement = config.measurement;
  check_role(config, matrix_backends, available, "reference", measurement.reference, errors);
  if (measurement.baseline != measurement.reference) {
    check_role(config, matrix_backends, available, "baseline", measurement.baseline, errors);
  }
  return errors;
}

}  // namespace tb
