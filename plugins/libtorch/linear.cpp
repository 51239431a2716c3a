// Dense layers on LibTorch: small products through at::addmm and the system BLAS,
// large ones through oneDNN, whose OpenMP threads follow at::set_num_threads.
//
// Why two routes: Debian's LibTorch sends at::addmm to the system BLAS (BLIS by
// default), whose thread count is fixed when it initialises and ignores
// at::set_num_threads, so the host's thread setting would not reach the matmuls that
// dominate large models. oneDNN honours it and was also faster per thread in large
// products, but each call creates a oneDNN primitive, a fixed cost of 10 to 15 us that
// the BLAS route avoids for small ones.
//
// NOTE: the BLAS route runs with the BLAS's own thread count. For BLIS that is one
// thread unless BLIS_NUM_THREADS or OMP_NUM_THREADS was set when the process started,
// and then a model set to 1 thread may use more for its small products.
#include "linear.h"

#include <ATen/ops/addmm.h>

#include <limits>

namespace tb_libtorch {
namespace {

// A product takes oneDNN from this many multiply-adds (rows * in * out) upwards.
// Crossover measured with LibTorch 1.13 on one core of a 2-core AVX-512 Xeon (KVM).
// 32x128 @ 128x384 (1.6M) took 34.7 us on either route. 128x128 @ 128x128 (2.1M) took
// 43 us on the BLAS and 41 us on oneDNN, and 128x128 @ 128x384 (6.3M) 133 us and 88 us.
constexpr int64_t kOneDnnMinMultiplyAdds = int64_t{1} << 21;

// Layers with fewer weights keep an [in, out] copy for the BLAS, which reads it about
// 1.5 times as fast as the transposed [out, in] one at these sizes. On the machine above
// 32x16 @ 16x48 took 2.1 us against 3.5 us.
constexpr int64_t kBlasCopyMaxWeights = int64_t{1} << 16;

}  // namespace

Linear::Linear(const at::Tensor& weight, const at::Tensor& bias, int64_t typical_rows)
    : in_features_(weight.size(0)), out_features_(weight.size(1)), bias_(bias.contiguous()) {
  const bool small = in_features_ * out_features_ < kBlasCopyMaxWeights;
  if (small) {
    blas_weight_ = weight.contiguous();
  }
  if (!small || OneDnnLinear::available()) {
    weight_out_in_ = weight.t().contiguous();
  }
  if (!small) {
    blas_weight_ = weight_out_in_.t();
  }
  // NOTE: a LibTorch built without oneDNN lacks the prepacked operators. Every product
  // then takes the BLAS route, and the thread count reaches only attention and the
  // elementwise operators. build_info reports which case applies.
  if (OneDnnLinear::available()) {
    onednn_.emplace(weight_out_in_, bias_, typical_rows);
  }
}

bool Linear::uses_onednn(int64_t rows) const {
  if (!onednn_.has_value()) {
    return false;
  }
  int64_t multiply_adds = 0;
  const bool overflow = __builtin_mul_overflow(rows, in_features_ * out_features_, &multiply_adds);
  return overflow || multiply_adds >= kOneDnnMinMultiplyAdds;
}

int64_t Linear::max_blas_rows() const {
  if (!onednn_.has_value()) {
    return std::numeric_limits<int64_t>::max();
  }
  return (kOneDnnMinMultiplyAdds - 1) / (in_features_ * out_features_);
}

at::Tensor Linear::apply_onednn(const at::Tensor& x, TransientMemory& transient) const {
  // The result lives in a new tensor, which the caller keeps and counts after this returns.
  const uint64_t output_bytes = static_cast<uint64_t>(x.size(0)) * static_cast<uint64_t>(out_features_) * sizeof(float);
  const TransientMemory::Hold output(transient, output_bytes);
  return onednn_->apply(x);
}

at::Tensor Linear::apply(const at::Tensor& x, const at::Tensor& buffer,
                         TransientMemory& transient) const {
  if (uses_onednn(x.size(0))) {
    return apply_onednn(x, transient);
  }
  at::Tensor out = buffer;
  at::addmm_out(out, bias_, x, blas_weight_);
  return out;
}

void Linear::apply_into(const at::Tensor& x, at::Tensor& out, TransientMemory& transient) const {
  if (uses_onednn(x.size(0))) {
    const at::Tensor y = apply_onednn(x, transient);
    const TransientMemory::Hold result(transient, static_cast<uint64_t>(y.nbytes()));
    out.copy_(y);
    return;
  }
  at::addmm_out(out, bias_, x, blas_weight_);
}

void Linear::accumulate(const at::Tensor& x, const at::Tensor& residual,
                        TransientMemory& transient) const {
  if (uses_onednn(x.size(0))) {
    const at::Tensor y = apply_onednn(x, transient);
    const TransientMemory::Hold result(transient, static_cast<uint64_t>(y.nbytes()));
    residual.add_(y);
    return;
  }
  residual.addmm_(x, blas_weight_);
  residual.add_(bias_);
}

uint64_t Linear::weight_bytes() const {
  const uint64_t weight_bytes = static_cast<uint64_t>(in_features_ * out_features_) * sizeof(float);
  const bool blas_copy = !weight_out_in_.defined() || !blas_weight_.is_alias_of(weight_out_in_);
  const uint64_t copies = (blas_copy ? 1 : 0) + (weight_out_in_.defined() ? 1 : 0) + (onednn_.has_value() ? 1 : 0);
  return copies * weight_bytes + static_cast<uint64_t>(bias_.nbytes());
}

}  // namespace tb_libtorch
