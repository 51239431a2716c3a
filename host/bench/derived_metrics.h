// Figures derived from a cell's median time: throughput, GFLOP/s, efficiency
// against the FP32 peak, and speedup against a baseline backend. docs/report.md
// defines each one.
#pragma once

#include <string>
#include <vector>

#include "results/result.h"

namespace tb {

// B * T tokens per forward call over the median time.
double tokens_per_second(int batch_size, int seq_len, double median_ms);

// Host-counted FLOPs of one forward call over the median time, in GFLOP/s.
double gflops_per_second(double flops, double median_ms);

// Fraction of the FP32 peak reached: gflops / (peak_gflops_per_core * threads).
// 0 when the peak is unknown (<= 0).
double efficiency(double gflops, double peak_gflops_per_core, int threads);

// Fills each cell's speedup with baseline median / cell median, where the baseline
// is the cell of `baseline_backend` with the same model, B, T and threads. Cells
// without timings, or without a timed baseline cell, get 0 (unknown).
void apply_speedups(std::vector<CellResult>& cells, const std::string& baseline_backend);

}  // namespace tb
