// Float storage aligned to 64 bytes (a cache line and an AVX-512 register) that grows
// on request and never shrinks, so steady-state forward calls do not allocate.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <memory>

namespace tb::blis {

class AlignedBuffer {
 public:
  AlignedBuffer() = default;

  // Makes room for at least `count` floats. Growing replaces the storage with a new,
  // zero-filled block and drops the old contents; a smaller request does nothing.
  // Zero fill matters because kernels load (and discard) lanes past the used columns,
  // and uninitialised memory there could hold slow denormals. Throws std::bad_alloc.
  void reserve_zeroed(std::size_t count);

  float* data() { return storage_.get(); }
  const float* data() const { return storage_.get(); }
  std::size_t capacity() const { return capacity_; }
  std::size_t bytes() const { return capacity_ * sizeof(float); }

 private:
  struct Free {
    void operator()(float* p) const { std::free(p); }
  };

  std::unique_ptr<float, Free> storage_;
  std::size_t capacity_ = 0;
};

// A row-major matrix in an AlignedBuffer with a padded leading dimension (see
// padded_leading_dimension). The storage has kMaxVectorFloats floats of slack after the
// last row, so a vector load starting inside the matrix never leaves the buffer.
// A weight matrix may instead be packed in column panels (panel_stride != 0, see
// GemmArgs::b_panel_stride); row() is meaningless for such a matrix.
struct PaddedMatrix {
  AlignedBuffer storage;
  int rows = 0;
  int cols = 0;
  std::ptrdiff_t ld = 0;
  std::ptrdiff_t panel_stride = 0;

  float* row(int i) { return storage.data() + i * ld; }
  const float* row(int i) const { return storage.data() + i * ld; }
  float* data() { return storage.data(); }
  const float* data() const { return storage.data(); }
};

// A zero-filled (rows, cols) PaddedMatrix.
PaddedMatrix make_padded_matrix(int rows, int cols);

// Floats to reserve for `rows` rows of leading dimension `ld`, with the slack the
// kernels need after the last row.
std::size_t padded_storage_floats(std::ptrdiff_t rows, std::ptrdiff_t ld);

}  // namespace tb::blis
