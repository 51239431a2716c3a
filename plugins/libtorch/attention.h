// Causal multi-head self-attention on LibTorch operators, with heads processed in
// groups. Each group's heads are multiplied at once against a block-diagonal K^T and a
// block-diagonal V. A group of g heads does g times the arithmetic of its heads but needs
// one BLAS call where separate heads need g, and the fixed cost of those calls dominates
// small problems. Groups of one head are plain batched attention, which large problems
// use. Groups are split across threads.
#pragma once

#include "validation.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <vector>

namespace tb_libtorch {

class SelfAttention {
 public:
  // Chooses the grouping and lays out the buffers for sequences of forward.seq_len
  // tokens. Call once per forward pass, before the first call to apply. The views that
  // apply needs of `qkv_buffer` (M, 3C) and `out_buffer` (M, C) are built here once, for
  // the layers whose qkv projection writes into that buffer.
  void prepare(const ModelShape& shape, const ForwardShape& forward, const at::Tensor& qkv_buffer,
               const at::Tensor& out_buffer);

  // Computes out = softmax(mask + q k^T / sqrt(hd)) v for each sequence and head, with
  // q, k, v the column blocks of qkv.  qkv: (M, 3C) -> out: (M, C), M = B*T
  void apply(const at::Tensor& qkv, const at::Tensor& out) const;

  // Returns the bytes of the buffers, which grow to the largest shape seen.
  uint64_t bytes() const;

 private:
  // Strided views of one sequence's q, k, v and output in the shapes of the group matmuls.
  struct SequenceViews {
    at::Tensor q;              // (G, T, C/G)
    at::Tensor keys;           // (G, C/G, HG*T): the group buffer, or K^T itself when HG = 1
    at::Tensor values;         // (G, HG*T, C/G): the group buffer, or V itself when HG = 1
    at::Tensor keys_source;    // (G, HG, hd, T) K^T, copied into the group buffer when HG > 1
    at::Tensor values_source;  // (G, HG, T, hd) V, copied into the group buffer when HG > 1
    at::Tensor out;            // (G, T, C/G)
  };

  void reserve_group_buffers(int64_t seq_len);
  std::vector<SequenceViews> make_sequence_views(const at::Tensor& qkv, const at::Tensor& out) const;
  void apply_sequence(const SequenceViews& sequence) const;

  ModelShape shape_;
  ForwardShape forward_;
  int64_t groups_ = 1;  // G, a divisor of NH

  at::Tensor causal_mask_;  // (L, L) for the longest T seen: 0 on and below the diagonal, -inf above
  at::Tensor scores_;       // storage for (G, T, (NH/G)*T)
  at::Tensor tiled_mask_;   // storage for (T, (NH/G)*T), the causal mask once per head of a group
  at::Tensor keys_;         // storage for (G, C/G, (NH/G)*T), block-diagonal K^T per group
  at::Tensor values_;       // storage for (G, (NH/G)*T, C/G), block-diagonal V per group
  int64_t reserved_len_ = 0;    // every T up to this fits in keys_, values_ and tiled_mask_
  int64_t layout_len_ = 0;      // T and G that the zeros of keys_ and values_ and the
  int64_t layout_groups_ = 0;   // contents of tiled_mask_ are laid out for; 0 for none

  // Views for the current call, set by prepare.
  at::Tensor mask_view_;        // (T, T)
  at::Tensor scores_view_;      // (G, T, (NH/G)*T)
  at::Tensor tiled_mask_view_;  // (T, (NH/G)*T)
  at::Tensor keys_view_;        // (G, C/G, (NH/G)*T), undefined for groups of one head
  at::Tensor values_view_;      // (G, (NH/G)*T, C/G), undefined for groups of one head
  at::Tensor keys_diagonal_;    // (G, HG, hd, T): the diagonal blocks of keys_view_
  at::Tensor values_diagonal_;  // (G, HG, T, hd): the diagonal blocks of values_view_
  at::Tensor expanded_mask_;    // (G, T, HG*T)
  at::Tensor scores_per_head_;  // (G, T, HG, T), the same memory as scores_view_

  // Views of the buffers passed to prepare, reused by every layer that writes there.
  at::Tensor prepared_qkv_;
  at::Tensor prepared_out_;
  std::vector<SequenceViews> prepared_views_;
};

}  // namespace tb_libtorch
