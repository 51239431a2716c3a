// The benchmark matrix as the host understands it after parsing: models, backends,
// workload axes and measurement settings, and its expansion into cells. Parsing lives
// in config/matrix_parser.h, the checks that need the plugins in
// config/matrix_validation.h; this header has no YAML in it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/source_locations.h"
#include "model/model_config.h"
#include "plugin/plugin.h"

namespace tb {

struct ModelEntry {
  ModelConfig config;        // config.name is the model's name in reports
  uint64_t seed = 0;         // weights: init with this seed ...
  std::string weights_file;  // ... unless this .safetensors file is given
  // Set when the config gave no max_seq_len, so it is the largest seq_len of the
  // matrix; apply_overrides() recomputes it when --seq-len changes the axis.
  bool max_seq_len_from_axis = false;
};

struct BackendEntry {
  std::string name;
  BackendOptions options;  // passed to the plugin unchanged
};

// A cell is dropped when every field that is set matches it.
struct ExcludeRule {
  std::optional<std::string> model;
  std::optional<std::string> backend;
  std::optional<int> batch_size;
  std::optional<int> seq_len;
  std::optional<int> threads;
};

struct MeasurementConfig {
  int warmup = 3;                      // untimed forward calls before timing
  int repetitions = 20;                // timed forward calls, at least
  double min_time_s = 0.0;             // keep repeating until this much time is timed
  double time_limit_s = 300.0;         // a cell running longer is killed and reported
  std::string baseline;                // backend for speedups; empty: the reference
  std::string reference = "scalar";    // backend whose logits are the truth
  double tolerance = 1e-4;             // max |logits - reference logits| allowed
  std::optional<double> peak_gflops;   // FP32 peak for efficiency; unset: measured
  uint64_t token_seed = 1;             // seed of the [B, T] token ids
};

struct MatrixConfig {
  std::string source;  // file path, or "<default>" for the embedded default matrix
  std::vector<ModelEntry> models;
  std::vector<BackendEntry> backends;  // empty: every backend found
  std::vector<int> batch_sizes{1};
  std::vector<int> seq_lens{32};
  std::vector<int> threads{1};
  std::vector<ExcludeRule> exclude;
  MeasurementConfig measurement;
  // Source positions of the values, for errors found after parsing. Keys are paths
  // such as "models[0].d_model" or "workload.seq_len[1]".
  SourceLocations locations;
};

// One point of the matrix. Indices refer to MatrixConfig::models and ::backends.
struct Cell {
  size_t index = 0;  // position in the expanded order, 0-based
  size_t model = 0;
  size_t backend = 0;
  int batch_size = 1;
  int seq_len = 1;
  int threads = 1;
};

// The cross product models x backends x batch_sizes x seq_lens x threads, in that
// nesting order (models outermost, threads innermost), minus excluded cells. Cell
// indices are assigned after exclusion. This order is stable: shards and resume
// rely on it.
std::vector<Cell> expand(const MatrixConfig& config);

}  // namespace tb
