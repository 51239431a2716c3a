// A model instance of the LibTorch backend: the validated shape, the weights, the
// workspace and the thread count, and the operations the C ABI exposes on it.
// Every function may throw, and the exported functions in backend_api.cpp catch.
#pragma once

#include "validation.h"
#include "weights.h"
#include "workspace.h"

#include <transformer_bench/backend.h>

#include <cstdint>
#include <memory>

// The plugin's definition of the opaque model type of the C ABI.
struct tb_model {
  tb_libtorch::ModelShape shape;
  tb_libtorch::ModelWeights weights;
  tb_libtorch::Workspace workspace;
  int32_t n_threads = 1;
};

namespace tb_libtorch {

std::unique_ptr<tb_model> create_model(const tb_model_create_args* args);

void set_threads(tb_model& model, int32_t n_threads);

void run_forward(tb_model& model, const tb_forward_args* args);

void report_memory(const tb_model& model, tb_memory_info* out);

}  // namespace tb_libtorch
