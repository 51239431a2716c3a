// Run-time choice among the kernel sets of cpu_kernels.h.
#include "cpu_kernels.h"

namespace tb::blis {

bool cpu_supports(Isa isa) {
  // GCC's cpu model (libgcc) reports a feature only when the OS also saves its
  // registers (XGETBV), so these tests cover kernel support of AVX and AVX-512 too.
  switch (isa) {
    case Isa::kSse2:
      return true;
    case Isa::kAvx2:
      return __builtin_cpu_supports("x86-64-v3") != 0;
    case Isa::kAvx512:
      return __builtin_cpu_supports("x86-64-v4") != 0;
  }
  return false;
}

const KernelSet& kernel_set(Isa isa) {
  switch (isa) {
    case Isa::kAvx512:
      return kAvx512Kernels;
    case Isa::kAvx2:
      return kAvx2Kernels;
    case Isa::kSse2:
      break;
  }
  return kSse2Kernels;
}

const KernelSet& best_kernel_set() {
  if (cpu_supports(Isa::kAvx512)) {
    return kAvx512Kernels;
  }
  if (cpu_supports(Isa::kAvx2)) {
    return kAvx2Kernels;
  }
  return kSse2Kernels;
}

}  // namespace tb::blis
