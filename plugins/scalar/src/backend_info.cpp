// Metadata of the scalar backend. The build facts come from CMake as compile
// definitions, so build_info describes the plugin file actually loaded.
#include "backend_info.h"

#include <string>

#if !defined(TB_SCALAR_VERSION) || !defined(TB_SCALAR_COMPILER_ID) || !defined(TB_SCALAR_BUILD_TYPE) || \
    !defined(TB_SCALAR_CXX_FLAGS)
#error \
    "TB_SCALAR_VERSION, TB_SCALAR_COMPILER_ID, TB_SCALAR_BUILD_TYPE and TB_SCALAR_CXX_FLAGS must be defined by the build"
#endif

namespace tb::scalar {

namespace {

tb_backend_info make_backend_info() noexcept {
  // Function-local static: the text lives as long as the plugin, as the ABI requires.
  static std::string build_info;

  tb_backend_info info{};
  info.struct_size = sizeof(tb_backend_info);
  info.name = "scalar";
  info.version = TB_SCALAR_VERSION;
  info.description = "float32 reference: plain single-threaded C++ loops, no BLAS, no intrinsics";
  info.dtypes = TB_DTYPE_FLAG_F32;
  info.capabilities = TB_CAPABILITY_DETERMINISTIC | TB_CAPABILITY_CONCURRENT_MODELS;

  // 0 ("no limit") rather than 1, because the ABI makes a request above a non-zero
  // max_threads an OUT_OF_RANGE error, and a benchmark matrix that requests 2
  // threads from every backend should still run this one. It uses one thread anyway.
  info.max_threads = 0;
  info.max_seq_len = 0;

  try {
    build_info = std::string(TB_SCALAR_COMPILER_ID) + " " + __VERSION__ + ", " + TB_SCALAR_BUILD_TYPE +
                 " build, flags '" + TB_SCALAR_CXX_FLAGS + "'; always one thread";
    info.build_info = build_info.c_str();
  } catch (...) {
    info.build_info = TB_SCALAR_COMPILER_ID " " __VERSION__;
  }
  return info;
}

}  // namespace

const tb_backend_info* backend_info() noexcept {
  static const tb_backend_info info = make_backend_info();
  return &info;
}

}  // namespace tb::scalar
