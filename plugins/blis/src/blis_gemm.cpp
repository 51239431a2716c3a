#include "blis_gemm.h"

#include <blis.h>

namespace tb::blis {

void blis_sgemm(int m, int n, int k, const float* a, std::ptrdiff_t lda, const float* b,
                std::ptrdiff_t ldb, float beta, float* c, std::ptrdiff_t ldc, int n_threads) {
  // BLIS copies what it needs from the runtime object, so one on the stack per call
  // is cheap and safe when several models run at once.
  rntm_t runtime;
  bli_rntm_init(&runtime);
  bli_rntm_set_num_threads(n_threads, &runtime);

  float alpha = 1.0f;
  // BLIS's typed API takes non-const pointers for the operands it only reads.
  bli_sgemm_ex(BLIS_NO_TRANSPOSE, BLIS_NO_TRANSPOSE, m, n, k, &alpha, const_cast<float*>(a), lda,
               1, const_cast<float*>(b), ldb, 1, &beta, c, ldc, 1, nullptr, &runtime);
}

std::string blis_description() {
  const char* threading = bli_info_get_enable_openmp() != 0     ? "OpenMP"
                          : bli_info_get_enable_pthreads() != 0 ? "pthreads"
                                                                : "single-threaded";
  return std::string("BLIS ") + bli_info_get_version_str() + " (" + threading + "), config " +
         bli_arch_string(bli_arch_query_id());
}

}  // namespace tb::blis
