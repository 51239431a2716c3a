// The backend's GEMM: the native kernels or BLIS, chosen per call, on the model's
// thread count. Weight matrices are stored once, row-major, and both paths read them.
#pragma once

#include "cpu_kernels.h"
#include "options.h"

namespace tb::blis {

// In auto mode, a GEMM with at least this many multiply-adds (m * n * k) goes to
// BLIS; smaller ones go to the native kernels, where BLIS's fixed cost per call (about
// 0.7 us) would dominate. NOTE: the value is the crossover measured on one machine
// (see gemm.cpp) and may sit elsewhere on other CPUs.
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
