// Calls of LibTorch's prepacked oneDNN convolution operators through the dispatcher.
// They are registered as custom operators without C++ declarations, so they are called
// boxed, with their arguments on a stack of IValues.
#include "onednn_linear.h"

#include <ATen/core/dispatch/Dispatcher.h>
#include <ATen/core/stack.h>

#include <string>
#include <vector>

namespace tb_libtorch {
namespace {

struct PrepackedConvolutionOps {
  c10::optional<c10::OperatorHandle> prepack;
  c10::optional<c10::OperatorHandle> run;
};

const PrepackedConvolutionOps& prepacked_convolution_ops() {
  static const PrepackedConvolutionOps ops = [] {
    c10::Dispatcher& dispatcher = c10::Dispatcher::singleton();
    return PrepackedConvolutionOps{dispatcher.findSchema({"mkldnn_prepacked::conv2d_prepack", ""}),
                                   dispatcher.findSchema({"mkldnn_prepacked::conv2d_run", ""})};
  }();
  return ops;
}

}  // namespace

bool OneDnnLinear::available() {
  const PrepackedConvolutionOps& ops = prepacked_convolution_ops();
  return ops.prepack.has_value() && ops.run.has_value();
}

OneDnnLinear::OneDnnLinear(const at::Tensor& weight, const at::Tensor& bias, int64_t typical_rows)
    : in_features_(weight.size(1)), out_features_(weight.size(0)) {
  // The weight as an (out, in, 1, 1) filter with channels-last strides. For 1x1 filters
  // both layouts have the same memory, and LibTorch takes the ambiguous case as NCHW,
  // so the strides of the size-1 dimensions are set to make it NHWC, as the input is.
  const at::Tensor filter =
      weight.as_strided({out_features_, in_features_, 1, 1}, {in_features_, 1, in_features_, in_features_});

  torch::jit::Stack stack{filter,
                          bias,
                          std::vector<int64_t>{1, 1},  // stride
                          std::vector<int64_t>{0, 0},  // padding
                          std::vector<int64_t>{1, 1},  // dilation
                          int64_t{1},                  // groups
                          std::vector<int64_t>{1, in_features_, typical_rows, 1},
                          std::string("none")};        // no fused post-operation
  prepacked_convolution_ops().prepack->callBoxed(&stack);
  context_ = std::move(stack.back());
}

at::Tensor OneDnnLinear::apply(const at::Tensor& x) const {
  const int64_t rows = x.size(0);
  const at::Tensor input = x.contiguous();
  const at::Tensor nhwc_input = input.as_strided({1, in_features_, rows, 1}, {rows * in_features_, 1, in_features_, in_features_});

  torch::jit::Stack stack{nhwc_input, context_};
  prepacked_convolution_ops().run->callBoxed(&stack);
  const at::Tensor output = stack.back().toTensor();  // (1, out, rows, 1)

  // A view when the output is channels-last, as conv2d_run makes it for a channels-last
  // input; a copy otherwise.
  return output.permute({0, 2, 3, 1}).reshape({rows, out_features_});
}

}  // namespace tb_libtorch
