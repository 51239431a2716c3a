// Causal self-attention with heads in block-diagonal groups. Shapes use T (sequence),
// C (d_model), NH (heads), hd (head size), G (groups) and HG = NH/G (heads per group).
#include "attention.h"

#include "buffers.h"

#include <ATen/Parallel.h>
#include <ATen/ops/_softmax.h>
#include <ATen/ops/baddbmm.h>
#include <ATen/ops/bmm.h>
#include <ATen/ops/full.h>
#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace tb_libtorch {
namespace {

// The fixed cost of one BLAS call in LibTorch, in multiply-adds of useful work. With it,
// choose_groups picked the fastest G of each power of two in all six shapes measured
// with LibTorch 1.13 on one core of a 2-core AVX-512 Xeon (KVM): (C, NH, T) = (16, 2, 32),
// (32, 4, 32), (64, 8, 32), (128, 8, 32), (64, 8, 64) and (256, 4, 64). For example
// (64, 8, 32) took 49, 33, 36 and 48 us with G = 1, 2, 4 and 8.
constexpr double kCallCostMultiplyAdds = 65536.0;

// Groups are split across threads only when each thread gets at least this many
// multiply-adds, because waking the OpenMP team costs microseconds.
constexpr int64_t kMinMultiplyAddsPerThread = int64_t{1} << 16;

// Returns the divisor G of NH that minimises the modelled cost of the two attention
// matmuls: 2G BLAS calls plus 2 T*T*C*NH/G multiply-adds, since a group of NH/G heads
// multiplies every head's queries against every head's keys in the group.
int64_t choose_groups(int64_t seq_len, int64_t d_model, int64_t n_heads) {
  const double work = 2.0 * static_cast<double>(seq_len) * static_cast<double>(seq_len) *
                      static_cast<double>(d_model) * static_cast<double>(n_heads);
  int64_t best_groups = n_heads;
  double best_cost = std::numeric_limits<double>::infinity();
  for (int64_t groups = 1; groups <= n_heads; ++groups) {
    if (n_heads % groups != 0) {
      continue;
    }
    const double cost = 2.0 * static_cast<double>(groups) * kCallCostMultiplyAdds +
                        work / static_cast<double>(groups);
    if (cost < best_cost) {
      best_cost = cost;
      best_groups = groups;
    }
  }
  return best_groups;
}

}  // namespace

void SelfAttention::reserve_group_buffers(int64_t seq_len) {
  // A shorter call after a longer one may choose fewer, wider groups, so the buffers are
  // sized for every length up to seq_len: then such a call allocates nothing.
  const int64_t C = shape_.d_model;
  const int64_t NH = shape_.n_heads;
  int64_t block_numel = 0;
  int64_t mask_numel = 0;
  for (int64_t len = reserved_len_ + 1; len <= seq_len; ++len) {
    const int64_t heads_per_group = NH / choose_groups(len, C, NH);
    // Longer sequences never choose fewer groups, so from here on every head is its own
    // group and needs none of these buffers.
    if (heads_per_group == 1) {
      break;
    }
    block_numel = std::max(block_numel, checked_multiply(C * heads_per_group, len, "attention buffer size"));
    mask_numel = std::max(mask_numel, checked_multiply(len * heads_per_group, len, "attention buffer size"));
  }
  reserved_len_ = std::max(reserved_len_, seq_len);

  const bool keys_grown = reserve(keys_, block_numel);
  const bool values_grown = reserve(values_, block_numel);
  const bool mask_grown = reserve(tiled_mask_, mask_numel);
  if (keys_grown || values_grown || mask_grown) {
    layout_len_ = 0;  // the new buffers hold no zeros yet
    layout_groups_ = 0;
  }
}

void SelfAttention::prepare(const ModelShape& shape, const ForwardShape& forward,
                            const at::Tensor& qkv_buffer, const at::Tensor& out_buffer) {
  shape_ = shape;
  forward_ = forward;
  const int64_t T = forward.seq_len;
  const int64_t C = shape.d_model;
  const int64_t NH = shape.n_heads;
  const int64_t hd = shape.head_size;

  if (!causal_mask_.defined() || causal_mask_.size(0) < T) {
    causal_mask_ = at::full({T, T}, -std::numeric_limits<float>::infinity(), at::kFloat).triu_(1);
  }
  mask_view_ = causal_mask_.narrow(0, 0, T).narrow(1, 0, T);

  if (T > reserved_len_) {
    reserve_group_buffers(T);
  }

  groups_ = choose_groups(T, C, NH);
  const int64_t G = groups_;
  const int64_t HG = NH / G;
  const int64_t group_width = C / G;
  scores_view_ = view_of(scores_, {G, T, HG * T});
  scores_per_head_ = scores_view_.view({G, T, HG, T});

  if (HG == 1) {
    tiled_mask_view_ = mask_view_;
    keys_view_ = at::Tensor();
    values_view_ = at::Tensor();
    keys_diagonal_ = at::Tensor();
    values_diagonal_ = at::Tensor();
  } else {
    keys_view_ = view_of(keys_, {G, group_width, HG * T});
    values_view_ = view_of(values_, {G, HG * T, group_width});
    tiled_mask_view_ = view_of(tiled_mask_, {T, HG * T});

    // Head j of group g goes to rows j*hd and columns j*T of the group's K^T block, and
    // to rows j*T and columns j*hd of its V block.
    const int64_t block_columns = HG * T;
    keys_diagonal_ = keys_view_.as_strided(
        {G, HG, hd, T}, {group_width * block_columns, hd * block_columns + T, block_columns, 1});
    values_diagonal_ = values_view_.as_strided(
        {G, HG, T, hd}, {block_columns * group_width, T * group_width + hd, group_width, 1});

    // The blocks off the diagonal must be zero, and where the diagonal lies depends on T
    // and G.
    if (layout_len_ != T || layout_groups_ != G) {
      keys_view_.zero_();
      values_view_.zero_();
      tiled_mask_view_.view({T, HG, T}).copy_(mask_view_.unsqueeze(1).expand({T, HG, T}));
      layout_len_ = T;
      layout_groups_ = G;
    }
  }
  expanded_mask_ = tiled_mask_view_.expand({G, T, HG * T});

  prepared_qkv_ = qkv_buffer;
  prepared_out_ = out_buffer;
  prepared_views_ = make_sequence_views(qkv_buffer, out_buffer);
}

std::vector<SelfAttention::SequenceViews> SelfAttention::make_sequence_views(
    const at::Tensor& qkv, const at::Tensor& out) const {
  const int64_t T = forward_.seq_len;
  const int64_t C = shape_.d_model;
  const int64_t NH = shape_.n_heads;
  const int64_t hd = shape_.head_size;
  const int64_t G = groups_;
  const int64_t HG = NH / G;
  const int64_t group_width = C / G;

  std::vector<SequenceViews> views(static_cast<size_t>(forward_.batch_size));
  for (int64_t b = 0; b < forward_.batch_size; ++b) {
    const at::Tensor sequence = qkv.narrow(0, b * T, T);  // (T, 3C)
    SequenceViews& view = views[static_cast<size_t>(b)];

    // Heads are contiguous hd-wide column slices of q, k and v, and a group is HG
    // neighbouring heads.
    view.q = sequence.narrow(1, 0, C).view({T, G, group_width}).permute({1, 0, 2});
    const at::Tensor k_t = sequence.narrow(1, C, C).view({T, NH, hd}).permute({1, 2, 0});      // (NH, hd, T)
    const at::Tensor v = sequence.narrow(1, 2 * C, C).view({T, NH, hd}).permute({1, 0, 2});  // (NH, T, hd)
    view.out = out.narrow(0, b * T, T).view({T, G, group_width}).permute({1, 0, 2});

    if (HG == 1) {
      view.keys = k_t;
      view.values = v;
    } else {
      view.keys_source = k_t.unflatten(0, {G, HG});
      view.values_source = v.unflatten(0, {G, HG});
      view.keys = keys_view_;
      view.values = values_view_;
    }
  }
  return views;
}

void SelfAttention::apply(const at::Tensor& qkv, const at::Tensor& out) const {
  if (qkv.is_same(prepared_qkv_) && out.is_same(prepared_out_)) {
    for (const SequenceViews& sequence : prepared_views_) {
      apply_sequence(sequence);
    }
    return;
  }
  for (const SequenceViews& sequence : make_sequence_views(qkv, out)) {
    apply_sequence(sequence);
  }
}

// For groups [g0, g1) of one sequence, n = g1 - g0:
//   scores (n, T, HG*T) = mask + q (n, T, C/G) @ keys (n, C/G, HG*T) / sqrt(hd)
//   softmax per head over (n, T, HG, T)
//   out (n, T, C/G) = scores @ values (n, HG*T, C/G), into the group's columns of out
void SelfAttention::apply_sequence(const SequenceViews& sequence) const {
  const int64_t T = forward_.seq_len;
  const int64_t G = groups_;
  const int64_t HG = shape_.n_heads / G;
  const int64_t group_width = shape_.d_model / G;
  const double scale = 1.0 / std::sqrt(static_cast<double>(shape_.head_size));

  if (HG > 1) {
    keys_diagonal_.copy_(sequence.keys_source);
    values_diagonal_.copy_(sequence.values_source);
  }

  const int64_t multiply_adds_per_group = 2 * T * T * group_width * HG;
  const int64_t groups_per_thread =
      std::max<int64_t>(1, kMinMultiplyAddsPerThread / std::max<int64_t>(1, multiply_adds_per_group));

  at::parallel_for(0, G, groups_per_thread, [&](int64_t g0, int64_t g1) {
    // InferenceMode is thread-local, and LibTorch 1.13's parallel_for does not carry it
    // into the OpenMP worker threads.
    const c10::InferenceMode inference_mode;

    // Narrowing costs an operator call each, so the whole range uses the views as they are.
    const bool all_groups = g0 == 0 && g1 == G;
    const auto groups_of = [&](const at::Tensor& tensor) {
      return all_groups ? tensor : tensor.narrow(0, g0, g1 - g0);
    };
    at::Tensor scores = groups_of(scores_view_);
    at::Tensor scores_per_head = groups_of(scores_per_head_);
    at::Tensor out = groups_of(sequence.out);

    at::baddbmm_out(scores, groups_of(expanded_mask_), groups_of(sequence.q), groups_of(sequence.keys),
                    1.0, scale);

    at::_softmax_out(scores_per_head, scores_per_head, -1, false);

    at::bmm_out(out, scores, groups_of(sequence.values));
  });
}

uint64_t SelfAttention::bytes() const {
  return bytes_of(causal_mask_) + bytes_of(scores_) + bytes_of(tiled_mask_) + bytes_of(keys_) +
         bytes_of(values_);
}

}  // namespace tb_libtorch
