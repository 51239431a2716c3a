// The exported entry point and function table of the LibTorch backend. Every function
// here catches all exceptions and returns them as tb_error objects, because no C++
// exception may cross the C ABI.
#include "error.h"
#include "model.h"
#include "runtime.h"

#include <transformer_bench/backend.h>

#include <memory>

namespace {

using tb_libtorch::error_from_current_exception;

const char* error_message(const tb_error* error) {
  return error != nullptr ? error->message.c_str() : "no error";
}

int32_t error_code(const tb_error* error) {
  return error != nullptr ? error->code : TB_STATUS_OK;
}

void error_destroy(tb_error* error) {
  tb_libtorch::destroy_error(error);
}

const tb_backend_info* get_info() {
  static const tb_backend_info info = [] {
    tb_backend_info result{};
    result.struct_size = sizeof(tb_backend_info);
    result.name = "libtorch";
    result.version = TB_LIBTORCH_BACKEND_VERSION;
    result.description = "PyTorch's C++ library (LibTorch), with oneDNN for large matmuls and the BLAS for small ones";
    try {
      result.build_info = tb_libtorch::build_info().c_str();
    } catch (...) {
      result.build_info = "LibTorch (the runtime description could not be built)";
    }
    result.dtypes = TB_DTYPE_FLAG_F32;
    // Every kernel splits work the same way on every call with the same thread count:
    // BLAS calls run on one thread each, oneDNN and at::parallel_for partition statically.
    // NOTE: with OMP_DYNAMIC=true OpenMP may change the team size between calls, and
    // oneDNN's blocking with it; libgomp's default is false.
    result.capabilities = TB_CAPABILITY_DETERMINISTIC;
    result.max_threads = tb_libtorch::max_threads();
    result.max_seq_len = 0;
    return result;
  }();
  return &info;
}

tb_error* model_create(const tb_model_create_args* args, tb_model** out_model) {
  try {
    if (out_model == nullptr) {
      tb_libtorch::throw_invalid_argument("out_model is NULL");
    }
    *out_model = nullptr;
    *out_model = tb_libtorch::create_model(args).release();
    return nullptr;
  } catch (...) {
    return error_from_current_exception("model_create");
  }
}

void model_destroy(tb_model* model) {
  // Destructors of LibTorch tensors do not throw, so nothing can escape here.
  delete model;
}

tb_error* model_set_threads(tb_model* model, int32_t n_threads) {
  try {
    if (model == nullptr) {
      tb_libtorch::throw_invalid_argument("model is NULL");
    }
    tb_libtorch::set_threads(*model, n_threads);
    return nullptr;
  } catch (...) {
    return error_from_current_exception("model_set_threads");
  }
}

tb_error* model_forward(tb_model* model, const tb_forward_args* args) {
  try {
    if (model == nullptr) {
      tb_libtorch::throw_invalid_argument("model is NULL");
    }
    tb_libtorch::run_forward(*model, args);
    return nullptr;
  } catch (...) {
    return error_from_current_exception("model_forward");
  }
}

tb_error* model_get_memory(const tb_model* model, tb_memory_info* out) {
  try {
    if (model == nullptr) {
      tb_libtorch::throw_invalid_argument("model is NULL");
    }
    tb_libtorch::report_memory(*model, out);
    return nullptr;
  } catch (...) {
    return error_from_current_exception("model_get_memory");
  }
}

const tb_backend_api kApi = {
    sizeof(tb_backend_api), TB_ABI_VERSION_MAJOR, TB_ABI_VERSION_MINOR,
    error_message,          error_code,           error_destroy,
    get_info,               model_create,         model_destroy,
    model_set_threads,      model_forward,        model_get_memory,
};

}  // namespace

extern "C" TB_PLUGIN_EXPORT const tb_backend_api* tb_get_backend_api(uint32_t host_abi_major,
                                                                     uint32_t host_abi_minor) {
  (void)host_abi_minor;
  return host_abi_major == TB_ABI_VERSION_MAJOR ? &kApi : nullptr;
}
