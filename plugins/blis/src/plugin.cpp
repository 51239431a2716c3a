// The entry point of the blis backend plugin and its ABI function table. Every
// exported function catches all C++ exceptions and returns them as tb_error objects,
// so none crosses the C ABI. The model itself is in model.cpp.
#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include <transformer_bench/backend.h>

#include "backend_info.h"
#include "cpu_kernels.h"
#include "error.h"
#include "forward_request.h"
#include "model.h"
#include "model_shape.h"
#include "options.h"
#include "weights.h"

// The ABI's opaque model type: a tb::blis::Model behind the C name.
struct tb_model {
  tb_model(const tb::blis::ModelShape& shape, tb::blis::ModelWeights weights,
           const tb::blis::KernelSet& kernels, tb::blis::GemmPath gemm_path)
      : model(shape, std::move(weights), kernels, gemm_path) {}

  tb::blis::Model model;
};

namespace {

using tb::blis::BackendError;

// Runs body and returns NULL, or the exception it threw as a tb_error.
template <typename Body>
tb_error* run_guarded(const Body& body) noexcept {
  try {
    body();
    return nullptr;
  } catch (...) {
    return tb::blis::error_from_current_exception();
  }
}

void check_model(const tb_model* model) {
  if (model == nullptr) {
    throw BackendError(TB_STATUS_INVALID_ARGUMENT, "model is NULL");
  }
}

const char* blis_error_message(const tb_error* error) {
  return error != nullptr ? error->message.c_str() : "no error (NULL tb_error)";
}

std::int32_t blis_error_code(const tb_error* error) {
  return error != nullptr ? error->code : TB_STATUS_OK;
}

void blis_error_destroy(tb_error* error) { tb::blis::destroy_error(error); }

const tb_backend_info* blis_get_info() { return &tb::blis::backend_info(); }

tb_error* blis_model_create(const tb_model_create_args* args, tb_model** out_model) {
  if (out_model != nullptr) {
    *out_model = nullptr;
  }
  return run_guarded([&] {
    if (out_model == nullptr) {
      throw BackendError(TB_STATUS_INVALID_ARGUMENT, "out_model is NULL");
    }
    if (args == nullptr) {
      throw BackendError(TB_STATUS_INVALID_ARGUMENT, "model create args is NULL");
    }
    if (!TB_STRUCT_HAS_FIELD(args, tb_model_create_args, n_options)) {
      throw BackendError(TB_STATUS_INVALID_ARGUMENT,
                         "model create args struct_size " + std::to_string(args->struct_size) +
                             " is smaller than tb_model_create_args v1.0");
    }
    const tb::blis::BackendOptions options =
        tb::blis::parse_options(args->options, args->n_options);
    const tb::blis::ModelShape shape = tb::blis::validate_config(args->config);
    const tb::blis::KernelSet& kernels =
        options.kernels ? tb::blis::kernel_set(*options.kernels) : tb::blis::best_kernel_set();
    tb::blis::ModelWeights weights =
        tb::blis::load_weights(shape, args->tensors, args->n_tensors,
                               tb::blis::weight_panel_columns(kernels, options.gemm_path));
    auto model = std::make_unique<tb_model>(shape, std::move(weights), kernels, options.gemm_path);
    *out_model = model.release();
  });
}

void blis_model_destroy(tb_model* model) { delete model; }

tb_error* blis_model_set_threads(tb_model* model, std::int32_t n_threads) {
  return run_guarded([&] {
    check_model(model);
    if (n_threads < 1) {
      throw BackendError(TB_STATUS_INVALID_ARGUMENT,
                         "n_threads is " + std::to_string(n_threads) + ", expected >= 1");
    }
    const std::int32_t max_threads = tb::blis::backend_info().max_threads;
    if (max_threads > 0 && n_threads > max_threads) {
      throw BackendError(TB_STATUS_OUT_OF_RANGE,
                         "n_threads " + std::to_string(n_threads) +
                             " is more than max_threads " + std::to_string(max_threads) +
                             " (the CPUs of this machine)");
    }
    model->model.set_threads(n_threads);
  });
}

tb_error* blis_model_forward(tb_model* model, const tb_forward_args* args) {
  return run_guarded([&] {
    check_model(model);
    const tb::blis::ForwardRequest request =
        tb::blis::validate_forward_args(model->model.shape(), args);
    model->model.forward(request.tokens, request.batch, request.seq_len, request.logits);
  });
}

tb_error* blis_model_get_memory(const tb_model* model, tb_memory_info* out) {
  return run_guarded([&] {
    check_model(model);
    if (out == nullptr) {
      throw BackendError(TB_STATUS_INVALID_ARGUMENT, "memory info output is NULL");
    }
    if (TB_STRUCT_HAS_FIELD(out, tb_memory_info, weight_bytes)) {
      out->weight_bytes = model->model.weight_bytes();
    }
    if (TB_STRUCT_HAS_FIELD(out, tb_memory_info, workspace_bytes)) {
      out->workspace_bytes = model->model.workspace_bytes();
    }
  });
}

const tb_backend_api kApi = {
    sizeof(tb_backend_api),
    TB_ABI_VERSION_MAJOR,
    TB_ABI_VERSION_MINOR,
    &blis_error_message,
    &blis_error_code,
    &blis_error_destroy,
    &blis_get_info,
    &blis_model_create,
    &blis_model_destroy,
    &blis_model_set_threads,
    &blis_model_forward,
    &blis_model_get_memory,
};

}  // namespace

extern "C" TB_PLUGIN_EXPORT const tb_backend_api* tb_get_backend_api(std::uint32_t host_abi_major,
                                                                     std::uint32_t host_abi_minor) {
  (void)host_abi_minor;  // any 1.x host reads this table; see the versioning rules
  return host_abi_major == TB_ABI_VERSION_MAJOR ? &kApi : nullptr;
}
