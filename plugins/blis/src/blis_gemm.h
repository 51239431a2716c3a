// Single-precision GEMM through BLIS's typed expert API (bli_sgemm_ex). The thread
// count travels in a per-call rntm_t, so each model keeps its own setting and no
// global BLIS state changes. This header keeps blis.h and its macros away from the
// rest of the plugin.
#pragma once

#include <cstddef>
#include <string>

namespace tb::blis {

// C = A @ B + beta * C, row-major operands with leading dimensions, on at most
// n_threads threads. With beta == 0, C's old contents are not read.
void blis_sgemm(int m, int n, int k, const float* a, std::ptrdiff_t lda, const float* b,
                std::ptrdiff_t ldb, float beta, float* c, std::ptrdiff_t ldc, int n_threads);

// "BLIS <version> (<threading>), config <name> (<who chose it>)". The config is the
// kernel set every call uses: the one BLIS picked for this CPU at run time, or skx
// where BLIS picked haswell on an AVX-512 CPU because it could not count its FMA
// units (see blis_gemm.cpp).
std::string blis_description();

}  // namespace tb::blis
