// Deterministic weight generation and ABI tensor views.
#include "model/weights.h"

#include <stdexcept>

#include "model/normal_rng.h"

namespace tb {

int64_t Tensor::numel() const {
  int64_t n = 1;
  for (int64_t dim : shape) n *= dim;
  return n;
}

const Tensor* Weights::find(const std::string& name) const {
  for (const Tensor& tensor : tensors) {
    if (tensor.name == name) return &tensor;
  }
  return nullptr;
}

Tensor* Weights::find(const std::string& name) {
  for (Tensor& tensor : tensors) {
    if (tensor.name == name) return &tensor;
  }
  return nullptr;
}

uint64_t Weights::bytes() const {
  uint64_t total = 0;
  for (const Tensor& tensor : tensors) total += tensor.data.size() * sizeof(float);
  return total;
}

Weights init_weights(const ModelConfig& config, uint64_t seed) {
  Weights weights;
  for (const TensorSpec& spec : tensor_specs(config)) {
    Tensor tensor{spec.name, spec.shape, {}};
    tensor.data.resize(static_cast<size_t>(tensor.numel()));

    switch (spec.init) {
      case TensorSpec::Init::kZeros:
        break;  // resize() already zeroed the data
      case TensorSpec::Init::kOnes:
        for (float& value : tensor.data) value = 1.0f;
        break;
      case TensorSpec::Init::kNormal: {
        Rng rng = Rng::for_stream(seed, spec.name);
        for (float& value : tensor.data) value = static_cast<float>(kInitStddev * rng.normal());
        break;
      }
    }
    weights.tensors.push_back(std::move(tensor));
  }
  return weights;
}

std::vector<int32_t> make_tokens(int batch_size, int seq_len, int vocab_size, uint64_t seed) {
  if (vocab_size <= 0) throw std::invalid_argument("make_tokens: vocab_size must be positive");
  Rng rng = Rng::for_stream(seed, "tokens");
  std::vector<int32_t> tokens(static_cast<size_t>(batch_size) * static_cast<size_t>(seq_len));
  for (int32_t& token : tokens) token = static_cast<int32_t>(rng.below(static_cast<uint32_t>(vocab_size)));
  return tokens;
}

TensorViews::TensorViews(const Weights& weights) {
  views_.reserve(weights.tensors.size());
  for (const Tensor& tensor : weights.tensors) {
    if (tensor.shape.size() > TB_TENSOR_MAX_RANK) {
      throw std::invalid_argument("tensor '" + tensor.name + "' has rank above " +
                                  std::to_string(TB_TENSOR_MAX_RANK));
    }
    tb_tensor view{};
    view.struct_size = sizeof(view);
    view.name = tensor.name.c_str();
    view.dtype = TB_DTYPE_F32;
    view.rank = static_cast<int32_t>(tensor.shape.size());
    for (size_t i = 0; i < tensor.shape.size(); ++i) view.shape[i] = tensor.shape[i];
    view.data = tensor.data.data();
    views_.push_back(view);
  }
  for (const tb_tensor& view : views_) pointers_.push_back(&view);
}

}  // namespace tb
