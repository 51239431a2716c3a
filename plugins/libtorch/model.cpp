// Model lifetime and the checks around each forward call.
#include "model.h"

#include "error.h"
#include "forward.h"
#include "runtime.h"

#include <c10/core/InferenceMode.h>

#include <string>

namespace tb_libtorch {

std::unique_ptr<tb_model> create_model(const tb_model_create_args* args) {
  if (args == nullptr) {
    throw_invalid_argument("args is NULL");
  }
  if (args->struct_size < TB_STRUCT_SIZE(tb_model_create_args, n_options)) {
    throw_invalid_argument("args.struct_size is " + std::to_string(args->struct_size) +
                           ", smaller than the ABI 1.0 tb_model_create_args");
  }

  const ModelShape shape = validate_config(args->config);
  validate_options(args->options, args->n_options);
  const NamedTensors tensors(shape, args->tensors, args->n_tensors);

  // Tensors created in inference mode skip autograd's version counters and views.
  const c10::InferenceMode inference_mode;
  return std::unique_ptr<tb_model>(new tb_model{shape, load_weights(shape, tensors), Workspace{}, 1});
}

void set_threads(tb_model& model, int32_t n_threads) {
  if (n_threads < 1) {
    throw_invalid_argument("n_threads must be at least 1, got " + std::to_string(n_threads));
  }
  const int32_t limit = max_threads();
  if (limit > 0 && n_threads > limit) {
    throw_out_of_range("n_threads " + std::to_string(n_threads) + " is larger than max_threads " +
                       std::to_string(limit) + ", the number of CPUs this process may use");
  }
  model.n_threads = n_threads;
}

void run_forward(tb_model& model, const tb_forward_args* args) {
  const ForwardShape forward_shape = validate_forward_args(model.shape, args);

  // OpenMP keeps the thread count per calling thread, and the host may call from any
  // thread, so it is set on every call.
  use_threads(model.n_threads);

  const c10::InferenceMode inference_mode;
  forward(model.shape, model.weights, model.workspace, forward_shape, args->tokens, args->logits,
          args->logits_capacity);
}

void report_memory(const tb_model& model, tb_memory_info* out) {
  if (out == nullptr) {
    throw_invalid_argument("out is NULL");
  }
  if (out->struct_size < TB_STRUCT_SIZE(tb_memory_info, workspace_bytes)) {
    throw_invalid_argument("out.struct_size is " + std::to_string(out->struct_size) +
                           ", smaller than the ABI 1.0 tb_memory_info");
  }
  out->weight_bytes = model.weights.bytes();
  out->workspace_bytes = model.workspace.bytes();
}

}  // namespace tb_libtorch
