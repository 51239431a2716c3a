#include "blis_gemm.h"

#include <blis.h>

#include <cstdlib>
#include <string>

#include "cpu_kernels.h"

namespace tb::blis {
namespace {

// The BLIS context (kernels and block sizes) that every call of this plugin uses.
struct BlisContext {
  cntx_t* cntx = nullptr;  // null: the config BLIS detected
  arch_t arch = BLIS_ARCH_GENERIC;
  arch_t detected = BLIS_ARCH_GENERIC;
  std::string reason;  // why arch was chosen, for build_info
};

BlisContext choose_context() {
  bli_init();
  BlisContext context;
  context.detected = bli_arch_query_id();
  context.arch = context.detected;
  context.reason = "picked by BLIS at run time";
#ifdef BLIS_CONFIG_SKX
  // On an Intel CPU with AVX-512, BLIS 0.9.0 picks skx only when it counts 2 AVX-512
  // FMA units per core (vpu_count), which it reads from the SKU in the CPU's brand
  // string. It runs its AVX2 haswell kernels when it counts 1, and also when the brand
  // string names no SKU, as in VMs that report "Intel(R) Xeon(R) Processor". In that
  // last case this backend runs the skx kernels: on the development VM (family 6,
  // model 167) they made the forward pass of a 768-wide, 12-layer model at T = 128
  // about 7 % faster, on 1 and on 2 threads. A BLIS_ARCH_TYPE in the environment is
  // the user's choice and is kept.
  const char* user_choice = std::getenv("BLIS_ARCH_TYPE");
  const bool user_chose = user_choice != nullptr && user_choice[0] != '\0';
  // x86-64-v4 (the AVX-512 kernel set's level) includes the subsets skx's kernels use:
  // AVX-512 F, CD, DQ, BW and VL.
  if (user_chose || context.detected != BLIS_ARCH_HASWELL || !cpu_supports(Isa::kAvx512)) {
    return context;
  }
  const int fma_units = vpu_count();
  if (fma_units >= 1) {
    context.reason += ", which counted " + std::to_string(fma_units) + " AVX-512 FMA unit(s) per core";
    return context;
  }
  // NOTE: bli_gks_lookup_nat_cntx is internal to BLIS (hidden in libblis.a, absent
  // from libblis.so.4), which is one reason this plugin links BLIS statically. Every
  // config of the build is registered at bli_init, so the skx context exists here.
  if (cntx_t* skx = bli_gks_lookup_nat_cntx(BLIS_ARCH_SKX)) {
    context.cntx = skx;
    context.arch = BLIS_ARCH_SKX;
    context.reason =
        "chosen by this backend: BLIS picked haswell because the CPU's brand string names no SKU to count "
        "AVX-512 FMA units from, and this CPU runs skx's AVX-512 kernels";
  }
#else
  context.reason += "; this BLIS build has no skx config";
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
  const std::string config = std::string(bli_arch_string(context.arch)) + " (" + context.reason + ")";
  return std::string("BLIS ") + bli_info_get_version_str() + " (" + threading + "), config " +
         config;
}

}  // namespace tb::blis
