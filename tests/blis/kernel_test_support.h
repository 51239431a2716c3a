// Shared pieces of the kernel tests: the kernel sets this CPU runs, as a test
// parameter, and float64 reference arithmetic.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "aligned_buffer.h"
#include "cpu_kernels.h"

namespace tb::blis_test {

inline std::vector<blis::Isa> supported_isas() {
  std::vector<blis::Isa> isas;
  for (blis::Isa isa : {blis::Isa::kSse2, blis::Isa::kAvx2, blis::Isa::kAvx512}) {
    if (blis::cpu_supports(isa)) {
      isas.push_back(isa);
    }
  }
  return isas;
}

inline std::string isa_test_name(const testing::TestParamInfo<blis::Isa>& info) {
  return blis::kernel_set(info.param).name;
}

// A (rows, cols) padded matrix with values uniform in [-1, 1).
inline blis::PaddedMatrix random_matrix(int rows, int cols, unsigned seed) {
  blis::PaddedMatrix matrix = blis::make_padded_matrix(rows, cols);
  std::mt19937 generator(seed);
  std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
  for (int i = 0; i < rows; ++i) {
    for (int j = 0; j < cols; ++j) {
      matrix.row(i)[j] = uniform(generator);
    }
  }
  return matrix;
}

// A deep copy, padding included.
inline blis::PaddedMatrix copy_matrix(const blis::PaddedMatrix& source) {
  blis::PaddedMatrix copy = blis::make_padded_matrix(source.rows, source.cols);
  std::copy(source.data(), source.data() + source.storage.capacity(), copy.data());
  return copy;
}

inline double gelu_reference(double x) {
  const double pi = 3.14159265358979323846;
  return 0.5 * x * (1.0 + std::tanh(std::sqrt(2.0 / pi) * (x + 0.044715 * x * x * x)));
}

}  // namespace tb::blis_test
