#include "buffers.h"

#include "validation.h"

#include <ATen/ops/empty.h>

namespace tb_libtorch {

bool reserve(at::Tensor& buffer, int64_t numel) {
  if (buffer.defined() && buffer.numel() >= numel) {
    return false;
  }
  buffer = at::empty({numel}, at::kFloat);
  return true;
}

at::Tensor view_of(at::Tensor& buffer, at::IntArrayRef shape) {
  int64_t numel = 1;
  for (const int64_t size : shape) {
    numel = checked_multiply(numel, size, "workspace buffer size");
  }
  reserve(buffer, numel);
  return buffer.narrow(0, 0, numel).view(shape);
}

uint64_t bytes_of(const at::Tensor& tensor) {
  return tensor.defined() ? static_cast<uint64_t>(tensor.nbytes()) : 0;
}

}  // namespace tb_libtorch
