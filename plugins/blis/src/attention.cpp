#include "attention.h"

#include <algorithm>
#include <cmath>

#include "parallel.h"

namespace tb::blis {
namespace {

// Attention uses a second thread only for at least this many multiply-adds per thread.
constexpr long long kMinMultiplyAddsPerThread = 1LL << 16;

// One (batch, head) pair: (T, hs) slices of q, k, v -> (T, hs) slice of out.
void attend_one_head(const AttentionArgs& args, const KernelSet& kernels, int batch_index,
                     int head, float* scratch) {
  const int t_len = args.seq_len;
  const int hs = args.head_dim;
  const int d_model = args.n_heads * hs;
  const std::ptrdiff_t ld_t = Workspace::attention_ld(t_len);
  const float* q = args.qkv + static_cast<std::ptrdiff_t>(batch_index) * t_len * args.ld_qkv +
                   head * hs;
  const float* k = q + d_model;
  const float* v = q + 2 * d_model;
  float* out = args.out + static_cast<std::ptrdiff_t>(batch_index) * t_len * args.ld_out +
               head * hs;
  float* keys_t = scratch;               // (hs, T)
  float* scores = scratch + hs * ld_t;   // (tile, T)

  // K^T, so that the score GEMM reads keys along rows.
  for (int j = 0; j < t_len; ++j) {
    const float* key = k + j * args.ld_qkv;
    for (int c = 0; c < hs; ++c) {
      keys_t[c * ld_t + j] = key[c];
    }
  }

  const float scale = 1.0f / std::sqrt(static_cast<float>(hs));
  const int tile = kernels.gemm_tile_rows;
  for (int row0 = 0; row0 < t_len; row0 += tile) {
    const int rows = std::min(tile, t_len - row0);
    const int width = row0 + rows;  // keys visible to the block's last query

    // scores (rows, width) = q[row0 : row0 + rows] @ K^T[:, :width]
    GemmArgs score_gemm;
    score_gemm.m = rows;
    score_gemm.n = width;
    score_gemm.k = hs;
    score_gemm.a = q + row0 * args.ld_qkv;
    score_gemm.lda = args.ld_qkv;
    score_gemm.b = keys_t;
    score_gemm.ldb = ld_t;
    score_gemm.c = scores;
    score_gemm.ldc = ld_t;
    score_gemm.c_padded = true;  // the softmax masks the columns past `width`
    kernels.gemm(score_gemm);

    CausalSoftmaxArgs softmax;
    softmax.rows = rows;
    softmax.first_row = row0;
    softmax.width = width;
    softmax.s = scores;
    softmax.lds = ld_t;
    softmax.scale = scale;
    kernels.causal_softmax(softmax);

    // out[row0 : row0 + rows] (rows, hs) = P (rows, width) @ v[:width]
    GemmArgs value_gemm;
    value_gemm.m = rows;
    value_gemm.n = hs;
    value_gemm.k = width;
    value_gemm.a = scores;
    value_gemm.lda = ld_t;
    value_gemm.b = v;
    value_gemm.ldb = args.ld_qkv;
    value_gemm.c = out + row0 * args.ld_out;
    value_gemm.ldc = args.ld_out;
    kernels.gemm(value_gemm);
  }
}

}  // namespace

void causal_self_attention(const AttentionArgs& args, const KernelSet& kernels,
                           Workspace& workspace, int n_threads) {
  const int pairs = args.batch * args.n_heads;
  // Per pair: about T^2 / 2 * hs multiply-adds for the scores and as many for P @ v.
  const long long work = static_cast<long long>(pairs) * args.seq_len * args.seq_len * args.head_dim;
  const int threads = static_cast<int>(
      std::min<long long>(n_threads, std::max(1LL, work / kMinMultiplyAddsPerThread)));
  const int tile = kernels.gemm_tile_rows;

  parallel_ranges(threads, pairs, [&](int begin, int end, int thread) noexcept {
    float* scratch = workspace.attention_scratch(thread, args.seq_len, tile);
    for (int pair = begin; pair < end; ++pair) {
      attend_one_head(args, kernels, pair / args.n_heads, pair % args.n_heads, scratch);
    }
  });
}

}  // namespace tb::blis
