// AVX2 instance of the vector kernels (x86-64-v3: AVX2, FMA, BMI2), used only on CPUs that report it.
// The kernel bodies are in cpu_kernels_impl.inc.
#include <cstddef>
#include <cstdint>

#include "cpu_kernels.h"

namespace tb::blis {
namespace {

constexpr int kLanes = 8;  // floats per vector register
constexpr int kTileRows = 6;  // with two vectors per row, 2 * kTileRows accumulators
constexpr int kBlockK = 256;  // a kBlockK x (2 * kLanes) block of B fits in L1

#pragma GCC push_options
#pragma GCC target("arch=x86-64-v3")

#include "cpu_kernels_impl.inc"

void gemm_kernel(const GemmArgs& args) { gemm<kLanes, kTileRows, kBlockK>(args); }

void layer_norm_kernel(const LayerNormArgs& args) { layer_norm<kLanes>(args); }

void gelu_kernel(int rows, int cols, float* x, std::ptrdiff_t ldx) {
  gelu<kLanes>(rows, cols, x, ldx);
}

void causal_softmax_kernel(const CausalSoftmaxArgs& args) { causal_softmax<kLanes>(args); }

#pragma GCC pop_options

}  // namespace

// Constant-initialised, so no code built for the target above runs to set it up.
const KernelSet kAvx2Kernels = {
    Isa::kAvx2,
    "avx2",
    "AVX2 + FMA (x86-64-v3)",
    kTileRows,
    2 * kLanes,
    &gemm_kernel,
    &layer_norm_kernel,
    &gelu_kernel,
    &causal_softmax_kernel,
};

}  // namespace tb::blis
