// Validation and copying of the host's tensors.
#include "weights.h"

#include <cstdint>
#include <string>
#include <unordered_map>

#include "error.h"

namespace tb::scalar {

namespace {

// One tensor the model expects, and where its data goes.
struct Slot {
  std::string name;
  std::vector<int64_t> shape;
  std::vector<float>* destination;
  size_t index = SIZE_MAX;  // position in the host's array once found
};

// The model's tensors in the order of docs/model.md. The destinations point into
// `weights`, whose blocks must already have their final size.
std::vector<Slot> expected_tensors(const Config& config, Weights& weights) {
  const auto V = static_cast<int64_t>(config.V);
  const auto C = static_cast<int64_t>(config.C);
  const auto F = static_cast<int64_t>(config.F);

  std::vector<Slot> slots;
  slots.push_back({"tok_embedding", {V, C}, &weights.tok_embedding});
  for (size_t l = 0; l < config.L; ++l) {
    BlockWeights& block = weights.blocks[l];
    const std::string prefix = "blocks." + std::to_string(l) + ".";
    slots.push_back({prefix + "ln1.gamma", {C}, &block.ln1_gamma});
    slots.push_back({prefix + "ln1.beta", {C}, &block.ln1_beta});
    slots.push_back({prefix + "attn.wq", {C, C}, &block.wq});
    slots.push_back({prefix + "attn.wk", {C, C}, &block.wk});
    slots.push_back({prefix + "attn.wv", {C, C}, &block.wv});
    slots.push_back({prefix + "attn.wo", {C, C}, &block.wo});
    slots.push_back({prefix + "attn.bq", {C}, &block.bq});
    slots.push_back({prefix + "attn.bk", {C}, &block.bk});
    slots.push_back({prefix + "attn.bv", {C}, &block.bv});
    slots.push_back({prefix + "attn.bo", {C}, &block.bo});
    slots.push_back({prefix + "ln2.gamma", {C}, &block.ln2_gamma});
    slots.push_back({prefix + "ln2.beta", {C}, &block.ln2_beta});
    slots.push_back({prefix + "ffn.w1", {C, F}, &block.w1});
    slots.push_back({prefix + "ffn.b1", {F}, &block.b1});
    slots.push_back({prefix + "ffn.w2", {F, C}, &block.w2});
    slots.push_back({prefix + "ffn.b2", {C}, &block.b2});
  }
  slots.push_back({"ln_f.gamma", {C}, &weights.ln_f_gamma});
  slots.push_back({"ln_f.beta", {C}, &weights.ln_f_beta});
  slots.push_back({"lm_head.w", {C, V}, &weights.lm_head_w});
  slots.push_back({"lm_head.b", {V}, &weights.lm_head_b});
  return slots;
}

std::string shape_text(const int64_t* shape, size_t rank) {
  std::string text = "[";
  for (size_t i = 0; i < rank; ++i) {
    if (i > 0) text += ", ";
    text += std::to_string(shape[i]);
  }
  return text + "]";
}

std::string tensor_label(size_t index) {
  return "args->tensors[" + std::to_string(index) + "]";
}

// Checks everything about one host tensor except its name. `slot` is the expected
// tensor that the name matched.
void check_tensor(const tb_tensor& tensor, const Slot& slot) {
  const std::string quoted = "tensor '" + slot.name + "'";

  if (tensor.dtype != TB_DTYPE_F32) {
    throw_invalid_argument(quoted + " has dtype " + std::to_string(tensor.dtype) + ", expected TB_DTYPE_F32 (" +
                           std::to_string(TB_DTYPE_F32) + ")");
  }
  if (tensor.rank < 1 || tensor.rank > TB_TENSOR_MAX_RANK) {
    throw_invalid_argument(quoted + " has rank " + std::to_string(tensor.rank) + ", outside [1, " +
                           std::to_string(TB_TENSOR_MAX_RANK) + "]");
  }

  const auto rank = static_cast<size_t>(tensor.rank);
  const std::string expected = shape_text(slot.shape.data(), slot.shape.size());
  if (rank != slot.shape.size()) {
    throw_invalid_argument(quoted + " has shape " + shape_text(tensor.shape, rank) + " (rank " + std::to_string(rank) +
                           "), expected " + expected);
  }
  for (size_t i = 0; i < rank; ++i) {
    if (tensor.shape[i] != slot.shape[i]) {
      throw_invalid_argument(quoted + " has shape " + shape_text(tensor.shape, rank) + ", expected " + expected);
    }
  }
  // The ABI fixes the entries past the rank at 0; anything else is a caller bug.
  for (size_t i = rank; i < TB_TENSOR_MAX_RANK; ++i) {
    if (tensor.shape[i] != 0) {
      throw_invalid_argument(quoted + " has rank " + std::to_string(rank) + " but shape[" + std::to_string(i) +
                             "] is " + std::to_string(tensor.shape[i]) + " instead of 0");
    }
  }

  if (tensor.data == nullptr) throw_invalid_argument(quoted + " has NULL data");
}

}  // namespace

size_t Weights::bytes() const {
  size_t floats = tok_embedding.size() + ln_f_gamma.size() + ln_f_beta.size() + lm_head_w.size() + lm_head_b.size();
  for (const BlockWeights& block : blocks) {
    for (const std::vector<float>* tensor :
         {&block.ln1_gamma, &block.ln1_beta, &block.wq, &block.wk, &block.wv, &block.wo, &block.bq, &block.bk,
          &block.bv, &block.bo, &block.ln2_gamma, &block.ln2_beta, &block.w1, &block.b1, &block.w2, &block.b2}) {
      floats += tensor->size();
    }
  }
  return floats * sizeof(float);
}

Weights load_weights(const Config& config, const tb_tensor* const* tensors, size_t n_tensors) {
  if (tensors == nullptr && n_tensors > 0) {
    throw_invalid_argument("args->tensors is NULL but args->n_tensors is " + std::to_string(n_tensors));
  }

  Weights weights;
  weights.blocks.resize(config.L);
  std::vector<Slot> slots = expected_tensors(config, weights);

  std::unordered_map<std::string, size_t> slot_by_name;
  for (size_t s = 0; s < slots.size(); ++s) slot_by_name.emplace(slots[s].name, s);

  // First pass: every host tensor must be well-formed and name a distinct expected
  // tensor. Nothing is copied until all of them pass.
  for (size_t i = 0; i < n_tensors; ++i) {
    const tb_tensor* tensor = tensors[i];
    if (tensor == nullptr) throw_invalid_argument(tensor_label(i) + " is NULL");

    constexpr size_t kV1Size = TB_STRUCT_SIZE(tb_tensor, data);
    if (tensor->struct_size < kV1Size) {
      throw_invalid_argument(tensor_label(i) + " has struct_size " + std::to_string(tensor->struct_size) +
                             " bytes, below the " + std::to_string(kV1Size) + " bytes of ABI 1.0");
    }
    if (tensor->name == nullptr) throw_invalid_argument(tensor_label(i) + " has a NULL name");

    const auto found = slot_by_name.find(tensor->name);
    if (found == slot_by_name.end()) {
      throw_invalid_argument("unexpected tensor '" + std::string(tensor->name) + "' (" + tensor_label(i) +
                             "): the model has no tensor of that name");
    }
    Slot& slot = slots[found->second];
    if (slot.index != SIZE_MAX) {
      throw_invalid_argument("tensor '" + slot.name + "' appears twice, as " + tensor_label(slot.index) + " and " +
                             tensor_label(i));
    }
    check_tensor(*tensor, slot);
    slot.index = i;
  }

  size_t n_missing = 0;
  const Slot* first_missing = nullptr;
  for (const Slot& slot : slots) {
    if (slot.index != SIZE_MAX) continue;
    ++n_missing;
    if (first_missing == nullptr) first_missing = &slot;
  }
  if (first_missing != nullptr) {
    throw_invalid_argument("missing tensor '" + first_missing->name + "' with shape " +
                           shape_text(first_missing->shape.data(), first_missing->shape.size()) + " (" +
                           std::to_string(n_missing) + " of " + std::to_string(slots.size()) + " tensors missing)");
  }

  for (const Slot& slot : slots) {
    size_t numel = 1;
    for (int64_t dim : slot.shape) numel *= static_cast<size_t>(dim);
    const auto* data = static_cast<const float*>(tensors[slot.index]->data);
    slot.destination->assign(data, data + numel);
  }
  return weights;
}

}  // namespace tb::scalar
