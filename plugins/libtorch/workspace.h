// Activation buffers of the forward pass, sized for the largest shape seen so far and
// reused by later calls. Shorter calls use views of the same memory, so they allocate
// nothing here. Attention keeps its own buffers in the SelfAttention member.
#pragma once

#include "attention.h"
#include "linear.h"
#include "transient_memory.h"
#include "validation.h"

#include <ATen/core/Tensor.h>

#include <cstdint>

namespace tb_libtorch {

// Views of the workspace for calls with B sequences of T tokens (M = B*T rows).
// They stay valid until a call to Workspace::prepare with another shape.
struct ActivationViews {
  at::Tensor x;             // (M, C) residual stream
  at::Tensor x_by_sequence; // (B, T, C), the same memory as x
  at::Tensor qkv;           // (M, 3C)
  at::Tensor attn;          // (M, C) attention output, heads merged
  at::Tensor hidden;        // (M, d_ff) feed-forward activations
  at::Tensor gelu_scratch;  // (M, d_ff)
  at::Tensor gelu_offset;   // 0-dim, 2*sqrt(2/pi), a constant kept to save an allocation per call
};

class Workspace {
 public:
  // Returns the views for `forward`, building them (and growing the buffers) only when
  // the shape differs from the previous call's: a view costs an operator call, and small
  // models need dozens per forward pass. When `host_lacks_margin`, the padded logits
  // buffer grows here too, to min(largest B*T seen, head_blas_rows) rows, so a later
  // shorter call does not allocate it.
  const ActivationViews& prepare(const ModelShape& shape, const ForwardShape& forward,
                                 int64_t head_blas_rows, bool host_lacks_margin);

  // Returns a (rows, vocab_size) view of a grow-only buffer followed by at least
  // kBlasReadMarginFloats floats, for logits the BLAS route cannot write to the host's
  // buffer directly (see forward.cpp).
  at::Tensor padded_logits(int64_t rows, int64_t vocab_size);

  SelfAttention& attention() { return attention_; }

  TransientMemory& transient() { return transient_; }

  // Returns the bytes of the buffers plus the recorded peak of per-call temporaries.
  uint64_t bytes() const;

 private:
  at::Tensor x_;
  at::Tensor qkv_;
  at::Tensor attn_;
  at::Tensor hidden_;
  at::Tensor gelu_scratch_;
  at::Tensor gelu_offset_;
  at::Tensor logits_;
  int64_t padded_logits_rows_ = 0;  // rows logits_ is to hold when it is needed
  SelfAttention attention_;
  TransientMemory transient_;

  ActivationViews views_;
  ForwardShape views_shape_;  // the shape views_ and attention_ are prepared for; B = 0 for none
};

}  // namespace tb_libtorch
