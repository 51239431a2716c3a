// A model instance living inside a backend plugin, owned by the host. It keeps its
// plugin loaded and releases the instance through the plugin when destroyed.
#pragma once

#include <cstdint>
#include <memory>
#include <span>

#include <transformer_bench/backend.h>

namespace tb {

class Plugin;

struct MemoryInfo {
  uint64_t weight_bytes = 0;
  uint64_t workspace_bytes = 0;
};

class Model {
 public:
  Model(std::shared_ptr<const Plugin> plugin, tb_model* handle);
  ~Model();
  Model(const Model&) = delete;
  Model& operator=(const Model&) = delete;

  void set_threads(int n_threads);

  // tokens is [B, T]; logits receives [B, T, V] and must hold at least B*T*V floats.
  void forward(std::span<const int32_t> tokens, int batch_size, int seq_len, std::span<float> logits);

  MemoryInfo memory() const;

 private:
  std::shared_ptr<const Plugin> plugin_;
  tb_model* handle_;
};

}  // namespace tb
