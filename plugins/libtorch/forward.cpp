// One function per step of the decoder. Shapes use B (batch), T (sequence), M = B*T,
// C (d_model), d_ff (feed-forward width) and V (vocabulary).
#include "forward.h"

#include <ATen/ops/addcmul.h>
#include <ATen/ops/from_blob.h>
#include <ATen/ops/index_select.h>
#include <ATen/ops/native_layer_norm.h>

#include <cmath>
#include <cstring>
#include <tuple>

namespace tb_libtorch {
namespace {

// x = tok_embedding[token] + PE[pos]  // (M, C)
void embed(const ModelWeights& weights, const ForwardShape& forward, const int32_t* tokens,
           const ActivationViews& views) {
  const int64_t T = forward.seq_len;
  const at::Tensor token_ids = at::from_blob(const_cast<int32_t*>(tokens), {forward.batch_size * T}, at::kInt);
  at::Tensor x = views.x;

  at::index_select_out(x, weights.tok_embedding, 0, token_ids);

  views.x_by_sequence.add_(weights.positional_encoding.narrow(0, 0, T));  // (B, T, C) += (T, C)
}

// Returns the bytes that `result` adds to the per-call temporaries: none when it is the
// workspace buffer the operator was given.
uint64_t new_bytes(const at::Tensor& result, const at::Tensor& buffer) {
  return result.is_same(buffer) ? 0 : static_cast<uint64_t>(result.nbytes());
}

// LayerNorm over the last dimension with biased variance  // (M, C) -> (M, C)
// The caller counts the result in `transient` for as long as it keeps it.
at::Tensor layer_norm(const at::Tensor& x, const at::Tensor& gamma, const at::Tensor& beta,
                      double eps, TransientMemory& transient) {
  // native_layer_norm also returns the mean and 1/std of each row, freed on return.
  const uint64_t rows = static_cast<uint64_t>(x.size(0));
  const TransientMemory::Hold statistics(transient, (rows * static_cast<uint64_t>(x.size(1)) + 2 * rows) * sizeof(float));
  return std::get<0>(at::native_layer_norm(x, {x.size(1)}, gamma, beta, eps));
}

// x += attn(LN1(x))  // (M, C)
void attention_block(const ModelShape& shape, const LayerWeights& layer,
                     const ActivationViews& views, const SelfAttention& attention,
                     TransientMemory& transient) {
  const at::Tensor h = layer_norm(views.x, layer.ln1_gamma, layer.ln1_beta, shape.layer_norm_eps, transient);
  const TransientMemory::Hold h_hold(transient, static_cast<uint64_t>(h.nbytes()));

  const at::Tensor qkv = layer.qkv.apply(h, views.qkv, transient);  // (M, 3C)
  const TransientMemory::Hold qkv_hold(transient, new_bytes(qkv, views.qkv));

  attention.apply(qkv, views.attn);  // (M, C)

  layer.attn_out.accumulate(views.attn, views.x, transient);
}

// GELU, tanh form, in place: 0.5x(1 + tanh(z)) with z = sqrt(2/pi)(x + 0.044715x^3),
// computed as x * sigmoid(2z), which is the same function. LibTorch 1.13's AVX2 kernels
// take about 4 ns per element for tanh and 0.7 ns for sigmoid (measured on 1M floats on
// the development machine), so four cheap operators beat at::gelu(x, "tanh").
// `offset` is a 0-dim tensor holding 2c = 2*sqrt(2/pi).
//   x: (M, d_ff)  scratch: (M, d_ff)
void gelu_tanh_(const at::Tensor& x, at::Tensor scratch, const at::Tensor& offset) {
  const double two_c = 2.0 * std::sqrt(2.0 / M_PI);

  at::addcmul_out(scratch, offset, x, x, two_c * 0.044715);  // 2c + 2c*0.044715*x^2

  scratch.mul_(x);  // 2z

  scratch.sigmoid_();

  x.mul_(scratch);
}

// x += W2 GELU(W1 LN2(x) + b1) + b2  // (M, C)
void feed_forward_block(const ModelShape& shape, const LayerWeights& layer,
                        const ActivationViews& views, TransientMemory& transient) {
  const at::Tensor h = layer_norm(views.x, layer.ln2_gamma, layer.ln2_beta, shape.layer_norm_eps, transient);
  const TransientMemory::Hold h_hold(transient, static_cast<uint64_t>(h.nbytes()));

  const at::Tensor hidden = layer.ffn_in.apply(h, views.hidden, transient);  // (M, d_ff)
  const TransientMemory::Hold hidden_hold(transient, new_bytes(hidden, views.hidden));

  gelu_tanh_(hidden, views.gelu_scratch, views.gelu_offset);

  layer.ffn_out.accumulate(hidden, views.x, transient);
}

}  // namespace

void forward(const ModelShape& shape, const ModelWeights& weights, Workspace& workspace,
             const ForwardShape& forward, const int32_t* tokens, float* logits,
             size_t logits_capacity) {
  // The output head (below) writes the logits through a padded buffer when the host's
  // buffer lacks kBlasReadMarginFloats to spare and the head takes the BLAS route. A
  // host that passes such buffers gets the padded buffer sized when a shape grows.
  const int64_t M = forward.batch_size * forward.seq_len;
  const size_t n_logits = static_cast<size_t>(M) * static_cast<size_t>(shape.vocab_size);
  const bool host_has_margin = logits_capacity >= n_logits + static_cast<size_t>(kBlasReadMarginFloats);
  const bool padded_head = !host_has_margin && !weights.lm_head.uses_onednn(M);
  const ActivationViews& views =
      workspace.prepare(shape, forward, weights.lm_head.max_blas_rows(), !host_has_margin);
  TransientMemory& transient = workspace.transient();

  embed(weights, forward, tokens, views);

  for (const LayerWeights& layer : weights.layers) {
    attention_block(shape, layer, views, workspace.attention(), transient);
    feed_forward_block(shape, layer, views, transient);
  }

  const at::Tensor h = layer_norm(views.x, weights.lnf_gamma, weights.lnf_beta, shape.layer_norm_eps, transient);
  const TransientMemory::Hold h_hold(transient, static_cast<uint64_t>(h.nbytes()));

  // logits = LN_f(x) @ lm_head.w + lm_head.b. The oneDNN route copies its result into
  // the host's buffer. The BLAS route writes there directly when the buffer has
  // kBlasReadMarginFloats to spare after B*T*V, and otherwise into a padded workspace
  // buffer that is then copied, because the BLAS may read past the end of its output.
  if (!padded_head) {
    at::Tensor logits_view = at::from_blob(logits, {M, shape.vocab_size}, at::kFloat);
    weights.lm_head.apply_into(h, logits_view, transient);
    return;
  }
  at::Tensor padded = workspace.padded_logits(M, shape.vocab_size);
  weights.lm_head.apply_into(h, padded, transient);
  std::memcpy(logits, padded.data_ptr<float>(), n_logits * sizeof(float));
}

}  // namespace tb_libtorch
