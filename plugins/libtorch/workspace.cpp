// Grow-only activation buffers.
#include "workspace.h"

#include "buffers.h"

#include <ATen/ops/scalar_tensor.h>

#include <algorithm>
#include <cmath>

namespace tb_libtorch {

const ActivationViews& Workspace::prepare(const ModelShape& shape, const ForwardShape& forward,
                                          int64_t head_blas_rows, bool host_lacks_margin) {
  if (forward.batch_size == views_shape_.batch_size && forward.seq_len == views_shape_.seq_len) {
    return views_;
  }
  const int64_t M = forward.batch_size * forward.seq_len;
  const int64_t C = shape.d_model;

  // Only a product on the BLAS route needs the padded buffer, so its size is bounded
  // by that route's limit (2^21 multiply-adds) as well as by B*T*V.
  padded_logits_rows_ = std::max(padded_logits_rows_, std::min(M, head_blas_rows));
  if (host_lacks_margin) {
    padded_logits(std::min(M, head_blas_rows), shape.vocab_size);
  }

  ActivationViews& views = views_;
  views.x = view_of(x_, {M, C});
  views.x_by_sequence = views.x.view({forward.batch_size, forward.seq_len, C});
  views.qkv = view_of(qkv_, {M, 3 * C});
  views.attn = view_of(attn_, {M, C});
  views.hidden = view_of(hidden_, {M, shape.d_ff});
  views.gelu_scratch = view_of(gelu_scratch_, {M, shape.d_ff});
  if (!gelu_offset_.defined()) {
    gelu_offset_ = at::scalar_tensor(2.0 * std::sqrt(2.0 / M_PI), at::kFloat);
  }
  views.gelu_offset = gelu_offset_;

  attention_.prepare(shape, forward, views.qkv, views.attn);
  views_shape_ = forward;
  return views;
}

at::Tensor Workspace::padded_logits(int64_t rows, int64_t vocab_size) {
  const int64_t reserved_rows = std::max(rows, padded_logits_rows_);
  reserve(logits_, checked_multiply(reserved_rows, vocab_size, "batch_size * seq_len * vocab_size") +
                       kBlasReadMarginFloats);
  const int64_t numel = rows * vocab_size;
  return logits_.narrow(0, 0, numel).view({rows, vocab_size});
}

uint64_t Workspace::bytes() const {
  return bytes_of(x_) + bytes_of(qkv_) + bytes_of(attn_) + bytes_of(hidden_) +
         bytes_of(gelu_scratch_) + bytes_of(logits_) + attention_.bytes() + transient_.peak_bytes();
}

}  // namespace tb_libtorch
