// Logits of the LibTorch plugin against the golden files and the float64 reference,
// on shapes that take each of its two matmul routes (the system BLAS below 2^21
// multiply-adds per linear layer, oneDNN above) and several groupings of attention heads.
#include "plugin_library.h"
#include "plugin_model.h"
#include "reference_forward.h"
#include "test_model.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

namespace tb_test {
namespace {

constexpr double kTolerance = 1e-4;

TEST(LibtorchForward, MatchesGoldenFiles) {
  const PluginLibrary plugin(TB_LIBTORCH_PLUGIN);
  for (const std::string name : {"tiny_16d_1l_2h", "small_32d_2l_4h"}) {
    SCOPED_TRACE(name);
    const std::string path = std::string(TB_GOLDEN_DIR) + "/" + name + ".json";
    TestModel model = TestModel::golden(path, 32);
    const GoldenCase golden = load_golden_case(path);
    PluginModel plugin_model(plugin, model);

    for (const int32_t threads : {1, 2}) {
      SCOPED_TRACE("threads " + std::to_string(threads));
      ASSERT_TRUE(plugin_model.set_threads(threads).ok());
      std::vector<float> logits;
      const CallResult result = plugin_model.forward(golden.tokens, golden.batch_size, golden.seq_len, logits);
      ASSERT_TRUE(result.ok()) << result.message;
      EXPECT_LT(max_abs_difference(logits, golden.logits), kTolerance);
    }
  }
}

struct ReferenceCase {
  const char* label;
  ModelSize size;
  int32_t batch_size;
  int32_t seq_len;
};

TEST(LibtorchForward, MatchesReferenceOnBothRoutes) {
  // Each linear layer of the first case has at least 2^21 multiply-adds, so all of
  // them, the vocabulary projection included, run on oneDNN.
  const ReferenceCase cases[] = {
      {"oneDNN route", {300, 256, 2, 4, 1024, 64}, 1, 64},
      {"oneDNN except the attention output, two sequences", {1000, 128, 1, 2, 512, 64}, 2, 48},
      {"BLAS route, batch of three", {100, 64, 2, 4, 128, 32}, 3, 17},
      {"single token", {50, 32, 1, 1, 64, 8}, 1, 1},
      {"no blocks", {40, 16, 0, 2, 32, 8}, 2, 5},
      {"head size one", {30, 8, 1, 8, 16, 16}, 1, 16},
      {"two groups of four heads", {100, 64, 1, 8, 128, 32}, 1, 32},
      {"one row, vocabulary projection on oneDNN", {4096, 512, 1, 8, 2048, 8}, 1, 1},
  };
  const PluginLibrary plugin(TB_LIBTORCH_PLUGIN);

  for (const ReferenceCase& c : cases) {
    SCOPED_TRACE(c.label);
    TestModel model = TestModel::random(c.size, 11);
    const std::vector<int32_t> tokens = random_tokens(c.size.vocab_size, c.batch_size * c.seq_len, 5);
    const std::vector<double> expected = reference_forward(model, tokens, c.batch_size, c.seq_len);
    PluginModel plugin_model(plugin, model);

    for (const int32_t threads : {1, 2}) {
      SCOPED_TRACE("threads " + std::to_string(threads));
      ASSERT_TRUE(plugin_model.set_threads(threads).ok());
      std::vector<float> logits;
      const CallResult result = plugin_model.forward(tokens, c.batch_size, c.seq_len, logits);
      ASSERT_TRUE(result.ok()) << result.message;
      EXPECT_LT(max_abs_difference(logits, expected), kTolerance);
    }
  }
}

TEST(LibtorchForward, WritesOnlyRequestedLogits) {
  const PluginLibrary plugin(TB_LIBTORCH_PLUGIN);
  const int32_t batch_size = 1;
  const int32_t seq_len = 64;
  // With 64 rows the vocabulary projection of this model runs on oneDNN, which copies its
  // result into the host's buffer. With 2 rows it runs on the BLAS, which writes there
  // directly.
  TestModel model = TestModel::random({300, 256, 1, 4, 512, 64}, 3);
  PluginModel plugin_model(plugin, model);

  for (const int32_t rows : {seq_len, 2}) {
    SCOPED_TRACE("rows " + std::to_string(rows));
    const std::vector<int32_t> tokens = random_tokens(300, rows, 9);
    const size_t needed = static_cast<size_t>(rows) * 300;
    const float sentinel = -12345.0f;
    std::vector<float> logits(needed + 100, sentinel);

    tb_forward_args args{};
    args.struct_size = sizeof(tb_forward_args);
    args.tokens = tokens.data();
    args.batch_size = batch_size;
    args.seq_len = rows;
    args.logits = logits.data();
    args.logits_capacity = logits.size();
    const CallResult result = take_error(plugin.api(), plugin.api().model_forward(plugin_model.get(), &args));
    ASSERT_TRUE(result.ok()) << result.message;

    for (size_t i = 0; i < needed; ++i) {
      ASSERT_NE(logits[i], sentinel) << "logit " << i << " was not written";
    }
    for (size_t i = needed; i < logits.size(); ++i) {
      ASSERT_EQ(logits[i], sentinel) << "float " << i << " past B*T*V was written";
    }
  }
}

TEST(LibtorchForward, ShorterCallReusesWorkspace) {
  const PluginLibrary plugin(TB_LIBTORCH_PLUGIN);
  const ModelSize size{200, 128, 1, 4, 512, 64};
  TestModel model = TestModel::random(size, 21);
  PluginModel plugin_model(plugin, model);
  const uint64_t empty_workspace = plugin_model.memory().workspace_bytes;

  std::vector<float> logits;
  const std::vector<int32_t> long_tokens = random_tokens(size.vocab_size, 2 * 64, 1);
  ASSERT_TRUE(plugin_model.forward(long_tokens, 2, 64, logits).ok());
  const uint64_t long_workspace = plugin_model.memory().workspace_bytes;
  EXPECT_GT(long_workspace, empty_workspace);

  // A shorter call after a longer one uses views of the same buffers and of the cached
  // causal mask, and must still see only its own T x T mask.
  const std::vector<int32_t> short_tokens = random_tokens(size.vocab_size, 13, 2);
  const std::vector<double> expected = reference_forward(model, short_tokens, 1, 13);
  for (int repeat = 0; repeat < 2; ++repeat) {
    ASSERT_TRUE(plugin_model.forward(short_tokens, 1, 13, logits).ok());
    EXPECT_LT(max_abs_difference(logits, expected), kTolerance);
    EXPECT_EQ(plugin_model.memory().workspace_bytes, long_workspace);
  }
}

TEST(LibtorchForward, AlternatingLengthsMatchReference) {
  // How attention groups its heads depends on T: with the cost model in attention.cpp,
  // these lengths give 2, 1, 4, 2, 8 and 1 groups of heads for this model. The
  // block-diagonal group buffers must be laid out again whenever T or the grouping
  // changes, and calls after longer ones reuse them.
  const PluginLibrary plugin(TB_LIBTORCH_PLUGIN);
  const ModelSize size{60, 64, 1, 8, 128, 96};
  TestModel model = TestModel::random(size, 31);
  PluginModel plugin_model(plugin, model);

  const int32_t lengths[][2] = {{2, 32}, {1, 9}, {1, 48}, {3, 32}, {1, 96}, {2, 9}};
  for (const auto& [batch_size, seq_len] : lengths) {
    SCOPED_TRACE("B " + std::to_string(batch_size) + ", T " + std::to_string(seq_len));
    const std::vector<int32_t> tokens = random_tokens(size.vocab_size, batch_size * seq_len, seq_len);
    for (const int32_t threads : {1, 2}) {
      SCOPED_TRACE("threads " + std::to_string(threads));
      ASSERT_TRUE(plugin_model.set_threads(threads).ok());
      std::vector<float> logits;
      const CallResult result = plugin_model.forward(tokens, batch_size, seq_len, logits);
      ASSERT_TRUE(result.ok()) << result.message;
      EXPECT_LT(max_abs_difference(logits, reference_forward(model, tokens, batch_size, seq_len)), kTolerance);
    }
  }
}

TEST(LibtorchForward, RepeatedCallsAreBitwiseEqual) {
  // The plugin claims TB_CAPABILITY_DETERMINISTIC. The first model takes oneDNN for every
  // linear layer and one head per group; the second groups its 8 heads in twos.
  const PluginLibrary plugin(TB_LIBTORCH_PLUGIN);
  ASSERT_NE(plugin.api().get_info()->capabilities & TB_CAPABILITY_DETERMINISTIC, 0u);

  const ReferenceCase cases[] = {
      {"oneDNN route", {300, 256, 2, 4, 1024, 64}, 2, 64},
      {"two groups of four heads", {100, 64, 2, 8, 128, 32}, 3, 32},
  };
  for (const ReferenceCase& c : cases) {
    SCOPED_TRACE(c.label);
    TestModel model = TestModel::random(c.size, 17);
    const std::vector<int32_t> tokens = random_tokens(c.size.vocab_size, c.batch_size * c.seq_len, 8);
    PluginModel plugin_model(plugin, model);

    for (const int32_t threads : {1, 2}) {
      SCOPED_TRACE("threads " + std::to_string(threads));
      ASSERT_TRUE(plugin_model.set_threads(threads).ok());
      std::vector<float> first;
      std::vector<float> second;
      ASSERT_TRUE(plugin_model.forward(tokens, c.batch_size, c.seq_len, first).ok());
      ASSERT_TRUE(plugin_model.forward(tokens, c.batch_size, c.seq_len, second).ok());
      ASSERT_EQ(first.size(), second.size());
      EXPECT_EQ(std::memcmp(first.data(), second.data(), first.size() * sizeof(float)), 0);
    }
  }
}

TEST(LibtorchForward, ReportsWeightBytes) {
  const PluginLibrary plugin(TB_LIBTORCH_PLUGIN);
  if (std::string(plugin.api().get_info()->build_info).find("prepacked") == std::string::npos) {
    GTEST_SKIP() << "this LibTorch has no prepacked oneDNN operators, so the plugin keeps "
                    "fewer copies of each weight than counted here";
  }
  const ModelSize size{300, 128, 1, 2, 512, 32};
  TestModel model = TestModel::random(size, 4);
  PluginModel plugin_model(plugin, model);

  // Each linear layer keeps an [out, in] copy and oneDNN's packed copy, counted at the
  // same size. Layers under 2^16 weights also keep an [in, out] copy for the BLAS.
  const auto linear_floats = [](uint64_t in, uint64_t out) {
    const uint64_t copies = in * out < (uint64_t{1} << 16) ? 3 : 2;
    return copies * in * out + out;
  };
  const uint64_t d = 128;
  const uint64_t per_layer = 4 * d + linear_floats(d, 3 * d) + linear_floats(d, d) +
                             linear_floats(d, 512) + linear_floats(512, d);
  const uint64_t embedding_and_head = 300 * d + 2 * d + linear_floats(d, 300);
  const uint64_t positional = 32 * d;
  EXPECT_EQ(plugin_model.memory().weight_bytes,
            (per_layer + embedding_and_head + positional) * sizeof(float));
}

}  // namespace
}  // namespace tb_test
