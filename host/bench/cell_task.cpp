#include "bench/cell_task.h"

namespace tb {

namespace {

BackendBinding bind_backend(const std::string& name, const BackendOptions& options, const PluginSet& plugins) {
  BackendBinding binding{name, {}, options};
  if (std::shared_ptr<Plugin> plugin = plugins.find(name)) binding.path = plugin->info().path;
  return binding;
}

// Returns the reason to skip the cell, or "". A limit of 0 means none (backend.h).
std::string skip_reason(const CellTask& task, const PluginSet& plugins) {
  const std::shared_ptr<Plugin> plugin = plugins.find(task.backend.name);
  if (!plugin) return "";

  const PluginInfo& info = plugin->info();
  if (info.max_threads > 0 && task.threads > info.max_threads) {
    return task.backend.name + " declares max_threads " + std::to_string(info.max_threads) + ", below threads=" +
           std::to_string(task.threads) + "; exclude these cells or run on a machine with more CPUs";
  }
  const int model_max_seq_len = task.model.config.max_seq_len;
  if (info.max_seq_len > 0 && model_max_seq_len > info.max_seq_len) {
    return task.backend.name + " declares max_seq_len " + std::to_string(info.max_seq_len) + ", below the max_seq_len " +
           std::to_string(model_max_seq_len) + " of model '" + task.model.config.name +
           "'; lower the model's max_seq_len or exclude these cells";
  }
  return "";
}

// The reference runs with the options the matrix gives its backend entry, if the
// matrix lists it, and with none otherwise.
BackendOptions reference_options(const MatrixConfig& config) {
  for (const BackendEntry& entry : config.backends) {
    if (entry.name == config.measurement.reference) return entry.options;
  }
  return {};
}

}  // namespace

CellTask make_cell_task(const MatrixConfig& config, const Cell& cell, const PluginSet& plugins,
                        double peak_gflops_per_core, const std::filesystem::path& cache_dir) {
  const BackendEntry& backend = config.backends.at(cell.backend);

  CellTask task;
  task.index = cell.index;
  task.model = config.models.at(cell.model);
  task.backend = bind_backend(backend.name, backend.options, plugins);
  task.reference = bind_backend(config.measurement.reference, reference_options(config), plugins);
  task.batch_size = cell.batch_size;
  task.seq_len = cell.seq_len;
  task.threads = cell.threads;
  task.measurement = config.measurement;
  task.peak_gflops_per_core = peak_gflops_per_core;

  // Model names are unique within a matrix; the index keeps the file name safe for
  // any characters a name may contain.
  task.reference_logits_file = cache_dir / ("reference-logits-model" + std::to_string(cell.model) + "-B" +
                                            std::to_string(cell.batch_size) + "-T" + std::to_string(cell.seq_len) +
                                            ".f32");
  task.skip_reason = skip_reason(task, plugins);
  return task;
}

std::string describe(const CellTask& task) {
  return task.model.config.name + " " + task.backend.name + " B=" + std::to_string(task.batch_size) +
         " T=" + std::to_string(task.seq_len) + " threads=" + std::to_string(task.threads);
}

}  // namespace tb
