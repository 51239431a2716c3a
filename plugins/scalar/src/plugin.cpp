// The entry point of the scalar backend plugin and its ABI function table. Each
// exported function checks its pointers and struct sizes, then hands over to model.cpp,
// and catches every C++ exception so that none crosses the C ABI.
#include <memory>
#include <string>

#include <transformer_bench/backend.h>

#include "backend_info.h"
#include "config.h"
#include "error.h"
#include "model.h"
#include "weights.h"

// The ABI declares tb_model as an opaque struct in the global namespace.
struct tb_model {
  tb::scalar::Model model;
};

namespace {

using tb::scalar::throw_invalid_argument;

// Runs body and returns NULL, or the exception it threw as a tb_error.
template <typename Body>
tb_error* run_guarded(const Body& body) noexcept {
  try {
    body();
    return nullptr;
  } catch (...) {
    return tb::scalar::error_from_current_exception();
  }
}

// The scalar backend takes no options, so any option is rejected by name.
void check_options(const tb_model_create_args& args) {
  if (args.options == nullptr && args.n_options > 0) {
    throw_invalid_argument("args->options is NULL but args->n_options is " + std::to_string(args.n_options));
  }
  for (size_t i = 0; i < args.n_options; ++i) {
    const std::string label = "args->options[" + std::to_string(i) + "]";
    const tb_option* option = args.options[i];
    if (option == nullptr) throw_invalid_argument(label + " is NULL");

    constexpr size_t kV1Size = TB_STRUCT_SIZE(tb_option, value);
    if (option->struct_size < kV1Size) {
      throw_invalid_argument(label + " has struct_size " + std::to_string(option->struct_size) + " bytes, below the " +
                             std::to_string(kV1Size) + " bytes of ABI 1.0");
    }
    if (option->key == nullptr) throw_invalid_argument(label + " has a NULL key");

    std::string message = "unknown option '";
    message += option->key;
    message += "' (value ";
    if (option->value != nullptr) {
      message += "'";
      message += option->value;
      message += "'";
    } else {
      message += "NULL";
    }
    message += "): the scalar backend has no options";
    throw_invalid_argument(message);
  }
}

std::unique_ptr<tb_model> create_model(const tb_model_create_args* args) {
  if (args == nullptr) throw_invalid_argument("args is NULL");

  constexpr size_t kV1Size = TB_STRUCT_SIZE(tb_model_create_args, n_options);
  if (args->struct_size < kV1Size) {
    throw_invalid_argument("args->struct_size is " + std::to_string(args->struct_size) + " bytes, below the " +
                           std::to_string(kV1Size) + " bytes of ABI 1.0");
  }

  const tb::scalar::Config config = tb::scalar::config_from_abi(args->config);
  check_options(*args);
  tb::scalar::Weights weights = tb::scalar::load_weights(config, args->tensors, args->n_tensors);
  return std::make_unique<tb_model>(tb_model{tb::scalar::Model(config, std::move(weights))});
}

}  // namespace

extern "C" {

static const char* scalar_error_message(const tb_error* error) {
  return error != nullptr ? error->message.c_str() : "no error (NULL tb_error)";
}

static int32_t scalar_error_code(const tb_error* error) {
  return error != nullptr ? error->code : TB_STATUS_OK;
}

static void scalar_error_destroy(tb_error* error) {
  tb::scalar::destroy_error(error);
}

static const tb_backend_info* scalar_get_info(void) {
  return tb::scalar::backend_info();
}

static tb_error* scalar_model_create(const tb_model_create_args* args, tb_model** out_model) {
  if (out_model == nullptr) return run_guarded([] { throw_invalid_argument("out_model is NULL"); });
  *out_model = nullptr;
  return run_guarded([&] { *out_model = create_model(args).release(); });
}

static void scalar_model_destroy(tb_model* model) {
  delete model;
}

static tb_error* scalar_model_set_threads(tb_model* model, int32_t n_threads) {
  return run_guarded([&] {
    if (model == nullptr) throw_invalid_argument("model is NULL");
    model->model.set_threads(n_threads);
  });
}

static tb_error* scalar_model_forward(tb_model* model, const tb_forward_args* args) {
  return run_guarded([&] {
    if (model == nullptr) throw_invalid_argument("model is NULL");
    model->model.forward(args);
  });
}

static tb_error* scalar_model_get_memory(const tb_model* model, tb_memory_info* out) {
  return run_guarded([&] {
    if (model == nullptr) throw_invalid_argument("model is NULL");
    if (out == nullptr) throw_invalid_argument("out is NULL");

    // Write only the fields inside the host's struct_size.
    const tb_memory_info info = model->model.memory();
    if (TB_STRUCT_HAS_FIELD(out, tb_memory_info, weight_bytes)) out->weight_bytes = info.weight_bytes;
    if (TB_STRUCT_HAS_FIELD(out, tb_memory_info, workspace_bytes)) out->workspace_bytes = info.workspace_bytes;
  });
}

}  // extern "C"

namespace {

const tb_backend_api kBackendApi = {
    sizeof(tb_backend_api), TB_ABI_VERSION_MAJOR,     TB_ABI_VERSION_MINOR, scalar_error_message,
    scalar_error_code,      scalar_error_destroy,     scalar_get_info,      scalar_model_create,
    scalar_model_destroy,   scalar_model_set_threads, scalar_model_forward, scalar_model_get_memory,
};

}  // namespace

extern "C" TB_PLUGIN_EXPORT const tb_backend_api* tb_get_backend_api(uint32_t host_abi_major, uint32_t host_abi_minor) {
  // Any 1.x host can use this 1.0 table, because struct_size tells it which functions exist.
  static_cast<void>(host_abi_minor);
  if (host_abi_major != TB_ABI_VERSION_MAJOR) return nullptr;
  return &kBackendApi;
}
