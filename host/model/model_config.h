// The model's hyper-parameters and the facts the host derives from them: tensor names
// and shapes, parameter count and forward FLOPs. This is the host's single source of
// truth for the architecture described in docs/model.md; backends get the same facts
// through the C ABI. It does not compute anything on tensors.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <transformer_bench/backend.h>

namespace tb {

struct ModelConfig {
  std::string name;  // e.g. "16d_1l_2h"; used in reports
  int vocab_size = 0;
  int d_model = 0;
  int n_layers = 0;
  int n_heads = 0;
  int d_ff = 0;  // 0 means the default, 2 * d_model
  int max_seq_len = 0;
  float layer_norm_eps = 1e-5f;

  int head_dim() const { return d_model / n_heads; }
  tb_model_config to_abi() const;
};

// Fills defaults (d_ff = 2 * d_model) and throws std::invalid_argument with a message
// that names the field when a value is impossible.
void validate(ModelConfig& config);

// Conventional name "<d>d_<L>l_<H>h", as in the default matrix.
std::string default_model_name(const ModelConfig& config);

struct TensorSpec {
  std::string name;
  std::vector<int64_t> shape;
  enum class Init { kNormal, kZeros, kOnes } init;
};

// Every tensor of the model in canonical order (embedding, blocks, final LayerNorm,
// head), the order used by weight files and the parameter count.
std::vector<TensorSpec> tensor_specs(const ModelConfig& config);

int64_t parameter_count(const ModelConfig& config);

// Forward FLOPs for a [B, T] batch, 2 per multiply-add: every matmul, plus causal
// attention (QK^T and AV over the T(T+1)/2 unmasked positions). Element-wise work
// (LayerNorm, GELU, softmax, residuals) is not counted.
double forward_flops(const ModelConfig& config, int batch_size, int seq_len);

}  // namespace tb
