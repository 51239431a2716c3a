// x @ W + b as a 1x1 convolution through LibTorch's prepacked oneDNN operators
// (mkldnn_prepacked::conv2d_prepack and mkldnn_prepacked::conv2d_run), the only fp32
// oneDNN path in LibTorch 1.13 whose weights are re-laid out once instead of per call.
//
// A row-major (rows, in) matrix is the channels-last (NHWC) tensor (1, in, rows, 1), so
// the input is read in place and the output comes back as a row-major (rows, out) matrix.
#pragma once

#include <ATen/core/Tensor.h>
#include <ATen/core/ivalue.h>

#include <cstdint>

namespace tb_libtorch {

class OneDnnLinear {
 public:
  // Returns whether this LibTorch registers the prepacked operators, which it does when
  // built with oneDNN (Debian's build is).
  static bool available();

  // Packs `weight` [out, in] (contiguous), which the packed context keeps alive, and
  // `bias` [out]. `typical_rows` is the row count the packed layout is chosen for. Other
  // row counts work, and for 1x1 convolutions they keep the same layout.
  OneDnnLinear(const at::Tensor& weight, const at::Tensor& bias, int64_t typical_rows);

  // Returns x @ W + b (rows, out) in a new tensor, for x (rows, in) contiguous.
  at::Tensor apply(const at::Tensor& x) const;

 private:
  int64_t in_features_;
  int64_t out_features_;
  c10::IValue context_;  // the torch.classes.mkldnn.ConvOpContext made by conv2d_prepack
};

}  // namespace tb_libtorch
