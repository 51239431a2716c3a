#include "bench/derived_metrics.h"

namespace tb {

namespace {

bool has_timing(const CellResult& cell) { return !cell.time.samples_ms.empty() && cell.time.median_ms > 0.0; }

bool same_workload(const CellResult& a, const CellResult& b) {
  return a.model == b.model && a.batch_size == b.batch_size && a.seq_len == b.seq_len && a.threads == b.threads;
}

}  // namespace

double tokens_per_second(int batch_size, int seq_len, double median_ms) {
  if (median_ms <= 0.0) return 0.0;
  return static_cast<double>(batch_size) * static_cast<double>(seq_len) / (median_ms * 1e-3);
}

double gflops_per_second(double flops, double median_ms) {
  if (median_ms <= 0.0) return 0.0;
  return flops / (median_ms * 1e-3) * 1e-9;
}

double efficiency(double gflops, double peak_gflops_per_core, int threads) {
  if (peak_gflops_per_core <= 0.0 || threads <= 0) return 0.0;
  return gflops / (peak_gflops_per_core * threads);
}

void apply_speedups(std::vector<CellResult>& cells, const std::string& baseline_backend) {
  for (CellResult& cell : cells) {
    cell.speedup = 0.0;
    if (!has_timing(cell)) continue;
    for (const CellResult& baseline : cells) {
      if (baseline.backend != baseline_backend || !same_workload(baseline, cell) || !has_timing(baseline)) continue;
      cell.speedup = baseline.time.median_ms / cell.time.median_ms;
      break;
    }
  }
}

}  // namespace tb
