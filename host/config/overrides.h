// Command-line changes to a parsed matrix, shared by `run` and `validate`: each set
// field replaces the config's value, and errors found later point at the option.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/config_error.h"
#include "config/matrix.h"

namespace tb {

inline constexpr const char* kCommandLine = "command line";

struct MatrixOverrides {
  std::optional<std::vector<std::string>> models;    // keep only these models (config order)
  std::optional<std::vector<std::string>> backends;  // replaces the backend list
  std::optional<std::vector<int>> batch_sizes;
  std::optional<std::vector<int>> seq_lens;
  std::optional<std::vector<int>> threads;
  std::optional<int> repetitions;
  std::optional<int> warmup;
  std::optional<double> min_time_s;
  std::optional<double> time_limit_s;
  std::optional<std::string> baseline;
  std::optional<std::string> reference;
};

// Applies every set override and returns the errors (a --models name that is not in
// the config). A backend the config lists keeps its options when --backends names
// it. Models whose max_seq_len defaulted to the largest seq_len get the new largest
// one when --seq-len is set.
std::vector<ConfigError> apply_overrides_collecting_errors(MatrixConfig& config, const MatrixOverrides& overrides);

// As above, but throws ConfigErrors.
void apply_overrides(MatrixConfig& config, const MatrixOverrides& overrides);

}  // namespace tb
