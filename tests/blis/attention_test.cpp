// Causal self-attention of every kernel set this CPU runs against a float64 reference,
// and on 1 and 2 threads.
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "attention.h"
#include "kernel_test_support.h"
#include "model_shape.h"
#include "workspace.h"

namespace tb::blis_test {
namespace {

struct AttentionCase {
  int batch, seq_len, n_heads, head_dim;
};

blis::ModelShape shape_for(const AttentionCase& c) {
  blis::ModelShape shape;
  shape.vocab_size = 10;
  shape.d_model = c.n_heads * c.head_dim;
  shape.n_layers = 1;
  shape.n_heads = c.n_heads;
  shape.d_ff = 4;
  shape.max_seq_len = c.seq_len;
  shape.layer_norm_eps = 1e-5f;
  return shape;
}

// Runs attention on fresh random q|k|v and returns out (B*T, C) and the float64
// reference, both as dense row-major arrays.
void run_case(const blis::KernelSet& kernels, const AttentionCase& c, int n_threads,
              std::vector<float>& out, std::vector<double>& reference) {
  const blis::ModelShape shape = shape_for(c);
  const int d = shape.d_model;
  const int rows = c.batch * c.seq_len;
  blis::Workspace workspace(shape);
  workspace.reserve(rows, c.seq_len, n_threads, kernels.gemm_tile_rows);
  const blis::PaddedMatrix qkv = random_matrix(rows, 3 * d, 40 + c.seq_len);
  float* qkv_buffer = workspace.qkv();
  for (int r = 0; r < rows; ++r) {
    for (int j = 0; j < 3 * d; ++j) {
      qkv_buffer[r * workspace.ld_qkv() + j] = 3.0f * qkv.row(r)[j];
    }
  }

  blis::AttentionArgs args;
  args.batch = c.batch;
  args.seq_len = c.seq_len;
  args.n_heads = c.n_heads;
  args.head_dim = c.head_dim;
  args.qkv = workspace.qkv();
  args.ld_qkv = workspace.ld_qkv();
  args.out = workspace.attention();
  args.ld_out = workspace.ld_model();
  blis::causal_self_attention(args, kernels, workspace, n_threads);

  out.assign(static_cast<std::size_t>(rows) * d, 0.0f);
  reference.assign(out.size(), 0.0);
  const double scale = 1.0 / std::sqrt(static_cast<double>(c.head_dim));
  for (int b = 0; b < c.batch; ++b) {
    for (int h = 0; h < c.n_heads; ++h) {
      for (int i = 0; i < c.seq_len; ++i) {
        const float* q = qkv_buffer + (b * c.seq_len + i) * args.ld_qkv + h * c.head_dim;
        std::vector<double> weights(static_cast<std::size_t>(i) + 1);
        double max = -1e300;
        for (int j = 0; j <= i; ++j) {
          const float* k = qkv_buffer + (b * c.seq_len + j) * args.ld_qkv + d + h * c.head_dim;
          double dot = 0.0;
          for (int e = 0; e < c.head_dim; ++e) {
            dot += static_cast<double>(q[e]) * k[e];
          }
          weights[j] = dot * scale;
          max = std::fmax(max, weights[j]);
        }
        double sum = 0.0;
        for (double& w : weights) {
          w = std::exp(w - max);
          sum += w;
        }
        const int row = b * c.seq_len + i;
        for (int e = 0; e < c.head_dim; ++e) {
          double value = 0.0;
          for (int j = 0; j <= i; ++j) {
            const float* v = qkv_buffer + (b * c.seq_len + j) * args.ld_qkv + 2 * d + h * c.head_dim;
            value += weights[j] / sum * v[e];
          }
          reference[row * d + h * c.head_dim + e] = value;
          out[row * d + h * c.head_dim + e] = args.out[row * args.ld_out + h * c.head_dim + e];
        }
      }
    }
  }
}

class Attention : public testing::TestWithParam<blis::Isa> {};

TEST_P(Attention, MatchesReference) {
  const blis::KernelSet& kernels = blis::kernel_set(GetParam());
  for (const AttentionCase& c : {AttentionCase{1, 1, 2, 8}, AttentionCase{2, 19, 3, 8},
                                 AttentionCase{1, 32, 4, 16}, AttentionCase{2, 40, 2, 5},
                                 AttentionCase{1, 70, 1, 64}}) {
    std::vector<float> out;
    std::vector<double> reference;
    run_case(kernels, c, 1, out, reference);
    for (std::size_t i = 0; i < out.size(); ++i) {
      ASSERT_NEAR(out[i], reference[i], 1e-5)
          << "B=" << c.batch << " T=" << c.seq_len << " NH=" << c.n_heads << " hs=" << c.head_dim
          << " element " << i;
    }
  }
}

TEST_P(Attention, TwoThreadsMatchOne) {
  const blis::KernelSet& kernels = blis::kernel_set(GetParam());
  // Enough work per head for the second thread to start.
  const AttentionCase c{2, 96, 4, 32};
  std::vector<float> one_thread;
  std::vector<float> two_threads;
  std::vector<double> reference;
  run_case(kernels, c, 1, one_thread, reference);
  run_case(kernels, c, 2, two_threads, reference);
  EXPECT_EQ(two_threads, one_thread);
}

INSTANTIATE_TEST_SUITE_P(KernelSets, Attention, testing::ValuesIn(supported_isas()), isa_test_name);

}  // namespace
}  // namespace tb::blis_test
