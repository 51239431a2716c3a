// The blis backend's own choices, checked through the plugin's C ABI. Every GEMM path
// (option gemm) and every kernel set this CPU runs (option kernels) must reproduce the
// golden logits and agree with the others. Every path gives the same logits on 1 and
// 2 threads.
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "plugin_loader.h"

namespace tb::blis_test {
namespace {

constexpr double kGoldenTolerance = 1e-4;

double max_abs_difference(const std::vector<float>& a, const std::vector<float>& b) {
  double max = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    max = std::fmax(max, std::fabs(static_cast<double>(a[i]) - b[i]));
  }
  return max;
}

// All (gemm, kernels) option pairs. A test skips a pair when model_create returns
// TB_STATUS_UNSUPPORTED because this CPU lacks the kernel set.
std::vector<Options> all_option_sets() {
  std::vector<Options> sets;
  for (const char* gemm : {"auto", "blis", "native"}) {
    for (const char* kernels : {"auto", "avx512", "avx2", "sse2"}) {
      sets.push_back({{"gemm", gemm}, {"kernels", kernels}});
    }
  }
  return sets;
}

std::string describe(const Options& options) {
  std::string text;
  for (const auto& [key, value] : options) {
    text += key + "=" + value + " ";
  }
  return text;
}

bool supported(const tb_model_config& config, const TensorSet& weights, const Options& options) {
  const auto [code, message] = try_create(config, weights, options);
  EXPECT_TRUE(code == TB_STATUS_OK || code == TB_STATUS_UNSUPPORTED) << message;
  return code == TB_STATUS_OK;
}

class GoldenPerOption : public testing::TestWithParam<const char*> {};

TEST_P(GoldenPerOption, MatchesReferenceLogits) {
  const GoldenCase golden = load_golden(GetParam());
  ASSERT_FALSE(golden.logits.empty());
  for (const Options& options : all_option_sets()) {
    if (!supported(golden.config, golden.weights, options)) {
      continue;
    }
    ScopedModel model(golden.config, golden.weights, options);
    ASSERT_NE(model.get(), nullptr);
    for (int threads : {1, 2}) {
      if (consume_error(plugin_api().model_set_threads(model.get(), threads)).first != TB_STATUS_OK) {
        continue;  // a one-CPU machine
      }
      const std::vector<float> logits = run_forward(model.get(), golden.tokens, golden.batch,
                                                    golden.seq_len, golden.config.vocab_size);
      ASSERT_EQ(logits.size(), golden.logits.size());
      double max_error = 0.0;
      for (std::size_t i = 0; i < logits.size(); ++i) {
        max_error = std::fmax(max_error, std::fabs(logits[i] - golden.logits[i]));
      }
      EXPECT_LE(max_error, kGoldenTolerance) << describe(options) << "threads=" << threads;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(GoldenFiles, GoldenPerOption,
                         testing::Values("tiny_16d_1l_2h", "small_32d_2l_4h"));

// Shapes that exercise the edges: odd vocabulary, d_model not a multiple of 8, one
// token, a batch, and (d_model 160) GEMMs large enough for auto to send them to BLIS.
struct ShapeCase {
  const char* name;
  int vocab_size, d_model, n_layers, n_heads, d_ff, batch, seq_len;
};

class PathsAgree : public testing::TestWithParam<ShapeCase> {};

TEST_P(PathsAgree, AllOptionsGiveSameLogits) {
  const ShapeCase& s = GetParam();
  const tb_model_config config =
      make_config(s.vocab_size, s.d_model, s.n_layers, s.n_heads, s.d_ff, s.seq_len);
  const TensorSet weights = random_weights(config, 3);
  const std::vector<std::int32_t> tokens = sequential_tokens(s.batch * s.seq_len, s.vocab_size);

  std::vector<float> reference;
  for (const Options& options : all_option_sets()) {
    if (!supported(config, weights, options)) {
      continue;
    }
    ScopedModel model(config, weights, options);
    ASSERT_NE(model.get(), nullptr);
    const std::vector<float> logits =
        run_forward(model.get(), tokens, s.batch, s.seq_len, s.vocab_size);
    if (reference.empty()) {
      reference = logits;
      continue;
    }
    EXPECT_LE(max_abs_difference(logits, reference), 2e-5) << describe(options);
  }
}

TEST_P(PathsAgree, OneAndTwoThreadsGiveIdenticalLogits) {
  const ShapeCase& s = GetParam();
  const int max_threads = plugin_api().get_info()->max_threads;
  if (max_threads > 0 && max_threads < 2) {
    GTEST_SKIP() << "this machine has one CPU";
  }
  const tb_model_config config =
      make_config(s.vocab_size, s.d_model, s.n_layers, s.n_heads, s.d_ff, s.seq_len);
  const TensorSet weights = random_weights(config, 4);
  const std::vector<std::int32_t> tokens = sequential_tokens(s.batch * s.seq_len, s.vocab_size);

  for (const char* gemm : {"auto", "blis", "native"}) {
    ScopedModel model(config, weights, {{"gemm", gemm}});
    ASSERT_NE(model.get(), nullptr);
    const std::vector<float> one_thread =
        run_forward(model.get(), tokens, s.batch, s.seq_len, s.vocab_size);
    const std::vector<float> again = run_forward(model.get(), tokens, s.batch, s.seq_len, s.vocab_size);
    ASSERT_EQ(consume_error(plugin_api().model_set_threads(model.get(), 2)).first, TB_STATUS_OK);
    const std::vector<float> two_threads =
        run_forward(model.get(), tokens, s.batch, s.seq_len, s.vocab_size);

    // No path splits a dot product across threads, so the sums run in the same order.
    EXPECT_EQ(again, one_thread) << "gemm=" << gemm << ": repeated call differs";
    EXPECT_EQ(two_threads, one_thread) << "gemm=" << gemm << ": max difference "
                                       << max_abs_difference(two_threads, one_thread);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Shapes, PathsAgree,
    testing::Values(ShapeCase{"odd_sizes", 37, 24, 2, 3, 72, 3, 19},
                    ShapeCase{"one_token", 50, 32, 2, 4, 64, 2, 1},
                    ShapeCase{"one_head_wide", 101, 20, 1, 1, 44, 1, 40},
                    ShapeCase{"blis_sized", 300, 160, 2, 5, 640, 2, 64}),
    [](const testing::TestParamInfo<ShapeCase>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace tb::blis_test
