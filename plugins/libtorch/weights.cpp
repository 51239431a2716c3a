// Copying the host's weights into backend-owned LibTorch tensors.
#include "weights.h"

#include <ATen/ops/cat.h>
#include <ATen/ops/empty.h>
#include <ATen/ops/from_blob.h>

#include <cmath>
#include <string>

namespace tb_libtorch {
namespace {

// Wraps a borrowed host buffer without copying. The result must not outlive the
// model_create call, so every caller copies it.
at::Tensor borrow(const NamedTensors& tensors, const std::string& name, at::IntArrayRef shape) {
  return at::from_blob(const_cast<float*>(tensors.data(name)), shape, at::kFloat);
}

at::Tensor copy_vector(const NamedTensors& tensors, const std::string& name, int64_t size) {
  return borrow(tensors, name, {size}).clone();
}

Linear copy_linear(const NamedTensors& tensors, const std::string& weight_name,
                   const std::string& bias_name, int64_t in_features, int64_t out_features,
                   int64_t typical_rows) {
  return Linear(borrow(tensors, weight_name, {in_features, out_features}).clone(),
                copy_vector(tensors, bias_name, out_features), typical_rows);
}

// One matmul for q, k and v instead of three: their weights side by side, (C, 3C).
Linear fuse_qkv(const NamedTensors& tensors, const std::string& prefix, int64_t d_model,
                int64_t typical_rows) {
  const at::Tensor weight = at::cat({borrow(tensors, prefix + "wq", {d_model, d_model}),
                                     borrow(tensors, prefix + "wk", {d_model, d_model}),
                                     borrow(tensors, prefix + "wv", {d_model, d_model})},
                                    1);
  const at::Tensor bias = at::cat({borrow(tensors, prefix + "bq", {d_model}),
                                   borrow(tensors, prefix + "bk", {d_model}),
                                   borrow(tensors, prefix + "bv", {d_model})});
  return Linear(weight, bias, typical_rows);
}

// PE[pos, 2i] = sin(pos / 10000^(2i/C)) and PE[pos, 2i+1] = cos(pos / 10000^(2i/C)),
// evaluated in double precision and rounded once to float.
at::Tensor positional_encoding(int64_t max_seq_len, int64_t d_model) {
  at::Tensor table = at::empty({max_seq_len, d_model}, at::kFloat);
  float* out = table.data_ptr<float>();
  for (int64_t pos = 0; pos < max_seq_len; ++pos) {
    for (int64_t column = 0; column < d_model; ++column) {
      const int64_t even_column = column - column % 2;
      const double angle = static_cast<double>(pos) /
                           std::pow(10000.0, static_cast<double>(even_column) / static_cast<double>(d_model));
      out[pos * d_model + column] = static_cast<float>(column % 2 == 0 ? std::sin(angle) : std::cos(angle));
    }
  }
  return table;
}

LayerWeights load_layer(const ModelShape& shape, const NamedTensors& tensors, int64_t layer) {
  const int64_t d = shape.d_model;
  const int64_t rows = shape.max_seq_len;
  const std::string prefix = "blocks." + std::to_string(layer) + ".";
  return LayerWeights{
      copy_vector(tensors, prefix + "ln1.gamma", d),
      copy_vector(tensors, prefix + "ln1.beta", d),
      fuse_qkv(tensors, prefix + "attn.", d, rows),
      copy_linear(tensors, prefix + "attn.wo", prefix + "attn.bo", d, d, rows),
      copy_vector(tensors, prefix + "ln2.gamma", d),
      copy_vector(tensors, prefix + "ln2.beta", d),
      copy_linear(tensors, prefix + "ffn.w1", prefix + "ffn.b1", d, shape.d_ff, rows),
      copy_linear(tensors, prefix + "ffn.w2", prefix + "ffn.b2", shape.d_ff, d, rows),
  };
}

uint64_t bytes_of(const at::Tensor& tensor) {
  return static_cast<uint64_t>(tensor.nbytes());
}

}  // namespace

ModelWeights load_weights(const ModelShape& shape, const NamedTensors& tensors) {
  const int64_t d = shape.d_model;
  std::vector<LayerWeights> layers;
  layers.reserve(static_cast<size_t>(shape.n_layers));
  for (int64_t l = 0; l < shape.n_layers; ++l) {
    layers.push_back(load_layer(shape, tensors, l));
  }

  return ModelWeights{
      borrow(tensors, "tok_embedding", {shape.vocab_size, d}).clone(),
      positional_encoding(shape.max_seq_len, d),
      std::move(layers),
      copy_vector(tensors, "ln_f.gamma", d),
      copy_vector(tensors, "ln_f.beta", d),
      copy_linear(tensors, "lm_head.w", "lm_head.b", d, shape.vocab_size, shape.max_seq_len),
  };
}

uint64_t ModelWeights::bytes() const {
  uint64_t total = bytes_of(tok_embedding) + bytes_of(positional_encoding) +
                   bytes_of(lnf_gamma) + bytes_of(lnf_beta) + lm_head.weight_bytes();
  for (const LayerWeights& layer : layers) {
    total += bytes_of(layer.ln1_gamma) + bytes_of(layer.ln1_beta) + bytes_of(layer.ln2_gamma) +
             bytes_of(layer.ln2_beta);
    total += layer.qkv.weight_bytes() + layer.attn_out.weight_bytes() +
             layer.ffn_in.weight_bytes() + layer.ffn_out.weight_bytes();
  }
  return total;
}

}  // namespace tb_libtorch
