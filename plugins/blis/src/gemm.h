// The backend's GEMM: the native kernels or BLIS, chosen per call, on the model's
// thread count. Weight matrices are stored once, row-major, and both paths read them.
#pragma once

#include "cpu_kernels.h"
#include "options.h"

namespace tb::blis {

// In auto mode, a GEMM with at least this many multiply-adds (m * n * k) goes to
// BLIS; smaller ones go to the native kernels, where BLIS's fixed cost per call (about
// 0.8 us) would dominate.
// NOTE: this is a policy, not a measured crossover. On the development VM (Xeon with
// AVX-512, where BLIS 0.9 picks its AVX2 "haswell" kernels) the AVX2 native kernel
// matched BLIS near 2^18 multiply-adds and the AVX-512 one was faster at every size
// tried. 2^20 keeps BLIS for the GEMMs of large models.
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
