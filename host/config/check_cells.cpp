// Cell checks of a parsed matrix: can the cells it expands to run at all.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <set>
#include <system_error>
#include <utility>

#include "config/matrix_validation.h"

namespace tb {

namespace {

std::string format_seconds(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%g s", seconds);
  return text;
}

void check_axis(const MatrixConfig& config, const std::vector<int>& axis, const std::string& key,
                std::vector<ConfigError>& errors) {
  if (axis.empty()) {
    errors.push_back(config.locations.error(key, key + " has no values; give at least one"));
    return;
  }
  std::set<int> seen;
  for (size_t i = 0; i < axis.size(); ++i) {
    if (axis[i] <= 0) {
      errors.push_back(config.locations.error(key + "[" + std::to_string(i) + "]",
                                              key + " value " + std::to_string(axis[i]) + " is not positive"));
    } else if (!seen.insert(axis[i]).second) {
      errors.push_back(config.locations.error(key + "[" + std::to_string(i) + "]",
                                              "duplicate " + key + " value " + std::to_string(axis[i]) +
                                                  "; list each value once"));
    }
  }
}

// The product of the axis sizes, saturating at SIZE_MAX.
size_t cell_count_before_exclusion(const MatrixConfig& config) {
  const size_t sizes[] = {config.models.size(), config.backends.size(), config.batch_sizes.size(),
                          config.seq_lens.size(), config.threads.size()};
  size_t count = 1;
  for (size_t size : sizes) {
    if (size != 0 && count > SIZE_MAX / size) return SIZE_MAX;
    count *= size;
  }
  return count;
}

void check_weight_files(const MatrixConfig& config, std::vector<ConfigError>& errors) {
  for (size_t i = 0; i < config.models.size(); ++i) {
    const std::string& file = config.models[i].weights_file;
    if (file.empty()) continue;

    std::error_code status;
    if (!std::filesystem::is_regular_file(file, status)) {
      errors.push_back(config.locations.error(
          "models[" + std::to_string(i) + "].weights.file",
          "weights file '" + file + "' not found; a relative path is relative to the config file's folder"));
    }
  }
}

// Reports each (model, seq_len) pair once, at the seq_len value.
void check_seq_lens(const MatrixConfig& config, const std::vector<Cell>& cells, std::vector<ConfigError>& errors) {
  std::set<std::pair<size_t, int>> reported;
  for (const Cell& cell : cells) {
    const ModelConfig& model = config.models[cell.model].config;
    if (model.max_seq_len <= 0 || cell.seq_len <= model.max_seq_len) continue;
    if (!reported.insert({cell.model, cell.seq_len}).second) continue;

    size_t index = 0;
    while (index < config.seq_lens.size() && config.seq_lens[index] != cell.seq_len) ++index;
    errors.push_back(config.locations.error(
        "workload.seq_len[" + std::to_string(index) + "]",
        "seq_len " + std::to_string(cell.seq_len) + " is above max_seq_len " + std::to_string(model.max_seq_len) +
            " of model '" + model.name + "'; raise the model's max_seq_len or exclude these cells"));
  }
}

}  // namespace

std::vector<ConfigError> check_cells(const MatrixConfig& config) {
  std::vector<ConfigError> errors;

  if (config.models.empty()) errors.push_back(config.locations.error("models", "the matrix has no models"));
  check_axis(config, config.batch_sizes, "workload.batch_size", errors);
  check_axis(config, config.seq_lens, "workload.seq_len", errors);
  check_axis(config, config.threads, "workload.threads", errors);
  // Without every axis the cells are unknown, so the checks on cells wait. An empty
  // backend list is check_backends()'s error.
  const bool axes_valid = errors.empty() && !config.backends.empty();

  check_weight_files(config, errors);
  const MeasurementConfig& measurement = config.measurement;
  if (measurement.min_time_s >= measurement.time_limit_s) {
    errors.push_back(config.locations.error(
        "measurement.min_time", "min_time " + format_seconds(measurement.min_time_s) + " is not below time_limit " +
                                    format_seconds(measurement.time_limit_s) +
                                    ", so every cell would time out; lower min_time or raise time_limit"));
  }
  if (!axes_valid) return errors;

  const size_t count = cell_count_before_exclusion(config);
  if (count > kMaxCells) {
    const std::string count_text = count == SIZE_MAX ? "more than " + std::to_string(SIZE_MAX) : std::to_string(count);
    errors.push_back(config.locations.error(
        "workload", "the matrix has " + count_text + " cells before exclusion, more than the limit of " +
                        std::to_string(kMaxCells) + "; split it into several configs"));
    return errors;
  }

  const std::vector<Cell> cells = expand(config);
  if (cells.empty()) {
    errors.push_back(config.locations.error(
        "workload.exclude", "the exclude rules remove every cell of the matrix (" + std::to_string(count) +
                                " before exclusion); remove or narrow a rule"));
    return errors;
  }
  check_seq_lens(config, cells, errors);
  return errors;
}

}  // namespace tb
