// LayerNorm, GELU and causal softmax of every kernel set this CPU runs against float64
// references, including row lengths that are not a multiple of the vector width.
#include <cmath>
#include <limits>
#include <vector>

#include <gtest/gtest.h>

#include "kernel_test_support.h"

namespace tb::blis_test {
namespace {

using blis::PaddedMatrix;

class RowKernels : public testing::TestWithParam<blis::Isa> {
 protected:
  const blis::KernelSet& kernels() const { return blis::kernel_set(GetParam()); }
};

TEST_P(RowKernels, LayerNormMatchesReference) {
  for (int d : {1, 3, 16, 17, 24, 64, 100, 768}) {
    const int rows = 5;
    PaddedMatrix x = random_matrix(rows, d, 20 + d);
    // A large common offset checks that the variance is not computed as E[x^2] - mean^2.
    for (int j = 0; j < d; ++j) {
      x.row(2)[j] += 100.0f;
    }
    const PaddedMatrix gamma = random_matrix(1, d, 21);
    const PaddedMatrix beta = random_matrix(1, d, 22);
    PaddedMatrix y = blis::make_padded_matrix(rows, d);

    blis::LayerNormArgs args;
    args.rows = rows;
    args.d = d;
    args.x = x.data();
    args.ldx = x.ld;
    args.gamma = gamma.data();
    args.beta = beta.data();
    args.eps = 1e-5f;
    args.y = y.data();
    args.ldy = y.ld;
    kernels().layer_norm(args);

    for (int r = 0; r < rows; ++r) {
      double mean = 0.0;
      for (int j = 0; j < d; ++j) {
        mean += x.row(r)[j];
      }
      mean /= d;
      double variance = 0.0;
      for (int j = 0; j < d; ++j) {
        variance += (x.row(r)[j] - mean) * (x.row(r)[j] - mean);
      }
      variance /= d;
      for (int j = 0; j < d; ++j) {
        const double expected =
            (x.row(r)[j] - mean) / std::sqrt(variance + 1e-5) * gamma.row(0)[j] + beta.row(0)[j];
        ASSERT_NEAR(y.row(r)[j], expected, 2e-5) << "d=" << d << " row=" << r << " j=" << j;
      }
    }
  }
}

TEST_P(RowKernels, GeluMatchesTanhForm) {
  const int cols = 37;
  const int rows = 300;
  PaddedMatrix x = blis::make_padded_matrix(rows, cols);
  for (int i = 0; i < rows; ++i) {
    for (int j = 0; j < cols; ++j) {
      x.row(i)[j] = -30.0f + 60.0f * static_cast<float>(i * cols + j) / (rows * cols);
    }
  }
  const PaddedMatrix input = copy_matrix(x);
  kernels().gelu(rows, cols, x.data(), x.ld);
  for (int i = 0; i < rows; ++i) {
    for (int j = 0; j < cols; ++j) {
      const double expected = gelu_reference(input.row(i)[j]);
      ASSERT_NEAR(x.row(i)[j], expected, 1e-6 * (1.0 + std::fabs(expected)))
          << "x=" << input.row(i)[j];
    }
  }
}

TEST_P(RowKernels, CausalSoftmaxMatchesReference) {
  for (int first_row : {0, 1, 7, 40}) {
    const int rows = 9;
    const int width = first_row + rows;
    PaddedMatrix s = random_matrix(rows, width, 30 + first_row);
    for (int j = 0; j < width; ++j) {
      s.row(3)[j] *= 80.0f;  // a row with a large range tests the max subtraction
    }
    const PaddedMatrix input = copy_matrix(s);

    blis::CausalSoftmaxArgs args;
    args.rows = rows;
    args.first_row = first_row;
    args.width = width;
    args.s = s.data();
    args.lds = s.ld;
    args.scale = 0.7f;
    kernels().causal_softmax(args);

    for (int r = 0; r < rows; ++r) {
      const int visible = first_row + r + 1;
      double max = -std::numeric_limits<double>::infinity();
      for (int j = 0; j < visible; ++j) {
        max = std::fmax(max, input.row(r)[j]);
      }
      double sum = 0.0;
      for (int j = 0; j < visible; ++j) {
        sum += std::exp(0.7 * (input.row(r)[j] - max));
      }
      for (int j = 0; j < visible; ++j) {
        const double expected = std::exp(0.7 * (input.row(r)[j] - max)) / sum;
        ASSERT_NEAR(s.row(r)[j], expected, 1e-6) << "first_row=" << first_row << " r=" << r;
      }
      for (int j = visible; j < width; ++j) {
        ASSERT_EQ(s.row(r)[j], 0.0f) << "masked entry " << j << " of row " << r;
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(KernelSets, RowKernels, testing::ValuesIn(supported_isas()), isa_test_name);

}  // namespace
}  // namespace tb::blis_test
