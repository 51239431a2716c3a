// One model instance of the blis backend: its weights, kernel choice, thread count and
// workspace, and the forward pass over them.
#pragma once

#include <cstddef>
#include <cstdint>

#include "cpu_kernels.h"
#include "gemm.h"
#include "model_shape.h"
#include "options.h"
#include "weights.h"
#include "workspace.h"

namespace tb::blis {

// Panel width for load_weights: the native kernels' panels when every weight GEMM
// runs on them, else 0 (row-major weights that BLIS can read too).
int weight_panel_columns(const KernelSet& kernels, GemmPath gemm_path);

class Model {
 public:
  // `weights` must be packed for `kernels` when gemm_path is kNative (see
  // weight_panel_columns).
  Model(const ModelShape& shape, ModelWeights weights, const KernelSet& kernels,
        GemmPath gemm_path);

  const ModelShape& shape() const { return shape_; }
  void set_threads(int n_threads) { n_threads_ = n_threads; }

  // logits (B, T, V) = model(tokens (B, T)). The arguments must have been validated:
  // token ids in [0, V), 1 <= seq_len <= max_seq_len, batch >= 1, and logits with room
  // for B * T * V floats. Throws std::bad_alloc when a new, larger shape needs memory.
  void forward(const std::int32_t* tokens, int batch, int seq_len, float* logits);

  std::uint64_t weight_bytes() const { return weights_.bytes(); }
  std::uint64_t workspace_bytes() const { return workspace_.bytes(); }

 private:
  void embed(const std::int32_t* tokens, int batch, int seq_len);
  void attention_block(const BlockWeights& block, int batch, int seq_len);
  void feed_forward_block(const BlockWeights& block, int rows);
  void output_head(int rows, float* logits);
  void layer_norm(const PaddedMatrix& gamma, const PaddedMatrix& beta, int rows);
  GemmArgs weight_gemm(const float* a, std::ptrdiff_t lda, int rows, const PaddedMatrix& weight,
                       const PaddedMatrix& bias, float* c, std::ptrdiff_t ldc) const;

  ModelShape shape_;
  ModelWeights weights_;
  const KernelSet& kernels_;
  GemmEngine gemm_;
  Workspace workspace_;
  int n_threads_ = 1;
};

}  // namespace tb::blis
