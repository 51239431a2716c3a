// Each kernel keeps enough independent accumulators in registers to cover the FMA
// latency on every port (latency 4 cycles x 2 ports on recent x86 cores needs at
// least 8 chains), so the loop is bound by FMA throughput alone. acc * m + a with m
// just below 1 converges to a fixed value, so no overflow or subnormal slows it.
#include "system/fp32_peak.h"

#include <time.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <sstream>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define TB_X86 1
#endif

namespace tb {

namespace {

constexpr float kMultiplier = 0.9999999f;
constexpr float kAddend = 1e-7f;
constexpr int kTrials = 5;
constexpr double kTrialSeconds = 0.02;

// Keeps the kernels' results alive so the compiler cannot drop the loops.
volatile float g_sink = 0.0f;

// A kernel runs `iterations` rounds and returns a value that depends on all of them.
struct Kernel {
  const char* isa;
  double flops_per_iteration;
  std::function<float(int64_t, float, float)> run;
};

#ifdef TB_X86

__attribute__((target("avx512f"))) float fma_loop_avx512(int64_t iterations, float multiplier, float addend) {
  constexpr int kChains = 16;
  __m512 acc[kChains];
  for (int i = 0; i < kChains; ++i) acc[i] = _mm512_set1_ps(1.0f + static_cast<float>(i) * 1e-3f);
  const __m512 m = _mm512_set1_ps(multiplier);
  const __m512 a = _mm512_set1_ps(addend);
  for (int64_t it = 0; it < iterations; ++it) {
    for (int i = 0; i < kChains; ++i) acc[i] = _mm512_fmadd_ps(acc[i], m, a);
  }
  __m512 sum = acc[0];
  for (int i = 1; i < kChains; ++i) sum = _mm512_add_ps(sum, acc[i]);
  // Not _mm512_reduce_add_ps, which trips -Wuninitialized inside GCC 12's headers.
  float lanes[16];
  _mm512_storeu_ps(lanes, sum);
  float total = 0.0f;
  for (float lane : lanes) total += lane;
  return total;
}

__attribute__((target("avx2,fma"))) float fma_loop_avx2(int64_t iterations, float multiplier, float addend) {
  constexpr int kChains = 12;
  __m256 acc[kChains];
  for (int i = 0; i < kChains; ++i) acc[i] = _mm256_set1_ps(1.0f + static_cast<float>(i) * 1e-3f);
  const __m256 m = _mm256_set1_ps(multiplier);
  const __m256 a = _mm256_set1_ps(addend);
  for (int64_t it = 0; it < iterations; ++it) {
    for (int i = 0; i < kChains; ++i) acc[i] = _mm256_fmadd_ps(acc[i], m, a);
  }
  __m256 sum = acc[0];
  for (int i = 1; i < kChains; ++i) sum = _mm256_add_ps(sum, acc[i]);
  float lanes[8];
  _mm256_storeu_ps(lanes, sum);
  float total = 0.0f;
  for (float lane : lanes) total += lane;
  return total;
}

// SSE2 has no FMA: a multiply and an add per lane, counted as 2 FLOPs like an FMA.
float mul_add_loop_sse2(int64_t iterations, float multiplier, float addend) {
  constexpr int kChains = 12;
  __m128 acc[kChains];
  for (int i = 0; i < kChains; ++i) acc[i] = _mm_set1_ps(1.0f + static_cast<float>(i) * 1e-3f);
  const __m128 m = _mm_set1_ps(multiplier);
  const __m128 a = _mm_set1_ps(addend);
  for (int64_t it = 0; it < iterations; ++it) {
    for (int i = 0; i < kChains; ++i) acc[i] = _mm_add_ps(_mm_mul_ps(acc[i], m), a);
  }
  __m128 sum = acc[0];
  for (int i = 1; i < kChains; ++i) sum = _mm_add_ps(sum, acc[i]);
  float lanes[4];
  _mm_storeu_ps(lanes, sum);
  return lanes[0] + lanes[1] + lanes[2] + lanes[3];
}

#else

// Other architectures: plain multiply-adds the compiler may vectorise; a floor, not
// the ISA's peak.
float mul_add_loop_scalar(int64_t iterations, float multiplier, float addend) {
  constexpr int kChains = 16;
  float acc[kChains];
  for (int i = 0; i < kChains; ++i) acc[i] = 1.0f + static_cast<float>(i) * 1e-3f;
  for (int64_t it = 0; it < iterations; ++it) {
    for (int i = 0; i < kChains; ++i) acc[i] = acc[i] * multiplier + addend;
  }
  float total = 0.0f;
  for (float value : acc) total += value;
  return total;
}

#endif

std::vector<Kernel> supported_kernels() {
  std::vector<Kernel> kernels;
#ifdef TB_X86
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f")) kernels.push_back({"avx512f", 16 * 16 * 2.0, fma_loop_avx512});
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
    kernels.push_back({"avx2+fma", 12 * 8 * 2.0, fma_loop_avx2});
  }
  kernels.push_back({"sse2", 12 * 4 * 2.0, mul_add_loop_sse2});
#else
  kernels.push_back({"scalar", 16 * 2.0, mul_add_loop_scalar});
#endif
  return kernels;
}

double thread_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

// CPU time of the calling thread rather than wall time, so that time the thread
// spends preempted by other processes does not lower the peak.
double seconds_for(const Kernel& kernel, int64_t iterations) {
  const double start = thread_cpu_seconds();
  g_sink = g_sink + kernel.run(iterations, kMultiplier, kAddend);
  return thread_cpu_seconds() - start;
}

double measure_kernel_gflops(const Kernel& kernel) {
  // Double the iteration count until one trial lasts kTrialSeconds, which also
  // warms the core up to its working clock.
  int64_t iterations = 1 << 12;
  while (seconds_for(kernel, iterations) < kTrialSeconds) iterations *= 2;

  double best_seconds = seconds_for(kernel, iterations);
  for (int trial = 1; trial < kTrials; ++trial) best_seconds = std::min(best_seconds, seconds_for(kernel, iterations));
  return kernel.flops_per_iteration * static_cast<double>(iterations) / best_seconds * 1e-9;
}

}  // namespace

Fp32Peak measure_fp32_peak() {
  Fp32Peak peak;
  for (const Kernel& kernel : supported_kernels()) {
    const double gflops = measure_kernel_gflops(kernel);
    peak.per_isa.push_back({kernel.isa, gflops});
    if (gflops > peak.gflops_per_core) {
      peak.gflops_per_core = gflops;
      peak.isa = kernel.isa;
    }
  }
  return peak;
}

std::string describe(const Fp32Peak& peak) {
  std::ostringstream text;
  text.precision(3);
  text << "measured: FMA loop, " << peak.isa << ", 1 thread, best of " << kTrials << " trials";
  if (peak.per_isa.size() > 1) {
    text << "; per ISA:";
    for (const IsaPeak& isa : peak.per_isa) text << " " << isa.isa << " " << isa.gflops;
  }
  return text.str();
}

}  // namespace tb
