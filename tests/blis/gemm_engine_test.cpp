// The GEMM dispatcher: the BLIS path and the native path agree (bias, accumulation and
// GELU included), auto picks BLIS by size, and splitting over threads changes nothing.
#include <cmath>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "gemm.h"
#include "kernel_test_support.h"
#include "panel_packing.h"

namespace tb::blis_test {
namespace {

using blis::Epilogue;
using blis::GemmArgs;
using blis::GemmEngine;
using blis::GemmPath;
using blis::PaddedMatrix;

struct Operands {
  PaddedMatrix a, b, bias, c;
};

Operands make_operands(int m, int n, int k) {
  return {random_matrix(m, k, 50), random_matrix(k, n, 51), random_matrix(1, n, 52),
          random_matrix(m, n, 53)};
}

GemmArgs make_args(Operands& o, bool bias, bool accumulate, Epilogue epilogue) {
  GemmArgs args;
  args.m = o.c.rows;
  args.n = o.c.cols;
  args.k = o.a.cols;
  args.a = o.a.data();
  args.lda = o.a.ld;
  args.b = o.b.data();
  args.ldb = o.b.ld;
  args.c = o.c.data();
  args.ldc = o.c.ld;
  args.c_padded = true;  // PaddedMatrix leaves room past every row and after the last
  args.bias = bias ? o.bias.data() : nullptr;
  args.accumulate = accumulate;
  args.epilogue = epilogue;
  return args;
}

std::vector<float> result_of(const PaddedMatrix& c) {
  std::vector<float> values;
  for (int i = 0; i < c.rows; ++i) {
    values.insert(values.end(), c.row(i), c.row(i) + c.cols);
  }
  return values;
}

TEST(GemmEngine, AutoPicksBlisBySize) {
  const GemmEngine engine(blis::best_kernel_set(), GemmPath::kAuto);
  GemmArgs small;
  small.c_padded = true;
  small.m = 32;
  small.n = 64;
  small.k = 64;
  EXPECT_FALSE(engine.uses_blis(small));
  GemmArgs large = small;
  large.m = 128;
  large.n = 768;
  large.k = 768;
  EXPECT_TRUE(engine.uses_blis(large));
  EXPECT_TRUE(GemmEngine(blis::best_kernel_set(), GemmPath::kBlis).uses_blis(small));
  EXPECT_FALSE(GemmEngine(blis::best_kernel_set(), GemmPath::kNative).uses_blis(large));

  // BLIS 0.9.0 touches memory past the end of C, so an unpadded C never goes to BLIS.
  GemmArgs unpadded = large;
  unpadded.c_padded = false;
  EXPECT_FALSE(engine.uses_blis(unpadded));
  EXPECT_FALSE(GemmEngine(blis::best_kernel_set(), GemmPath::kBlis).uses_blis(unpadded));
}

TEST(GemmEngine, BlisAndNativeAgree) {
  const GemmEngine blis_engine(blis::best_kernel_set(), GemmPath::kBlis);
  const GemmEngine native_engine(blis::best_kernel_set(), GemmPath::kNative);
  for (bool bias : {false, true}) {
    for (bool accumulate : {false, true}) {
      for (Epilogue epilogue : {Epilogue::kNone, Epilogue::kGelu}) {
        Operands via_blis = make_operands(45, 77, 130);
        Operands via_native = make_operands(45, 77, 130);
        blis_engine.run(make_args(via_blis, bias, accumulate, epilogue), 2);
        native_engine.run(make_args(via_native, bias, accumulate, epilogue), 1);
        const std::vector<float> expected = result_of(via_native.c);
        const std::vector<float> actual = result_of(via_blis.c);
        for (std::size_t i = 0; i < expected.size(); ++i) {
          ASSERT_NEAR(actual[i], expected[i], 2e-5 * (1.0 + std::fabs(expected[i])))
              << "bias=" << bias << " accumulate=" << accumulate
              << " gelu=" << (epilogue == Epilogue::kGelu) << " element " << i;
        }
      }
    }
  }
}

TEST(GemmEngine, PackedWeightsStayOnNativePath) {
  const GemmEngine engine(blis::best_kernel_set(), GemmPath::kBlis);
  Operands operands = make_operands(128, 768, 768);
  blis::pack_column_panels(operands.b, blis::best_kernel_set().gemm_panel_columns);
  GemmArgs args = make_args(operands, false, false, Epilogue::kNone);
  args.b_panel_stride = operands.b.panel_stride;
  EXPECT_FALSE(engine.uses_blis(args));
}

TEST(GemmEngine, PackedThreadSplitMatchesRowMajor) {
  const blis::KernelSet& kernels = blis::best_kernel_set();
  const GemmEngine engine(kernels, GemmPath::kNative);
  Operands row_major = make_operands(64, 300, 200);
  Operands packed = make_operands(64, 300, 200);
  blis::pack_column_panels(packed.b, kernels.gemm_panel_columns);
  GemmArgs packed_args = make_args(packed, true, false, Epilogue::kGelu);
  packed_args.b_panel_stride = packed.b.panel_stride;
  engine.run(make_args(row_major, true, false, Epilogue::kGelu), 1);
  engine.run(packed_args, 2);
  // The same products in the same order, so the results are bitwise equal.
  EXPECT_EQ(result_of(packed.c), result_of(row_major.c));
}

TEST(GemmEngine, NativeThreadSplitsGiveIdenticalResults) {
  const GemmEngine engine(blis::best_kernel_set(), GemmPath::kNative);
  // Wide C splits by column panels; narrow C (one panel) splits by row tiles.
  for (const auto& [m, n, k] : {std::tuple{64, 300, 200}, std::tuple{500, 16, 200}}) {
    Operands one_thread = make_operands(m, n, k);
    Operands two_threads = make_operands(m, n, k);
    engine.run(make_args(one_thread, true, true, Epilogue::kGelu), 1);
    engine.run(make_args(two_threads, true, true, Epilogue::kGelu), 2);
    EXPECT_EQ(result_of(two_threads.c), result_of(one_thread.c))
        << "m=" << m << " n=" << n << " k=" << k;
  }
}

}  // namespace
}  // namespace tb::blis_test
