// The backend's GEMM: the native kernels or BLIS, chosen per call, on the model's
// thread count. Weight matrices are stored once, row-major, and both paths read them.
#pragma once

#include "cpu_kernels.h"
#include "options.h"

namespace tb::blis {

// In auto mode, a GEMM with at least this many multiply-adds (m * n * k) goes to
// BLIS; smaller ones go to the native kernels, where BLIS's fixed cost per call (about
// 0.7 us) would dominate.
// NOTE: this is a policy, not a measured crossover. On the development VM (Xeon with
// AVX-512) the AVX-512 native kernel was faster than BLIS's haswell kernels at every
// size tried, and on the weights packed by gemm=native it ran the large-shape forward
// pass 1.3 times faster than BLIS's skx kernels (README.md). The AVX2 native kernel matched BLIS's haswell kernels
// near 2^18 multiply-adds and was slower above. 2^20 keeps BLIS for the GEMMs of large
// models, which is what this backend measures.
inline constexpr long long kBlisMinMultiplyAdds = 1LL << 20;

class GemmEngine {
 public:
  GemmEngine(const KernelSet& kernels, GemmPath path) : kernels_(kernels), path_(path) {}

  // Computes args (see GemmArgs) on at most n_threads threads.
  void run(const GemmArgs& args, int n_threads) const;

  // True when run(args) hands the multiplication to BLIS.
  bool uses_blis(const GemmArgs& args) const;

 private:
  void run_native(const GemmArgs& args, int n_threads) const;
  void run_blis(const GemmArgs& args, int n_threads) const;

  const KernelSet& kernels_;
  GemmPath path_;
};

}  // namespace tb::blis
