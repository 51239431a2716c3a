// A dense layer y = x @ W + b with the two LibTorch routes it can take: at::addmm on
// the system BLAS for small products, and oneDNN with weights packed once (see
// onednn_linear.h) for large ones. This file is not the model: it has no notion of
// layers or tensor names.
#pragma once

#include "onednn_linear.h"
#include "transient_memory.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <optional>

namespace tb_libtorch {

// Floats of readable memory that the BLAS route needs after the end of its output.
// BLIS 0.9.0 (Debian's default libblas.so.3) reads past the end of C in its
// small-matrix kernels, even with beta == 0: a (3, 8002) output that ended at a guard
// page crashed at::addmm_out. It read there but did not write.
// NOTE: 64 floats is an estimate. It covers a whole AVX-512 register 4 times over, and
// the tests pass with it, but no BLIS documentation bounds the overrun.
inline constexpr int64_t kBlasReadMarginFloats = 64;

class Linear {
 public:
  // Takes ownership of `weight` [in_features, out_features] and `bias` [out_features],
  // which must not alias the host's buffers, and lays them out once for both routes.
  // oneDNN packs its copy for inputs of `typical_rows` rows.
  Linear(const at::Tensor& weight, const at::Tensor& bias, int64_t typical_rows);

  int64_t in_features() const { return in_features_; }
  int64_t out_features() const { return out_features_; }

  // Computes x @ W + b for x (rows, in_features). Returns `buffer` (rows, out_features)
  // filled with the result on the BLAS route, and a new tensor on the oneDNN route,
  // which writes into memory of its own. The caller then counts it in `transient`.
  at::Tensor apply(const at::Tensor& x, const at::Tensor& buffer, TransientMemory& transient) const;

  // Writes x @ W + b into `out` (rows, out_features), which may be a view with any row
  // stride, such as the host's logits buffer. Costs one extra copy on the oneDNN route.
  void apply_into(const at::Tensor& x, at::Tensor& out, TransientMemory& transient) const;

  // Adds x @ W + b to `residual` (rows, out_features) in place.
  void accumulate(const at::Tensor& x, const at::Tensor& residual, TransientMemory& transient) const;

  // Returns the bytes of every copy of the weights and of the bias, counting oneDNN's
  // packed copy at the size of the dense weight.
  // NOTE: oneDNN's blocked layout pads the output dimension to its block size (48 in
  // the layout LibTorch 1.13 chose on an AVX-512 machine), which this count leaves out.
  uint64_t weight_bytes() const;

  // True when a product of `rows` rows takes the oneDNN route, which writes its result
  // into memory of its own. Otherwise the system BLAS writes into the output tensor.
  bool uses_onednn(int64_t rows) const;

  // Returns the most rows a product can have and still take the BLAS route.
  int64_t max_blas_rows() const;

 private:
  at::Tensor apply_onednn(const at::Tensor& x, TransientMemory& transient) const;

  int64_t in_features_;
  int64_t out_features_;
  // [out, in], the layout of PyTorch's nn.Linear, from which oneDNN packs its copy and
  // which its packed context keeps alive.
  at::Tensor weight_out_in_;
  // [in, out] for the BLAS: its own copy for small layers, where the layout matters most,
  // and a transposed view of weight_out_in_ for the others.
  at::Tensor blas_weight_;
  at::Tensor bias_;
  std::optional<OneDnnLinear> onednn_;  // unset when LibTorch was built without oneDNN
};

}  // namespace tb_libtorch
