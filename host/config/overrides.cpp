#include "config/overrides.h"

#include <algorithm>
#include <utility>

#include "config/closest_match.h"

namespace tb {

namespace {

SourceLocation option_location(const char* option) { return SourceLocation{kCommandLine, 0, 0, option}; }

std::string join(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

void select_models(MatrixConfig& config, const std::vector<std::string>& selected, std::vector<ConfigError>& errors) {
  std::vector<std::string> names;
  for (const ModelEntry& model : config.models) names.push_back(model.config.name);

  bool all_found = true;
  for (const std::string& name : selected) {
    if (std::find(names.begin(), names.end(), name) != names.end()) continue;

    std::string message = "--models: model '" + name + "' is not in " + config.source;
    if (std::optional<std::string> suggestion = closest_match(name, names)) {
      message += "; did you mean '" + *suggestion + "'?";
    } else {
      message += "; its models are " + join(names);
    }
    errors.push_back(ConfigError{kCommandLine, 0, 0, "models", std::move(message)});
    all_found = false;
  }
  if (!all_found) return;

  std::vector<size_t> kept_indices;
  std::vector<ModelEntry> models;
  for (size_t i = 0; i < config.models.size(); ++i) {
    if (std::find(selected.begin(), selected.end(), names[i]) == selected.end()) continue;
    kept_indices.push_back(i);
    models.push_back(std::move(config.models[i]));
  }
  config.models = std::move(models);
  config.locations.reindex("models", kept_indices);
}

void replace_backends(MatrixConfig& config, const std::vector<std::string>& names) {
  std::vector<BackendEntry> backends;
  for (const std::string& name : names) {
    const auto configured = std::find_if(config.backends.begin(), config.backends.end(),
                                         [&](const BackendEntry& entry) { return entry.name == name; });
    backends.push_back(configured != config.backends.end() ? *configured : BackendEntry{name, {}});
  }
  config.backends = std::move(backends);
  config.locations.replace_subtree("backends", option_location("--backends"));
}

void replace_axis(MatrixConfig& config, std::vector<int>& axis, const std::vector<int>& values, const char* key,
                  const char* option) {
  axis = values;
  config.locations.replace_subtree(key, option_location(option));
}

template <typename T>
void replace_setting(MatrixConfig& config, const std::optional<T>& value, T& target, const char* key,
                     const char* option) {
  if (!value) return;
  target = *value;
  config.locations.replace_subtree(key, option_location(option));
}

}  // namespace

std::vector<ConfigError> apply_overrides_collecting_errors(MatrixConfig& config, const MatrixOverrides& overrides) {
  std::vector<ConfigError> errors;
  if (overrides.models) select_models(config, *overrides.models, errors);
  if (overrides.backends) replace_backends(config, *overrides.backends);

  if (overrides.batch_sizes) {
    replace_axis(config, config.batch_sizes, *overrides.batch_sizes, "workload.batch_size", "--batch-size");
  }
  if (overrides.threads) replace_axis(config, config.threads, *overrides.threads, "workload.threads", "--threads");
  if (overrides.seq_lens) {
    replace_axis(config, config.seq_lens, *overrides.seq_lens, "workload.seq_len", "--seq-len");
    const int largest = config.seq_lens.empty() ? 0 : *std::max_element(config.seq_lens.begin(), config.seq_lens.end());
    for (ModelEntry& model : config.models) {
      if (model.max_seq_len_from_axis) model.config.max_seq_len = largest;
    }
  }

  MeasurementConfig& measurement = config.measurement;
  replace_setting(config, overrides.repetitions, measurement.repetitions, "measurement.repetitions", "--repetitions");
  replace_setting(config, overrides.warmup, measurement.warmup, "measurement.warmup", "--warmup");
  replace_setting(config, overrides.min_time_s, measurement.min_time_s, "measurement.min_time", "--min-time");
  replace_setting(config, overrides.time_limit_s, measurement.time_limit_s, "measurement.time_limit", "--time-limit");
  replace_setting(config, overrides.baseline, measurement.baseline, "measurement.baseline", "--baseline");
  replace_setting(config, overrides.reference, measurement.reference, "measurement.reference", "--reference");
  return errors;
}

void apply_overrides(MatrixConfig& config, const MatrixOverrides& overrides) {
  throw_if_errors(apply_overrides_collecting_errors(config, overrides));
}

}  // namespace tb
