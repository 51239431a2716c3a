// What a run measured: the machine context and one result per cell. Every output
// format (table, markdown, csv, json, jsonl) and `compare`/`merge` read these types;
// the JSON mapping is documented in docs/results.md.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tb {

enum class CellStatus {
  kOk,        // measured, and the logits agree with the reference
  kMismatch,  // measured, but the logits differ from the reference beyond tolerance
  kError,     // the backend returned an error (create, set_threads or forward)
  kCrashed,   // the worker process died from a signal
  kTimedOut,  // the cell exceeded its time limit and was killed
  kSkipped,   // not run: the backend's get_info declares a limit the cell exceeds
};

std::string to_string(CellStatus status);
CellStatus cell_status_from_string(const std::string& text);  // throws std::invalid_argument

struct TimingStats {
  std::vector<double> samples_ms;  // every timed forward call, in order
  double median_ms = 0;
  double mean_ms = 0;
  double stddev_ms = 0;  // sample standard deviation (n - 1)
  double min_ms = 0;
  double max_ms = 0;
  double p90_ms = 0;
  double cv = 0;  // stddev / mean
};

struct CellResult {
  size_t index = 0;  // position in the expanded matrix
  std::string model;
  std::string backend;
  int batch_size = 0;
  int seq_len = 0;
  int threads = 0;

  CellStatus status = CellStatus::kSkipped;
  std::string message;  // the error, signal or mismatch; empty when ok

  TimingStats time;
  double tokens_per_second = 0;
  double flops = 0;       // host-counted FLOPs of one forward call
  double gflops_per_second = 0;
  double efficiency = 0;  // gflops_per_second / peak, 0..1
  double speedup = 0;     // baseline median / this median; 0 when unknown

  int64_t parameters = 0;
  double loss = 0;  // NaN when T < 2

  uint64_t weight_bytes = 0;     // backend's own report
  uint64_t workspace_bytes = 0;  // backend's own report
  uint64_t rss_delta_bytes = 0;  // worker peak RSS minus RSS before model creation

  double max_abs_diff = 0;  // against the reference backend's logits
};

struct BackendContext {
  std::string name;
  std::string version;
  std::string build_info;
  std::string path;
  std::string abi_version;
};

// How the cells were measured, for the footnotes of a report rendered from a file.
struct MeasurementContext {
  int warmup = 0;           // untimed forward calls per cell
  int repetitions = 0;      // minimum timed forward calls per cell
  double min_time_s = 0;    // minimum total timed time per cell
  double time_limit_s = 0;  // a cell running longer was killed
  std::string reference;    // backend whose logits were the truth
  double tolerance = 0;     // max |diff| allowed against the reference
  std::string baseline;     // backend the speedups are relative to
  bool isolated = true;     // each cell ran in its own worker process
};

struct RunContext {
  std::string date;  // ISO 8601, UTC
  std::string host_version;
  std::string build_type;
  std::string hostname;
  std::string cpu_model;
  int cores = 0;
  std::string governor;  // empty when unreadable
  double load_average_1m = 0;
  double peak_gflops = 0;   // FP32 peak of one core, GFLOP/s; efficiency uses it x threads
  std::string peak_source;  // "measured: <method>" or "config"
  std::string config_source;
  std::string config_hash;  // identifies the expanded matrix, for merge
  size_t matrix_cells = 0;  // cells in the whole expanded matrix; 0 when unknown
  int shard_index = 1;      // this run covers shard shard_index of shard_count
  int shard_count = 1;      // (1-based; 1 of 1 is an unsharded or merged run)
  MeasurementContext measurement;
  std::vector<BackendContext> backends;
  std::vector<std::string> warnings;
};

struct RunResult {
  RunContext context;
  std::vector<CellResult> cells;
};

}  // namespace tb
