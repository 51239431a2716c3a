#include "config/matrix_summary.h"

#include <cstdio>

namespace tb {

namespace {

std::string format_number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

std::string join_ints(const std::vector<int>& values) {
  std::string text;
  for (int value : values) text += (text.empty() ? "" : ", ") + std::to_string(value);
  return text;
}

std::string count_of(size_t count, const char* singular, const char* plural) {
  return std::to_string(count) + " " + (count == 1 ? singular : plural);
}

std::string line(const char* label, const std::string& text) {
  char padded[32];
  std::snprintf(padded, sizeof padded, "  %-13s", label);
  return padded + text + "\n";
}

std::string describe_models(const MatrixConfig& config) {
  std::string text;
  for (const ModelEntry& model : config.models) {
    if (!text.empty()) text += ", ";
    text += model.config.name;
  }
  return text;
}

std::string describe_backends(const MatrixConfig& config) {
  std::string text;
  for (const BackendEntry& backend : config.backends) {
    if (!text.empty()) text += ", ";
    text += backend.name;
    if (backend.options.empty()) continue;

    text += " (";
    for (size_t i = 0; i < backend.options.size(); ++i) {
      if (i > 0) text += ", ";
      text += backend.options[i].first + "=" + backend.options[i].second;
    }
    text += ")";
  }
  return text;
}

std::string describe_measurement(const MeasurementConfig& measurement) {
  std::string text = "warmup " + std::to_string(measurement.warmup) + ", repetitions " +
                     std::to_string(measurement.repetitions) + ", min_time " +
                     format_number(measurement.min_time_s) + " s, time_limit " +
                     format_number(measurement.time_limit_s) + " s, reference " + measurement.reference +
                     ", baseline " + (measurement.baseline.empty() ? measurement.reference : measurement.baseline) +
                     ", tolerance " + format_number(measurement.tolerance) + ", token_seed " +
                     std::to_string(measurement.token_seed);
  if (measurement.peak_gflops) text += ", peak_gflops " + format_number(*measurement.peak_gflops);
  return text;
}

}  // namespace

std::string summarize_matrix(const MatrixConfig& config) {
  const size_t cells = expand(config).size();
  const size_t before_exclusion = config.models.size() * config.backends.size() * config.batch_sizes.size() *
                                  config.seq_lens.size() * config.threads.size();

  std::string text = count_of(cells, "cell", "cells") + ": " +
                     count_of(config.models.size(), "model", "models") + " x " +
                     count_of(config.backends.size(), "backend", "backends") + " x " +
                     count_of(config.batch_sizes.size(), "batch size", "batch sizes") + " x " +
                     count_of(config.seq_lens.size(), "sequence length", "sequence lengths") + " x " +
                     count_of(config.threads.size(), "thread count", "thread counts") + ", " +
                     std::to_string(before_exclusion - cells) + " excluded\n";

  text += line("models", describe_models(config));
  text += line("backends", describe_backends(config));
  text += line("batch_size", join_ints(config.batch_sizes));
  text += line("seq_len", join_ints(config.seq_lens));
  text += line("threads", join_ints(config.threads));
  text += line("exclude", config.exclude.empty() ? "no rules" : count_of(config.exclude.size(), "rule", "rules"));
  text += line("measurement", describe_measurement(config.measurement));
  return text;
}

}  // namespace tb
