#include "weights.h"

#include <cstring>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>

#include "error.h"
#include "panel_packing.h"
#include "positional_encoding.h"

namespace tb::blis {
namespace {

[[noreturn]] void throw_invalid(const std::string& message) {
  throw BackendError(TB_STATUS_INVALID_ARGUMENT, message);
}

std::string format_shape(const std::int64_t* dims, int rank) {
  std::string text = "[";
  for (int i = 0; i < rank; ++i) {
    text += (i > 0 ? ", " : "") + std::to_string(dims[i]);
  }
  return text + "]";
}

// The caller's tensors by name. Each model tensor is taken exactly once, so whatever is
// left untaken at the end is an extra tensor.
class TensorIndex {
 public:
  TensorIndex(const tb_tensor* const* tensors, std::size_t n_tensors) {
    if (n_tensors > 0 && tensors == nullptr) {
      throw_invalid("tensors is NULL but n_tensors is " + std::to_string(n_tensors));
    }
    for (std::size_t i = 0; i < n_tensors; ++i) {
      const tb_tensor* tensor = tensors[i];
      if (tensor == nullptr) {
        throw_invalid("tensor " + std::to_string(i) + " is NULL");
      }
      if (!TB_STRUCT_HAS_FIELD(tensor, tb_tensor, data)) {
        throw_invalid("tensor " + std::to_string(i) + " has struct_size " +
                      std::to_string(tensor->struct_size) + ", smaller than tb_tensor v1.0");
      }
      if (tensor->name == nullptr) {
        throw_invalid("tensor " + std::to_string(i) + " has a NULL name");
      }
      if (!entries_.emplace(tensor->name, Entry{tensor, false}).second) {
        throw_invalid("tensor '" + std::string(tensor->name) + "' is given twice");
      }
    }
  }

  // Returns the data of tensor `name` after checking its dtype and shape.
  const float* take(const std::string& name, std::initializer_list<std::int64_t> shape) {
    const auto found = entries_.find(name);
    if (found == entries_.end()) {
      throw_invalid("missing tensor '" + name + "'");
    }
    Entry& entry = found->second;
    entry.taken = true;
    const tb_tensor& tensor = *entry.tensor;

    if (tensor.dtype != TB_DTYPE_F32) {
      throw_invalid("tensor '" + name + "' has dtype " + std::to_string(tensor.dtype) +
                    ", expected TB_DTYPE_F32 (" + std::to_string(TB_DTYPE_F32) + ")");
    }
    const int rank = static_cast<int>(shape.size());
    bool same_shape = tensor.rank == rank;
    for (int i = 0; same_shape && i < rank; ++i) {
      same_shape = tensor.shape[i] == shape.begin()[i];
    }
    if (!same_shape) {
      const int shown_rank =
          tensor.rank >= 1 && tensor.rank <= TB_TENSOR_MAX_RANK ? tensor.rank : 0;
      throw_invalid("tensor '" + name + "' has shape " + format_shape(tensor.shape, shown_rank) +
                    " (rank " + std::to_string(tensor.rank) + "), expected " +
                    format_shape(shape.begin(), rank));
    }
    if (tensor.data == nullptr) {
      throw_invalid("tensor '" + name + "' has NULL data");
    }
    return static_cast<const float*>(tensor.data);
  }

  void check_all_taken() const {
    for (const auto& [name, entry] : entries_) {
      if (!entry.taken) {
        throw_invalid("unexpected tensor '" + std::string(name) +
                      "': it is not a parameter of this model");
      }
    }
  }

 private:
  struct Entry {
    const tb_tensor* tensor;
    bool taken;
  };

  std::unordered_map<std::string_view, Entry> entries_;
};

// Copies a dense (rows, cols) source into dst starting at column col0.
void copy_into(const float* source, int rows, int cols, PaddedMatrix& dst, int col0) {
  for (int i = 0; i < rows; ++i) {
    std::memcpy(dst.row(i) + col0, source + static_cast<std::ptrdiff_t>(i) * cols,
                static_cast<std::size_t>(cols) * sizeof(float));
  }
}

PaddedMatrix load_matrix(TensorIndex& index, const std::string& name, int rows, int cols) {
  const float* source = index.take(name, {rows, cols});
  PaddedMatrix matrix = make_padded_matrix(rows, cols);
  copy_into(source, rows, cols, matrix, 0);
  return matrix;
}

PaddedMatrix load_vector(TensorIndex& index, const std::string& name, int n) {
  const float* source = index.take(name, {n});
  PaddedMatrix vector = make_padded_matrix(1, n);
  copy_into(source, 1, n, vector, 0);
  return vector;
}

BlockWeights load_block(TensorIndex& index, const ModelShape& shape, int layer) {
  const int c = shape.d_model;
  const int f = shape.d_ff;
  const std::string prefix = "blocks." + std::to_string(layer) + ".";
  BlockWeights block;

  block.ln1_gamma = load_vector(index, prefix + "ln1.gamma", c);
  block.ln1_beta = load_vector(index, prefix + "ln1.beta", c);

  // q, k and v side by side: (C, 3C) and (1, 3C).
  block.w_qkv = make_padded_matrix(c, 3 * c);
  block.b_qkv = make_padded_matrix(1, 3 * c);
  const char* const projections[] = {"q", "k", "v"};
  for (int p = 0; p < 3; ++p) {
    const std::string w_name = prefix + "attn.w" + projections[p];
    const std::string b_name = prefix + "attn.b" + projections[p];
    copy_into(index.take(w_name, {c, c}), c, c, block.w_qkv, p * c);
    copy_into(index.take(b_name, {c}), 1, c, block.b_qkv, p * c);
  }

  block.w_o = load_matrix(index, prefix + "attn.wo", c, c);
  block.b_o = load_vector(index, prefix + "attn.bo", c);
  block.ln2_gamma = load_vector(index, prefix + "ln2.gamma", c);
  block.ln2_beta = load_vector(index, prefix + "ln2.beta", c);
  block.w_1 = load_matrix(index, prefix + "ffn.w1", c, f);
  block.b_1 = load_vector(index, prefix + "ffn.b1", f);
  block.w_2 = load_matrix(index, prefix + "ffn.w2", f, c);
  block.b_2 = load_vector(index, prefix + "ffn.b2", c);
  return block;
}

}  // namespace

ModelWeights load_weights(const ModelShape& shape, const tb_tensor* const* tensors,
                          std::size_t n_tensors, int panel_columns) {
  TensorIndex index(tensors, n_tensors);
  ModelWeights weights;

  weights.token_embedding = load_matrix(index, "tok_embedding", shape.vocab_size, shape.d_model);
  weights.blocks.reserve(static_cast<std::size_t>(shape.n_layers));
  for (int layer = 0; layer < shape.n_layers; ++layer) {
    weights.blocks.push_back(load_block(index, shape, layer));
  }
  weights.ln_f_gamma = load_vector(index, "ln_f.gamma", shape.d_model);
  weights.ln_f_beta = load_vector(index, "ln_f.beta", shape.d_model);
  weights.lm_head_w = load_matrix(index, "lm_head.w", shape.d_model, shape.vocab_size);
  weights.lm_head_b = load_vector(index, "lm_head.b", shape.vocab_size);
  index.check_all_taken();

  weights.positional_encoding = make_positional_encoding(shape.max_seq_len, shape.d_model);

  if (panel_columns > 0) {
    for (BlockWeights& block : weights.blocks) {
      for (PaddedMatrix* matrix : {&block.w_qkv, &block.w_o, &block.w_1, &block.w_2}) {
        pack_column_panels(*matrix, panel_columns);
      }
    }
    pack_column_panels(weights.lm_head_w, panel_columns);
  }
  return weights;
}

std::uint64_t ModelWeights::bytes() const {
  std::uint64_t total = token_embedding.storage.bytes() + positional_encoding.storage.bytes() +
                        ln_f_gamma.storage.bytes() + ln_f_beta.storage.bytes() +
                        lm_head_w.storage.bytes() + lm_head_b.storage.bytes();
  for (const BlockWeights& block : blocks) {
    for (const PaddedMatrix* matrix :
         {&block.ln1_gamma, &block.ln1_beta, &block.w_qkv, &block.b_qkv, &block.w_o, &block.b_o,
          &block.ln2_gamma, &block.ln2_beta, &block.w_1, &block.b_1, &block.w_2, &block.b_2}) {
      total += matrix->storage.bytes();
    }
  }
  return total;
}

}  // namespace tb::blis
