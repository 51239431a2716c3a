#include "workspace.h"

namespace tb::blis {

Workspace::Workspace(const ModelShape& shape)
    : head_dim_(shape.head_dim()),
      ld_model_(padded_leading_dimension(shape.d_model)),
      ld_qkv_(padded_leading_dimension(3 * shape.d_model)),
      ld_hidden_(padded_leading_dimension(shape.d_ff)) {}

void Workspace::reserve(int rows, int seq_len, int n_threads, int score_rows) {
  residual_.reserve_zeroed(padded_storage_floats(rows, ld_model_));
  normed_.reserve_zeroed(padded_storage_floats(rows, ld_model_));
  qkv_.reserve_zeroed(padded_storage_floats(rows, ld_qkv_));
  attention_.reserve_zeroed(padded_storage_floats(rows, ld_model_));
  hidden_.reserve_zeroed(padded_storage_floats(rows, ld_hidden_));
  scratch_.reserve_zeroed(static_cast<std::size_t>(n_threads) *
                          scratch_floats_per_thread(seq_len, score_rows));
}

std::ptrdiff_t Workspace::attention_ld(int seq_len) { return padded_leading_dimension(seq_len); }

std::size_t Workspace::scratch_floats_per_thread(int seq_len, int score_rows) const {
  return padded_storage_floats(head_dim_ + score_rows, attention_ld(seq_len));
}

float* Workspace::attention_scratch(int thread, int seq_len, int score_rows) {
  return scratch_.data() +
         static_cast<std::size_t>(thread) * scratch_floats_per_thread(seq_len, score_rows);
}

std::uint64_t Workspace::bytes() const {
  return residual_.bytes() + normed_.bytes() + qkv_.bytes() + attention_.bytes() +
         hidden_.bytes() + scratch_.bytes();
}

}  // namespace tb::blis
