// The vector kernels of the blis backend: a small GEMM for the shapes where a BLIS
// call costs more than the arithmetic, and the row-wise steps of the model (LayerNorm,
// GELU, causal softmax). One source (cpu_kernels_impl.inc) is compiled once per
// instruction set, and a KernelSet picked at run time bundles one such build.
// Threading is not done here: callers split the work and call these on each thread.
#pragma once

#include <cstddef>

namespace tb::blis {

// Widest vector any kernel set loads, in floats. Every matrix, bias and scratch row a
// kernel reads is padded so that reading up to a multiple of this is in bounds.
inline constexpr int kMaxVectorFloats = 16;

enum class Isa { kSse2, kAvx2, kAvx512 };

enum class Epilogue {
  kNone,
  kGelu,  // tanh-form GELU of every output element, after bias and accumulation
};

// C = A @ B (+ bias) (+ C), with A and C row-major with explicit leading dimensions.
// B is either row-major too (b_panel_stride == 0) or packed in column panels (see
// b_panel_stride). Rows of a row-major B and the bias must stay readable up to column
// round_up(n, kMaxVectorFloats); the extra columns are loaded but never influence C.
struct GemmArgs {
  int m = 0;
  int n = 0;
  int k = 0;
  const float* a = nullptr;  // (m, k)
  std::ptrdiff_t lda = 0;
  const float* b = nullptr;  // (k, n)
  std::ptrdiff_t ldb = 0;
  // 0 for a row-major B. Otherwise B is packed in panels of the kernel set's
  // gemm_panel_columns columns. Panel p starts at b + p * b_panel_stride and contains k
  // rows of gemm_panel_columns floats (so ldb == gemm_panel_columns), zero past column n.
  // Panels make the kernel read B as one sequential stream.
  std::ptrdiff_t b_panel_stride = 0;
  float* c = nullptr;  // (m, n)
  std::ptrdiff_t ldc = 0;
  const float* bias = nullptr;  // (n) added to every row, or nullptr
  bool accumulate = false;      // true: C += A @ B; false: C's old contents are ignored
  Epilogue epilogue = Epilogue::kNone;
  // True when every row of C may be written up to column round_up(n, kMaxVectorFloats),
  // so edge tiles store whole vectors. With B and the bias zero in their padding
  // columns (as the backend's weights are), those columns of C receive zeros.
  bool c_padded = false;
};

// y = (x - mean) / sqrt(var + eps) * gamma + beta for each row, with the biased variance.
struct LayerNormArgs {
  int rows = 0;
  int d = 0;
  const float* x = nullptr;  // (rows, d)
  std::ptrdiff_t ldx = 0;
  const float* gamma = nullptr;  // (d)
  const float* beta = nullptr;   // (d)
  float eps = 0.0f;
  float* y = nullptr;  // (rows, d); may equal x
  std::ptrdiff_t ldy = 0;
};

// Softmax of scale * s over the causal prefix of each row of an attention score block.
// Row r is query position first_row + r, so it keeps columns [0, first_row + r] and
// gets zeros in the masked columns up to `width`. Rows of s must be readable and
// writable up to round_up(width, kMaxVectorFloats).
struct CausalSoftmaxArgs {
  int rows = 0;
  int first_row = 0;
  int width = 0;
  float* s = nullptr;  // (rows, width), in place
  std::ptrdiff_t lds = 0;
  float scale = 1.0f;
};

// One build of the kernels for one instruction set.
struct KernelSet {
  Isa isa;
  const char* name;         // "avx512", "avx2" or "sse2"
  const char* description;  // the target GCC compiled it for
  int gemm_tile_rows;       // rows of C one GEMM tile computes
  int gemm_panel_columns;   // columns of C one GEMM panel computes
  void (*gemm)(const GemmArgs& args);
  void (*layer_norm)(const LayerNormArgs& args);
  void (*gelu)(int rows, int cols, float* x, std::ptrdiff_t ldx);  // in place
  void (*causal_softmax)(const CausalSoftmaxArgs& args);
};

extern const KernelSet kSse2Kernels;
extern const KernelSet kAvx2Kernels;
extern const KernelSet kAvx512Kernels;

// True when this CPU (and the OS, for the wider registers) runs the given set.
bool cpu_supports(Isa isa);

// The widest kernel set this CPU runs.
const KernelSet& best_kernel_set();

const KernelSet& kernel_set(Isa isa);

}  // namespace tb::blis
