// Measures the single-core FP32 peak of this machine with a register-blocked
// fused multiply-add loop, once per vector ISA the CPU supports. The benchmark's
// efficiency column divides a cell's GFLOP/s by this figure times the cell's
// threads. It is a throughput ceiling for FMA-only code, not a model of memory
// bandwidth or of any backend.
#pragma once

#include <string>
#include <vector>

namespace tb {

struct IsaPeak {
  std::string isa;  // "avx512f", "avx2+fma", "sse2" or "scalar"
  double gflops = 0;
};

struct Fp32Peak {
  double gflops_per_core = 0;  // the best ISA's figure
  std::string isa;             // the ISA that reached it
  std::vector<IsaPeak> per_isa;
};

// Runs each supported kernel on the calling thread for about 0.1 s per ISA and
// keeps the best of several trials, timed by the thread's CPU time. Preemption by
// other processes therefore does not lower the figure, but a lower clock under load
// or a busy SMT sibling does.
Fp32Peak measure_fp32_peak();

// "measured: FMA loop, avx512f, 1 thread, best of 5 trials; per ISA: avx512f 227
// avx2+fma 112 sse2 39.4" (GFLOP/s).
std::string describe(const Fp32Peak& peak);

}  // namespace tb
