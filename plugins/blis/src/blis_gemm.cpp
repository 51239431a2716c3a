#include "blis_gemm.h"

#include <blis.h>

#include <cstdlib>

namespace tb::blis {
namespace {

// The BLIS context (kernels and block sizes) that every call of this plugin uses.
struct BlisContext {
  cntx_t* cntx = nullptr;  // null: the config BLIS detected
  arch_t arch = BLIS_ARCH_GENERIC;
  arch_t detected = BLIS_ARCH_GENERIC;
};

bool cpu_has_skx_instructions() {
  // The AVX-512 subsets BLIS's skx kernels use. GCC's check includes the OS's
  // support for the AVX-512 register state.
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
         __builtin_cpu_supports("avx512cd") && __builtin_cpu_supports("avx512bw") &&
         __builtin_cpu_supports("avx512vl");
}

BlisContext choose_context() {
  bli_init();
  BlisContext context;
  context.detected = bli_arch_query_id();
  context.arch = context.detected;
#ifdef BLIS_CONFIG_SKX
  // BLIS 0.9.0 lists Intel's AVX-512 CPUs by model number and runs its AVX2 haswell
  // kernels on any newer one, such as the development VM's (family 6, model 167).
  // Its skx kernels run on every CPU with skx's instruction set. On that VM they made
  // the forward pass of a 768-wide, 12-layer model at T = 128 about 7 % faster, on 1
  // and on 2 threads. Every config of this BLIS build is registered at bli_init, so
  // the skx context is passed per call and no global state changes. A BLIS_ARCH_TYPE
  // in the environment is the user's choice and is kept.
  const char* user_choice = std::getenv("BLIS_ARCH_TYPE");
  const bool user_chose = user_choice != nullptr && user_choice[0] != '\0';
  if (!user_chose && context.detected == BLIS_ARCH_HASWELL && cpu_has_skx_instructions()) {
    context.cntx = bli_gks_lookup_nat_cntx(BLIS_ARCH_SKX);
    context.arch = BLIS_ARCH_SKX;
  }
#endif
  return context;
}

const BlisContext& blis_context() {
  static const BlisContext context = choose_context();
  return context;
}

}  // namespace

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
               1, const_cast<float*>(b), ldb, 1, &beta, c, ldc, 1, blis_context().cntx,
               &runtime);
}

std::string blis_description() {
  const char* threading = bli_info_get_enable_openmp() != 0     ? "OpenMP"
                          : bli_info_get_enable_pthreads() != 0 ? "pthreads"
                                                                : "single-threaded";
  const BlisContext& context = blis_context();
  std::string config = bli_arch_string(context.arch);
  if (context.arch == context.detected) {
    config += " (picked by BLIS at run time)";
  } else {
    config += std::string(" (chosen by this backend: BLIS picked ") +
              bli_arch_string(context.detected) + ", and this CPU runs skx's AVX-512 kernels)";
  }
  return std::string("BLIS ") + bli_info_get_version_str() + " (" + threading + "), config " +
         config;
}

}  // namespace tb::blis
