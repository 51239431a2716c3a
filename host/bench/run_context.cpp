#include "bench/run_context.h"

#include <cstdio>
#include <string>

#include "bench/config_hash.h"
#include "system/fp32_peak.h"

namespace tb {

namespace {

std::string format_load(double load) {
  char text[32];
  std::snprintf(text, sizeof(text), "%.2f", load);
  return text;
}

std::vector<std::string> context_warnings(const RunContext& context, const MachineInfo& machine) {
  std::vector<std::string> warnings;
  if (context.build_type == "Debug") {
    warnings.push_back("transformer-bench is a Debug build: the host's own overhead is unoptimised; "
                       "build with -DCMAKE_BUILD_TYPE=Release for benchmarks");
  }
  if (!context.governor.empty() && context.governor != "performance") {
    warnings.push_back("CPU frequency governor is '" + context.governor +
                       "', not 'performance': clock changes add noise to the timings");
  }
  // More runnable processes than half the cores means cells share their cores.
  if (machine.load_average_1m && machine.cores > 0 && *machine.load_average_1m > 0.5 * machine.cores) {
    warnings.push_back("load average " + format_load(*machine.load_average_1m) + " on " +
                       std::to_string(machine.cores) + " cores at start: other processes compete for the CPU");
  }
  return warnings;
}

}  // namespace

PeakChoice choose_peak(const MeasurementConfig& measurement) {
  if (measurement.peak_gflops) return {*measurement.peak_gflops, "config"};
  const Fp32Peak peak = measure_fp32_peak();
  return {peak.gflops_per_core, describe(peak)};
}

RunContext make_run_context(const MatrixConfig& config, const PluginSet& plugins, const MachineInfo& machine,
                            const PeakChoice& peak, bool isolated) {
  RunContext context;
  context.date = utc_timestamp();
  context.host_version = TB_VERSION;
  context.build_type = TB_BUILD_TYPE;
  context.hostname = machine.hostname;
  context.cpu_model = machine.cpu_model;
  context.cores = machine.cores;
  context.governor = machine.governor;
  context.load_average_1m = machine.load_average_1m.value_or(0.0);
  context.peak_gflops = peak.gflops_per_core;
  context.peak_source = peak.source;
  context.config_source = config.source;
  context.config_hash = config_hash(config);
  context.matrix_cells = expand(config).size();

  const MeasurementConfig& m = config.measurement;
  context.measurement = MeasurementContext{m.warmup,    m.repetitions, m.min_time_s,
                                           m.time_limit_s, m.reference, m.tolerance,
                                           m.baseline.empty() ? m.reference : m.baseline,
                                           isolated};

  for (const BackendEntry& entry : config.backends) {
    std::shared_ptr<Plugin> plugin = plugins.find(entry.name);
    if (!plugin) continue;
    const PluginInfo& info = plugin->info();
    context.backends.push_back({info.name, info.version, info.build_info, info.path.string(),
                                std::to_string(info.abi_major) + "." + std::to_string(info.abi_minor)});
  }
  context.warnings = context_warnings(context, machine);
  return context;
}

}  // namespace tb
