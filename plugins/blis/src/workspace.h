// Activation buffers of one model's forward pass and the attention scratch of each
// thread. They are sized for the largest batch, sequence length and thread count seen
// so far and only grow, so forward calls after the first of a shape do not allocate.
#pragma once

#include <cstddef>
#include <cstdint>

#include "aligned_buffer.h"
#include "model_shape.h"

namespace tb::blis {

class Workspace {
 public:
  explicit Workspace(const ModelShape& shape);

  // Makes every buffer large enough for rows = B * T rows, sequences of seq_len
  // tokens, n_threads threads and attention score blocks of score_rows rows.
  // Throws std::bad_alloc.
  void reserve(int rows, int seq_len, int n_threads, int score_rows);

  float* residual() { return residual_.data(); }  // (B*T, C), the residual stream x
  float* normed() { return normed_.data(); }      // (B*T, C), LayerNorm output
  float* qkv() { return qkv_.data(); }            // (B*T, 3C)
  float* attention() { return attention_.data(); }  // (B*T, C), heads concatenated
  float* hidden() { return hidden_.data(); }      // (B*T, F), GELU output
  std::ptrdiff_t ld_model() const { return ld_model_; }
  std::ptrdiff_t ld_qkv() const { return ld_qkv_; }
  std::ptrdiff_t ld_hidden() const { return ld_hidden_; }

  // Scratch of one thread for the current seq_len: K^T (head_dim, T) followed by a
  // block of attention scores (score_rows, T), both with leading dimension
  // attention_ld(seq_len).
  float* attention_scratch(int thread, int seq_len, int score_rows);
  static std::ptrdiff_t attention_ld(int seq_len);

  std::uint64_t bytes() const;

 private:
  std::size_t scratch_floats_per_thread(int seq_len, int score_rows) const;

  int head_dim_;
  std::ptrdiff_t ld_model_;
  std::ptrdiff_t ld_qkv_;
  std::ptrdiff_t ld_hidden_;
  AlignedBuffer residual_;
  AlignedBuffer normed_;
  AlignedBuffer qkv_;
  AlignedBuffer attention_;
  AlignedBuffer hidden_;
  AlignedBuffer scratch_;
};

}  // namespace tb::blis
