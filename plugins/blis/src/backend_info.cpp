#include "backend_info.h"

#include <string>
#include <thread>

#include "blis_gemm.h"
#include "cpu_kernels.h"
#include "gemm.h"

namespace tb::blis {
namespace {

std::string make_build_info() {
  const KernelSet& kernels = best_kernel_set();
  return std::string("compiler GCC ") + __VERSION__ + "; " + blis_description() +
         "; native kernels " + kernels.name + " [" +
         kernels.description + "] (picked at run time from sse2, avx2, avx512); " +
         "default gemm path auto: native below " + std::to_string(kBlisMinMultiplyAdds) +
         " multiply-adds, BLIS above";
}

tb_backend_info make_info(const char* build_info) noexcept {
  tb_backend_info info{};
  info.struct_size = sizeof(tb_backend_info);
  info.name = "blis";
  info.version = TB_BLIS_BACKEND_VERSION;
  info.description =
      "Pre-LayerNorm GPT decoder on BLIS sgemm, with native AVX2/AVX-512 kernels for small "
      "GEMMs, attention and row-wise steps";
  info.build_info = build_info;
  info.dtypes = TB_DTYPE_FLAG_F32;
  info.capabilities = TB_CAPABILITY_CONCURRENT_MODELS | TB_CAPABILITY_DETERMINISTIC;
  info.max_threads = static_cast<std::int32_t>(std::thread::hardware_concurrency());
  info.max_seq_len = 0;
  return info;
}

const char* build_info_or_fallback() noexcept {
  try {
    static const std::string text = make_build_info();
    return text.c_str();
  } catch (...) {
    return "build description unavailable (out of memory while formatting it)";
  }
}

}  // namespace

const tb_backend_info& backend_info() noexcept {
  static const tb_backend_info info = make_info(build_info_or_fallback());
  return info;
}

}  // namespace tb::blis
