// The forward pass of the pre-LayerNorm GPT decoder (docs/model.md) on the layers of
// layers.cpp, and the checks of its arguments.
#include "model.h"

#include <string>
#include <utility>

#include "error.h"
#include "layers.h"

namespace tb::scalar {

namespace {

// a * b, or an OUT_OF_RANGE error naming `what` when the product does not fit size_t.
size_t checked_multiply(size_t a, size_t b, const char* what) {
  size_t product = 0;
  if (__builtin_mul_overflow(a, b, &product)) {
    throw_out_of_range(std::string(what) + " (" + std::to_string(a) + " * " + std::to_string(b) + ") overflows size_t");
  }
  return product;
}

}  // namespace

size_t Activations::bytes() const {
  const size_t floats = position_encoding.size() + x.size() + x_norm.size() + q.size() + k.size() + v.size() +
                        attn.size() + delta.size() + hidden.size() + scores.size();
  return floats * sizeof(float);
}

Model::Model(const Config& config, Weights weights) : config_(config), weights_(std::move(weights)) {}

void Model::set_threads(int32_t n_threads) {
  if (n_threads < 1) throw_invalid_argument("n_threads must be at least 1, got " + std::to_string(n_threads));
}

tb_memory_info Model::memory() const {
  tb_memory_info info{};
  info.struct_size = sizeof(info);
  info.weight_bytes = weights_.bytes();
  info.workspace_bytes = activations_.bytes();
  return info;
}

void Model::forward(const tb_forward_args* args) {
  if (args == nullptr) throw_invalid_argument("args is NULL");

  constexpr size_t kV1Size = TB_STRUCT_SIZE(tb_forward_args, logits_capacity);
  if (args->struct_size < kV1Size) {
    throw_invalid_argument("args->struct_size is " + std::to_string(args->struct_size) + " bytes, below the " +
                           std::to_string(kV1Size) + " bytes of ABI 1.0");
  }
  if (args->tokens == nullptr) throw_invalid_argument("args->tokens is NULL");
  if (args->logits == nullptr) throw_invalid_argument("args->logits is NULL");
  if (args->batch_size < 1) {
    throw_invalid_argument("batch_size must be at least 1, got " + std::to_string(args->batch_size));
  }
  if (args->seq_len < 1) throw_invalid_argument("seq_len must be at least 1, got " + std::to_string(args->seq_len));

  const auto B = static_cast<size_t>(args->batch_size);
  const auto T = static_cast<size_t>(args->seq_len);
  if (T > config_.max_T) {
    throw_out_of_range("seq_len " + std::to_string(T) + " is above the model's max_seq_len " +
                       std::to_string(config_.max_T));
  }

  const size_t n_logits = checked_multiply(checked_multiply(B, T, "B*T"), config_.V, "B*T*V");
  if (args->logits_capacity < n_logits) {
    throw_invalid_argument("logits_capacity is " + std::to_string(args->logits_capacity) +
                           " floats, below B*T*V = " + std::to_string(n_logits));
  }

  for (size_t b = 0; b < B; ++b) {
    for (size_t t = 0; t < T; ++t) {
      const int32_t token = args->tokens[b * T + t];
      if (token < 0 || static_cast<size_t>(token) >= config_.V) {
        throw_invalid_argument("token id " + std::to_string(token) + " at batch " + std::to_string(b) + ", position " +
                               std::to_string(t) + " is outside [0, " + std::to_string(config_.V) + ")");
      }
    }
  }

  run_forward(args->tokens, B, T, args->logits);
}

void Model::reserve_activations(size_t B, size_t T) {
  Activations& a = activations_;
  const size_t tokens = B * T;  // cannot overflow: forward() checked B*T*V
  if (tokens <= a.tokens && T <= a.seq_len) return;

  const size_t new_tokens = tokens > a.tokens ? tokens : a.tokens;
  const size_t new_seq_len = T > a.seq_len ? T : a.seq_len;
  const size_t position_floats = checked_multiply(new_seq_len, config_.C, "positional encoding size T*d_model");
  const size_t residual_floats = checked_multiply(new_tokens, config_.C, "activation size B*T*d_model");
  const size_t hidden_floats = checked_multiply(new_tokens, config_.F, "activation size B*T*d_ff");

  // The sizes grow only after every buffer has been resized, so a failed allocation
  // (reported as out of memory) leaves buffers at least as large as recorded.
  for (std::vector<float>* buffer : {&a.x, &a.x_norm, &a.q, &a.k, &a.v, &a.attn, &a.delta}) {
    buffer->resize(residual_floats);
  }
  a.hidden.resize(hidden_floats);
  a.scores.resize(new_seq_len);
  if (new_seq_len > a.seq_len) {
    a.position_encoding.resize(position_floats);
    positional_encoding(a.position_encoding.data(), new_seq_len, config_.C);  // (T,C)
  }
  a.tokens = new_tokens;
  a.seq_len = new_seq_len;
}

void Model::run_forward(const int32_t* tokens, size_t B, size_t T, float* logits) {
  reserve_activations(B, T);

  const size_t N = B * T;
  const size_t C = config_.C;
  const size_t F = config_.F;
  const size_t NH = config_.NH;
  const float eps = config_.eps;
  Activations& a = activations_;

  const float* tok_embedding = weights_.tok_embedding.data();
  embedding_forward(a.x.data(), tokens, tok_embedding, a.position_encoding.data(), B, T, C);  // (B,T,C)

  for (const BlockWeights& w : weights_.blocks) {
    // Attention sublayer: x += attn(LN1(x)).
    layernorm_forward(a.x_norm.data(), a.x.data(), w.ln1_gamma.data(), w.ln1_beta.data(), N, C, eps);    // (B,T,C)
    matmul_forward(a.q.data(), a.x_norm.data(), w.wq.data(), w.bq.data(), N, C, C);                      // (B,T,C)
    matmul_forward(a.k.data(), a.x_norm.data(), w.wk.data(), w.bk.data(), N, C, C);                      // (B,T,C)
    matmul_forward(a.v.data(), a.x_norm.data(), w.wv.data(), w.bv.data(), N, C, C);                      // (B,T,C)
    attention_forward(a.attn.data(), a.scores.data(), a.q.data(), a.k.data(), a.v.data(), B, T, C, NH);  // (B,T,C)
    matmul_forward(a.delta.data(), a.attn.data(), w.wo.data(), w.bo.data(), N, C, C);                    // (B,T,C)
    residual_forward(a.x.data(), a.delta.data(), N * C);                                                 // (B,T,C)

    // Feed-forward sublayer: x += GELU(LN2(x) @ w1 + b1) @ w2 + b2.
    layernorm_forward(a.x_norm.data(), a.x.data(), w.ln2_gamma.data(), w.ln2_beta.data(), N, C, eps);  // (B,T,C)
    matmul_forward(a.hidden.data(), a.x_norm.data(), w.w1.data(), w.b1.data(), N, C, F);               // (B,T,F)
    gelu_forward(a.hidden.data(), a.hidden.data(), N * F);                                             // (B,T,F)
    matmul_forward(a.delta.data(), a.hidden.data(), w.w2.data(), w.b2.data(), N, F, C);                // (B,T,C)
    residual_forward(a.x.data(), a.delta.data(), N * C);                                               // (B,T,C)
  }

  lm_head_forward(logits, a.x_norm.data(), a.x.data(), weights_.ln_f_gamma.data(), weights_.ln_f_beta.data(),
                  weights_.lm_head_w.data(), weights_.lm_head_b.data(), N, C, config_.V, eps);  // (B,T,V)
}

}  // namespace tb::scalar
