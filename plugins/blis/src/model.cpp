#include "model.h"

#include <utility>

#include "attention.h"
#include "parallel.h"

namespace tb::blis {
namespace {

// Row-wise passes (embedding, LayerNorm) use a thread per this many elements.
constexpr long long kMinElementsPerThread = 1LL << 15;

int row_threads(int n_threads, int rows, int cols) {
  const long long useful = static_cast<long long>(rows) * cols / kMinElementsPerThread;
  if (useful < 2) {
    return 1;
  }
  return useful < n_threads ? static_cast<int>(useful) : n_threads;
}

}  // namespace

int weight_panel_columns(const KernelSet& kernels, GemmPath gemm_path) {
  return gemm_path == GemmPath::kNative ? kernels.gemm_panel_columns : 0;
}

Model::Model(const ModelShape& shape, ModelWeights weights, const KernelSet& kernels,
             GemmPath gemm_path)
    : shape_(shape),
      weights_(std::move(weights)),
      kernels_(kernels),
      gemm_(kernels_, gemm_path),
      workspace_(shape) {}

void Model::forward(const std::int32_t* tokens, int batch, int seq_len, float* logits) {
  const int rows = batch * seq_len;
  workspace_.reserve(rows, seq_len, n_threads_, kernels_.gemm_tile_rows);

  embed(tokens, batch, seq_len);
  for (const BlockWeights& block : weights_.blocks) {
    attention_block(block, batch, seq_len);
    feed_forward_block(block, rows);
  }
  output_head(rows, logits);
}

// x (B*T, C) = tok_embedding[tokens] + PE[positions]
void Model::embed(const std::int32_t* tokens, int batch, int seq_len) {
  const int c = shape_.d_model;
  const int rows = batch * seq_len;
  float* x = workspace_.residual();
  const std::ptrdiff_t ld = workspace_.ld_model();

  parallel_ranges(row_threads(n_threads_, rows, c), rows, [&](int begin, int end, int) noexcept {
    for (int r = begin; r < end; ++r) {
      const float* token = weights_.token_embedding.row(tokens[r]);
      const float* position = weights_.positional_encoding.row(r % seq_len);
      float* out = x + r * ld;
      for (int j = 0; j < c; ++j) {
        out[j] = token[j] + position[j];
      }
    }
  });
}

// normed (B*T, C) = LayerNorm(x) with the given gamma and beta
void Model::layer_norm(const PaddedMatrix& gamma, const PaddedMatrix& beta, int rows) {
  const std::ptrdiff_t ld = workspace_.ld_model();
  parallel_ranges(row_threads(n_threads_, rows, shape_.d_model), rows,
                  [&](int begin, int end, int) noexcept {
                    LayerNormArgs args;
                    args.rows = end - begin;
                    args.d = shape_.d_model;
                    args.x = workspace_.residual() + begin * ld;
                    args.ldx = ld;
                    args.gamma = gamma.data();
                    args.beta = beta.data();
                    args.eps = shape_.layer_norm_eps;
                    args.y = workspace_.normed() + begin * ld;
                    args.ldy = ld;
                    kernels_.layer_norm(args);
                  });
}

// c (rows, N) = a (rows, K) @ weight (K, N) + bias, for either weight layout.
GemmArgs Model::weight_gemm(const float* a, std::ptrdiff_t lda, int rows,
                            const PaddedMatrix& weight, const PaddedMatrix& bias, float* c,
                            std::ptrdiff_t ldc) const {
  GemmArgs args;
  args.m = rows;
  args.n = weight.cols;
  args.k = weight.rows;
  args.a = a;
  args.lda = lda;
  args.b = weight.data();
  args.ldb = weight.ld;
  args.b_panel_stride = weight.panel_stride;
  args.c = c;
  args.ldc = ldc;
  args.bias = bias.data();
  return args;
}

// x (B*T, C) += attn(LN1(x)) @ wo + bo
void Model::attention_block(const BlockWeights& block, int batch, int seq_len) {
  const int rows = batch * seq_len;
  layer_norm(block.ln1_gamma, block.ln1_beta, rows);

  // qkv (B*T, 3C) = normed (B*T, C) @ w_qkv (C, 3C) + b_qkv
  GemmArgs qkv = weight_gemm(workspace_.normed(), workspace_.ld_model(), rows, block.w_qkv,
                             block.b_qkv, workspace_.qkv(), workspace_.ld_qkv());
  qkv.c_padded = true;
  gemm_.run(qkv, n_threads_);

  // attention (B*T, C), heads side by side
  AttentionArgs attention;
  attention.batch = batch;
  attention.seq_len = seq_len;
  attention.n_heads = shape_.n_heads;
  attention.head_dim = shape_.head_dim();
  attention.qkv = workspace_.qkv();
  attention.ld_qkv = workspace_.ld_qkv();
  attention.out = workspace_.attention();
  attention.ld_out = workspace_.ld_model();
  causal_self_attention(attention, kernels_, workspace_, n_threads_);

  // x (B*T, C) += attention (B*T, C) @ w_o (C, C) + b_o
  GemmArgs projection = weight_gemm(workspace_.attention(), workspace_.ld_model(), rows,
                                    block.w_o, block.b_o, workspace_.residual(),
                                    workspace_.ld_model());
  projection.accumulate = true;
  projection.c_padded = true;
  gemm_.run(projection, n_threads_);
}

// x (B*T, C) += GELU(LN2(x) @ w1 + b1) @ w2 + b2
void Model::feed_forward_block(const BlockWeights& block, int rows) {
  layer_norm(block.ln2_gamma, block.ln2_beta, rows);

  // hidden (B*T, F) = GELU(normed (B*T, C) @ w_1 (C, F) + b_1)
  GemmArgs up = weight_gemm(workspace_.normed(), workspace_.ld_model(), rows, block.w_1,
                            block.b_1, workspace_.hidden(), workspace_.ld_hidden());
  up.epilogue = Epilogue::kGelu;
  up.c_padded = true;
  gemm_.run(up, n_threads_);

  // x (B*T, C) += hidden (B*T, F) @ w_2 (F, C) + b_2
  GemmArgs down = weight_gemm(workspace_.hidden(), workspace_.ld_hidden(), rows, block.w_2,
                              block.b_2, workspace_.residual(), workspace_.ld_model());
  down.accumulate = true;
  down.c_padded = true;
  gemm_.run(down, n_threads_);
}

// logits (B*T, V) = LN_f(x) @ lm_head_w (C, V) + lm_head_b, written straight into the
// caller's dense buffer
void Model::output_head(int rows, float* logits) {
  layer_norm(weights_.ln_f_gamma, weights_.ln_f_beta, rows);

  const GemmArgs head = weight_gemm(workspace_.normed(), workspace_.ld_model(), rows,
                                    weights_.lm_head_w, weights_.lm_head_b, logits,
                                    shape_.vocab_size);
  gemm_.run(head, n_threads_);
}

}  // namespace tb::blis
