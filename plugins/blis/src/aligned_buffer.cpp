#include "aligned_buffer.h"

#include <cstring>
#include <new>

#include "cpu_kernels.h"
#include "model_shape.h"

namespace tb::blis {

void AlignedBuffer::reserve_zeroed(std::size_t count) {
  if (count <= capacity_) {
    return;
  }
  constexpr std::size_t kAlignment = 64;
  if (count > (static_cast<std::size_t>(-1) - kAlignment) / sizeof(float)) {
    throw std::bad_alloc();
  }
  const std::size_t bytes = (count * sizeof(float) + kAlignment - 1) / kAlignment * kAlignment;
  void* memory = std::aligned_alloc(kAlignment, bytes);
  if (memory == nullptr) {
    throw std::bad_alloc();
  }
  std::memset(memory, 0, bytes);
  storage_.reset(static_cast<float*>(memory));
  capacity_ = bytes / sizeof(float);
}

std::size_t padded_storage_floats(std::ptrdiff_t rows, std::ptrdiff_t ld) {
  return static_cast<std::size_t>(rows) * static_cast<std::size_t>(ld) + kMaxVectorFloats;
}

PaddedMatrix make_padded_matrix(int rows, int cols) {
  PaddedMatrix matrix;
  matrix.rows = rows;
  matrix.cols = cols;
  matrix.ld = padded_leading_dimension(cols);
  matrix.storage.reserve_zeroed(padded_storage_floats(rows, matrix.ld));
  return matrix;
}

}  // namespace tb::blis
