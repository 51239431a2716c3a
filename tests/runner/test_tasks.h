// Small matrices and tasks shared by the runner tests.
#pragma once

#include <filesystem>
#include <string>

#include "bench/cell_task.h"
#include "config/matrix.h"

namespace tb::testing {

// The default matrix's smallest model (2,916 parameters), named "16d_1l_2h".
inline ModelEntry tiny_model() {
  ModelEntry model;
  model.config.name = "16d_1l_2h";
  model.config.vocab_size = 20;
  model.config.d_model = 16;
  model.config.n_layers = 1;
  model.config.n_heads = 2;
  model.config.d_ff = 32;
  model.config.max_seq_len = 32;
  model.seed = 1;
  return model;
}

inline CellTask make_task(size_t index, const std::string& backend, int batch_size, int seq_len, int threads) {
  CellTask task;
  task.index = index;
  task.model = tiny_model();
  task.backend.name = backend;
  task.reference.name = "scalar";
  task.batch_size = batch_size;
  task.seq_len = seq_len;
  task.threads = threads;
  return task;
}

}  // namespace tb::testing
