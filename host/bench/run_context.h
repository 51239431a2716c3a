// The context block of a run: machine, build, FP32 peak, backends and the
// measurement settings, plus warnings about conditions that make timings unreliable
// (a Debug build, a frequency governor other than "performance", a busy machine).
#pragma once

#include "config/matrix.h"
#include "plugin/discovery.h"
#include "results/result.h"
#include "system/machine.h"

namespace tb {

struct PeakChoice {
  double gflops_per_core = 0;
  std::string source;  // "config" or "measured: ..."
};

// The config's peak_gflops when set, otherwise a measurement with
// measure_fp32_peak() (about a third of a second per vector ISA).
PeakChoice choose_peak(const MeasurementConfig& measurement);

// `config` must have its backend list resolved. `isolated` is false for
// --no-isolation.
RunContext make_run_context(const MatrixConfig& config, const PluginSet& plugins, const MachineInfo& machine,
                            const PeakChoice& peak, bool isolated);

}  // namespace tb
