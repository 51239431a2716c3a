// Everything needed to measure one cell without the matrix or plugin discovery: the
// model, the backend and reference plugin files, the workload and the measurement
// settings. The parent builds one per cell and hands it to a worker process (see
// worker_protocol.h) or measures it in-process.
#pragma once

#include <filesystem>
#include <string>

#include "config/matrix.h"
#include "plugin/discovery.h"

namespace tb {

struct BackendBinding {
  std::string name;
  std::filesystem::path path;  // the plugin file; empty when no plugin has this name
  BackendOptions options;
};

struct CellTask {
  size_t index = 0;  // position in the expanded matrix
  ModelEntry model;
  BackendBinding backend;
  BackendBinding reference;
  int batch_size = 1;
  int seq_len = 1;
  int threads = 1;
  MeasurementConfig measurement;
  double peak_gflops_per_core = 0;  // for the efficiency figure; 0 when unknown

  // File holding the reference logits of this model, B and T, shared by every cell
  // of that workload within one run; written by the first cell that needs it.
  std::filesystem::path reference_logits_file;

  // The reason the cell is not run: the backend's get_info declares a limit the cell
  // exceeds (max_threads, max_seq_len). Empty for a cell that runs.
  std::string skip_reason;
};

// Binds a cell of `config` to the plugins found. `cache_dir` is the run's scratch
// folder for reference logits.
CellTask make_cell_task(const MatrixConfig& config, const Cell& cell, const PluginSet& plugins,
                        double peak_gflops_per_core, const std::filesystem::path& cache_dir);

// "16d_1l_2h scalar B=1 T=32 threads=1", for progress lines and messages.
std::string describe(const CellTask& task);

}  // namespace tb
