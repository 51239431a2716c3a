// Causal multi-head self-attention over the fused q|k|v activations, one (batch, head)
// pair at a time with the native kernels. Each pair walks its queries in blocks of
// rows and multiplies only the keys up to the block's last query, so the masked upper
// triangle is skipped except inside the diagonal blocks.
#pragma once

#include <cstddef>

#include "cpu_kernels.h"
#include "workspace.h"

namespace tb::blis {

struct AttentionArgs {
  int batch = 0;    // B
  int seq_len = 0;  // T
  int n_heads = 0;  // NH
  int head_dim = 0;  // C / NH
  const float* qkv = nullptr;  // (B*T, 3C): q | k | v, heads as contiguous column slices
  std::ptrdiff_t ld_qkv = 0;
  float* out = nullptr;  // (B*T, C): softmax(q k^T / sqrt(head_dim), causal) v per head
  std::ptrdiff_t ld_out = 0;
};

// Computes args.out on at most n_threads threads, with the scratch of `workspace`,
// which must have been reserved for (B * T, T, n_threads, kernels.gemm_tile_rows).
void causal_self_attention(const AttentionArgs& args, const KernelSet& kernels,
                           Workspace& workspace, int n_threads);

}  // namespace tb::blis
