// The native GEMM kernel of every kernel set this CPU runs, against a float64
// reference. The shapes hit every row tail, column tail and k-block boundary. The cases
// cover bias, accumulation and the GELU epilogue, and B row-major or packed in panels.
#include <cmath>
#include <string>

#include <gtest/gtest.h>

#include "kernel_test_support.h"
#include "panel_packing.h"

namespace tb::blis_test {
namespace {

using blis::Epilogue;
using blis::GemmArgs;
using blis::PaddedMatrix;

struct GemmCase {
  int m, n, k;
  bool bias;
  bool accumulate;
  Epilogue epilogue;
  bool packed_b = false;
};

// Runs one case on `kernels` and returns the largest error relative to 1 + |reference|.
double gemm_error(const blis::KernelSet& kernels, const GemmCase& c, unsigned seed) {
  const PaddedMatrix a = random_matrix(c.m, c.k, seed);
  const PaddedMatrix b = random_matrix(c.k, c.n, seed + 1);
  PaddedMatrix b_operand = copy_matrix(b);
  if (c.packed_b) {
    blis::pack_column_panels(b_operand, kernels.gemm_panel_columns);
  }
  const PaddedMatrix bias = random_matrix(1, c.n, seed + 2);
  PaddedMatrix out = random_matrix(c.m, c.n, seed + 3);
  const PaddedMatrix initial = random_matrix(c.m, c.n, seed + 3);

  GemmArgs args;
  args.m = c.m;
  args.n = c.n;
  args.k = c.k;
  args.a = a.data();
  args.lda = a.ld;
  args.b = b_operand.data();
  args.ldb = b_operand.ld;
  args.b_panel_stride = b_operand.panel_stride;
  args.c = out.data();
  args.ldc = out.ld;
  args.bias = c.bias ? bias.data() : nullptr;
  args.accumulate = c.accumulate;
  args.epilogue = c.epilogue;
  kernels.gemm(args);

  double max_error = 0.0;
  for (int i = 0; i < c.m; ++i) {
    for (int j = 0; j < c.n; ++j) {
      double expected = c.accumulate ? initial.row(i)[j] : 0.0;
      expected += c.bias ? bias.row(0)[j] : 0.0;
      for (int p = 0; p < c.k; ++p) {
        expected += static_cast<double>(a.row(i)[p]) * b.row(p)[j];
      }
      if (c.epilogue == Epilogue::kGelu) {
        expected = gelu_reference(expected);
      }
      max_error = std::fmax(max_error, std::fabs(out.row(i)[j] - expected) / (1.0 + std::fabs(expected)));
    }
    // Columns past n are padding and must stay untouched (zero).
    for (long j = c.n; j < out.ld; ++j) {
      if (out.row(i)[j] != initial.row(i)[j]) {
        return 1.0;
      }
    }
  }
  return max_error;
}

class GemmKernel : public testing::TestWithParam<blis::Isa> {};

TEST_P(GemmKernel, MatchesReferenceOverTails) {
  const blis::KernelSet& kernels = blis::kernel_set(GetParam());
  unsigned seed = 10;
  for (int m : {1, 3, kernels.gemm_tile_rows - 1, kernels.gemm_tile_rows, kernels.gemm_tile_rows + 1, 33}) {
    for (int n : {1, 5, 8, 15, 16, 17, 31, 32, 33, 48, 50, 100}) {
      for (int k : {1, 7, 64, 300}) {
        const GemmCase c{m, n, k, false, false, Epilogue::kNone};
        // k = 300 sums 300 products of values in [-1, 1); float rounding stays near 1e-6.
        EXPECT_LE(gemm_error(kernels, c, seed++), 2e-5) << "m=" << m << " n=" << n << " k=" << k;
      }
    }
  }
}

TEST_P(GemmKernel, AppliesBiasAccumulationAndGelu) {
  const blis::KernelSet& kernels = blis::kernel_set(GetParam());
  unsigned seed = 1000;
  for (bool bias : {false, true}) {
    for (bool accumulate : {false, true}) {
      for (Epilogue epilogue : {Epilogue::kNone, Epilogue::kGelu}) {
        for (int k : {5, 257, 600}) {
          const GemmCase c{19, 45, k, bias, accumulate, epilogue};
          EXPECT_LE(gemm_error(kernels, c, seed++), 2e-5)
              << "bias=" << bias << " accumulate=" << accumulate
              << " gelu=" << (epilogue == Epilogue::kGelu) << " k=" << k;
        }
      }
    }
  }
}

TEST_P(GemmKernel, MatchesReferenceWithPackedB) {
  const blis::KernelSet& kernels = blis::kernel_set(GetParam());
  unsigned seed = 2000;
  for (int m : {1, kernels.gemm_tile_rows + 1, 33}) {
    for (int n : {1, 15, 16, 17, 33, 50, 100}) {
      for (int k : {1, 64, 300}) {
        for (bool accumulate : {false, true}) {
          GemmCase c{m, n, k, true, accumulate, Epilogue::kGelu};
          c.packed_b = true;
          EXPECT_LE(gemm_error(kernels, c, seed++), 2e-5)
              << "m=" << m << " n=" << n << " k=" << k << " accumulate=" << accumulate;
        }
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(KernelSets, GemmKernel, testing::ValuesIn(supported_isas()), isa_test_name);

}  // namespace
}  // namespace tb::blis_test
