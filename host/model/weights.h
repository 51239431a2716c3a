// Model weights on the host side: named float32 tensors in the project's layout
// (docs/model.md), either generated from a seed or loaded by a caller, and the
// borrowed views handed to a backend through the C ABI.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <transformer_bench/backend.h>

#include "model/model_config.h"

namespace tb {

struct Tensor {
  std::string name;
  std::vector<int64_t> shape;
  std::vector<float> data;  // row-major

  int64_t numel() const;
};

struct Weights {
  std::vector<Tensor> tensors;  // canonical order of tensor_specs()

  const Tensor* find(const std::string& name) const;
  Tensor* find(const std::string& name);
  uint64_t bytes() const;
};

// Standard deviation of the normal init of matrices and the embedding.
inline constexpr double kInitStddev = 0.02;

// Deterministic weights: N(0, 0.02) for matrices and the embedding, zero biases and
// betas, gammas 1. Each tensor is drawn from its own stream, Rng::for_stream(seed,
// name), and each value is rounded from double to float32.
Weights init_weights(const ModelConfig& config, uint64_t seed);

// Token ids [B, T], uniform in [0, vocab_size), from Rng::for_stream(seed, "tokens").
std::vector<int32_t> make_tokens(int batch_size, int seq_len, int vocab_size, uint64_t seed);

// ABI views of a Weights object. The views point into `weights`, which must outlive
// this object and stay unchanged.
class TensorViews {
 public:
  explicit TensorViews(const Weights& weights);
  TensorViews(const TensorViews&) = delete;
  TensorViews& operator=(const TensorViews&) = delete;

  const tb_tensor* const* data() const { return pointers_.data(); }
  size_t size() const { return pointers_.size(); }

 private:
  std::vector<tb_tensor> views_;
  std::vector<const tb_tensor*> pointers_;
};

}  // namespace tb
