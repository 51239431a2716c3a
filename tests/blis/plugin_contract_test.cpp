// The blis plugin's side of the C ABI contract: its description, its memory report
// and the errors it returns for invalid calls.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "plugin_loader.h"

namespace tb::blis_test {
namespace {

using testing::HasSubstr;

tb_model_config small_config() { return make_config(30, 24, 1, 3, 48, 8); }

TEST(PluginInfo, DescribesBackend) {
  const tb_backend_info* info = plugin_api().get_info();
  ASSERT_NE(info, nullptr);
  EXPECT_STREQ(info->name, "blis");
  EXPECT_NE(std::string(info->version), "");
  EXPECT_NE(std::string(info->description), "");
  const std::string build_info = info->build_info;
  EXPECT_NE(build_info.find("BLIS "), std::string::npos) << build_info;
  EXPECT_NE(build_info.find("config "), std::string::npos) << build_info;
  EXPECT_NE(build_info.find("native kernels "), std::string::npos) << build_info;
  EXPECT_EQ(info->dtypes, TB_DTYPE_FLAG_F32);
  EXPECT_EQ(info->max_seq_len, 0);
  EXPECT_GE(info->max_threads, 0);
}

// BLIS 0.9.0 runs its AVX2 haswell kernels on an AVX-512 CPU whose brand string names
// no SKU, and the backend then runs BLIS's skx kernels instead (src/blis_gemm.cpp). A
// number in BLIS_ARCH_TYPE leaves the choice to BLIS. CMake runs these tests once more
// with BLIS_ARCH_TYPE=3 (haswell), so both kernel sets pass every test on such a CPU.
TEST(PluginInfo, NamesTheBlisConfigInUse) {
  const std::string build_info = plugin_api().get_info()->build_info;
  const char* arch_type = std::getenv("BLIS_ARCH_TYPE");
  if (arch_type != nullptr && std::string(arch_type) == "3") {
    EXPECT_THAT(build_info, HasSubstr("config haswell (picked by BLIS at run time)"));
    return;
  }
  if (arch_type != nullptr && arch_type[0] != '\0') {
    GTEST_SKIP() << "BLIS_ARCH_TYPE=" << arch_type << " chooses the config";
  }
  const bool skx_instructions =
      __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
      __builtin_cpu_supports("avx512cd") && __builtin_cpu_supports("avx512bw") &&
      __builtin_cpu_supports("avx512vl");
  if (!skx_instructions) {
    GTEST_SKIP() << "this CPU cannot run BLIS's skx kernels";
  }
  if (build_info.find("AVX-512 FMA unit(s) per core") != std::string::npos ||
      build_info.find("has no skx config") != std::string::npos) {
    GTEST_SKIP() << "BLIS's choice of haswell stands here: " << build_info;
  }
  EXPECT_THAT(build_info, testing::Not(HasSubstr("config haswell")));
}

TEST(PluginInfo, RejectsOtherAbiMajor) {
  // The table for this test process came from the same entry point with major 1.
  const tb_backend_api& api = plugin_api();
  EXPECT_EQ(api.abi_major, static_cast<std::uint32_t>(TB_ABI_VERSION_MAJOR));
  EXPECT_EQ(api.struct_size, sizeof(tb_backend_api));
}

TEST(PluginMemory, ReportsWeightsAndGrowingWorkspace) {
  const tb_model_config config = small_config();
  const TensorSet weights = random_weights(config, 5);
  ScopedModel model(config, weights);
  ASSERT_NE(model.get(), nullptr);

  tb_memory_info before{};
  before.struct_size = sizeof(tb_memory_info);
  ASSERT_EQ(consume_error(plugin_api().model_get_memory(model.get(), &before)).first, TB_STATUS_OK);
  // At least the float32 parameters themselves.
  std::uint64_t parameters = 0;
  for (const std::vector<float>& values : weights.values) {
    parameters += values.size();
  }
  EXPECT_GE(before.weight_bytes, parameters * sizeof(float));

  run_forward(model.get(), sequential_tokens(8, 30), 1, 8, 30);
  tb_memory_info after_small{};
  after_small.struct_size = sizeof(tb_memory_info);
  ASSERT_EQ(consume_error(plugin_api().model_get_memory(model.get(), &after_small)).first, TB_STATUS_OK);
  EXPECT_GT(after_small.workspace_bytes, before.workspace_bytes);

  run_forward(model.get(), sequential_tokens(32, 30), 4, 8, 30);
  tb_memory_info after_large{};
  after_large.struct_size = sizeof(tb_memory_info);
  ASSERT_EQ(consume_error(plugin_api().model_get_memory(model.get(), &after_large)).first, TB_STATUS_OK);
  EXPECT_GT(after_large.workspace_bytes, after_small.workspace_bytes);
  EXPECT_EQ(after_large.weight_bytes, before.weight_bytes);
}

TEST(PluginMemory, WritesOnlyFieldsInsideStructSize) {
  const tb_model_config config = small_config();
  ScopedModel model(config, random_weights(config, 5));
  ASSERT_NE(model.get(), nullptr);
  tb_memory_info old_host{};
  old_host.struct_size = TB_STRUCT_SIZE(tb_memory_info, weight_bytes);
  old_host.workspace_bytes = 12345;
  ASSERT_EQ(consume_error(plugin_api().model_get_memory(model.get(), &old_host)).first, TB_STATUS_OK);
  EXPECT_GT(old_host.weight_bytes, 0u);
  EXPECT_EQ(old_host.workspace_bytes, 12345u);
}

TEST(ModelCreate, RejectsInvalidConfig) {
  const tb_model_config valid = small_config();
  const TensorSet weights = random_weights(valid, 6);

  tb_model_config bad_heads = valid;
  bad_heads.n_heads = 5;
  EXPECT_EQ(try_create(bad_heads, weights).first, TB_STATUS_INVALID_ARGUMENT);

  tb_model_config zero_layers = valid;
  zero_layers.n_layers = 0;
  EXPECT_EQ(try_create(zero_layers, weights).first, TB_STATUS_INVALID_ARGUMENT);

  tb_model_config negative_eps = valid;
  negative_eps.layer_norm_eps = -1.0f;
  EXPECT_EQ(try_create(negative_eps, weights).first, TB_STATUS_INVALID_ARGUMENT);

  tb_model_config short_struct = valid;
  short_struct.struct_size = TB_STRUCT_SIZE(tb_model_config, d_ff);
  EXPECT_EQ(try_create(short_struct, weights).first, TB_STATUS_INVALID_ARGUMENT);
}

TEST(ModelCreate, RejectsMissingExtraAndMisshapenTensors) {
  const tb_model_config config = small_config();
  const TensorSet valid = random_weights(config, 7);
  ASSERT_EQ(try_create(config, valid).first, TB_STATUS_OK);

  TensorSet missing = valid;
  missing.names.pop_back();
  missing.shapes.pop_back();
  missing.values.pop_back();
  const auto [missing_code, missing_message] = try_create(config, missing);
  EXPECT_EQ(missing_code, TB_STATUS_INVALID_ARGUMENT);
  EXPECT_THAT(missing_message, HasSubstr("lm_head.b"));

  TensorSet extra = valid;
  extra.add("blocks.1.ln1.gamma", {24}, std::vector<float>(24, 1.0f));
  const auto [extra_code, extra_message] = try_create(config, extra);
  EXPECT_EQ(extra_code, TB_STATUS_INVALID_ARGUMENT);
  EXPECT_THAT(extra_message, HasSubstr("blocks.1.ln1.gamma"));

  TensorSet duplicate = valid;
  duplicate.add(valid.names[0], valid.shapes[0], valid.values[0]);
  EXPECT_EQ(try_create(config, duplicate).first, TB_STATUS_INVALID_ARGUMENT);

  TensorSet misshapen = valid;
  misshapen.shapes[0] = {24, 30};  // tok_embedding transposed
  const auto [shape_code, shape_message] = try_create(config, misshapen);
  EXPECT_EQ(shape_code, TB_STATUS_INVALID_ARGUMENT);
  EXPECT_THAT(shape_message, HasSubstr("tok_embedding"));
}

TEST(ModelCreate, RejectsBadOptions) {
  const tb_model_config config = small_config();
  const TensorSet weights = random_weights(config, 8);
  EXPECT_EQ(try_create(config, weights, {{"threads", "2"}}).first, TB_STATUS_INVALID_ARGUMENT);
  EXPECT_EQ(try_create(config, weights, {{"gemm", "cublas"}}).first, TB_STATUS_INVALID_ARGUMENT);
  EXPECT_EQ(try_create(config, weights, {{"kernels", "neon"}}).first, TB_STATUS_INVALID_ARGUMENT);
  EXPECT_EQ(try_create(config, weights, {{"gemm", "blis"}, {"gemm", "native"}}).first,
            TB_STATUS_INVALID_ARGUMENT);
  EXPECT_EQ(try_create(config, weights, {{"kernels", "sse2"}}).first, TB_STATUS_OK);
}

TEST(ModelCreate, RejectsNullArguments) {
  tb_model* model = reinterpret_cast<tb_model*>(0x1);
  EXPECT_EQ(consume_error(plugin_api().model_create(nullptr, &model)).first,
            TB_STATUS_INVALID_ARGUMENT);
  EXPECT_EQ(model, nullptr);
  tb_model_create_args args{};
  args.struct_size = sizeof(args);
  EXPECT_EQ(consume_error(plugin_api().model_create(&args, nullptr)).first,
            TB_STATUS_INVALID_ARGUMENT);
  EXPECT_EQ(consume_error(plugin_api().model_create(&args, &model)).first,
            TB_STATUS_INVALID_ARGUMENT);
}

class ForwardErrors : public testing::Test {
 protected:
  ForwardErrors() : config_(small_config()), model_(config_, random_weights(config_, 9)) {}

  std::int32_t forward_status(const std::vector<std::int32_t>& tokens, int batch, int seq_len,
                              std::size_t capacity) {
    std::vector<float> logits(capacity + 1);
    tb_forward_args args{};
    args.struct_size = sizeof(args);
    args.tokens = tokens.data();
    args.batch_size = batch;
    args.seq_len = seq_len;
    args.logits = logits.data();
    args.logits_capacity = capacity;
    return consume_error(plugin_api().model_forward(model_.get(), &args)).first;
  }

  tb_model_config config_;
  ScopedModel model_;
};

TEST_F(ForwardErrors, RejectsInvalidSizesAndTokens) {
  const std::vector<std::int32_t> tokens = sequential_tokens(16, 30);
  EXPECT_EQ(forward_status(tokens, 2, 8, 2 * 8 * 30), TB_STATUS_OK);
  EXPECT_EQ(forward_status(tokens, 0, 8, 480), TB_STATUS_INVALID_ARGUMENT);
  EXPECT_EQ(forward_status(tokens, 1, 0, 480), TB_STATUS_INVALID_ARGUMENT);
  EXPECT_EQ(forward_status(tokens, 1, 9, 480), TB_STATUS_OUT_OF_RANGE);
  EXPECT_EQ(forward_status(tokens, 2, 8, 2 * 8 * 30 - 1), TB_STATUS_INVALID_ARGUMENT);

  std::vector<std::int32_t> bad = tokens;
  bad[13] = 30;
  EXPECT_EQ(forward_status(bad, 2, 8, 480), TB_STATUS_INVALID_ARGUMENT);
  bad[13] = -1;
  EXPECT_EQ(forward_status(bad, 2, 8, 480), TB_STATUS_INVALID_ARGUMENT);
}

TEST_F(ForwardErrors, RejectsNullPointers) {
  std::vector<float> logits(240);
  const std::vector<std::int32_t> tokens = sequential_tokens(8, 30);
  tb_forward_args args{};
  args.struct_size = sizeof(args);
  args.tokens = tokens.data();
  args.batch_size = 1;
  args.seq_len = 8;
  args.logits = nullptr;
  args.logits_capacity = logits.size();
  EXPECT_EQ(consume_error(plugin_api().model_forward(model_.get(), &args)).first,
            TB_STATUS_INVALID_ARGUMENT);
  args.logits = logits.data();
  args.tokens = nullptr;
  EXPECT_EQ(consume_error(plugin_api().model_forward(model_.get(), &args)).first,
            TB_STATUS_INVALID_ARGUMENT);
  EXPECT_EQ(consume_error(plugin_api().model_forward(model_.get(), nullptr)).first,
            TB_STATUS_INVALID_ARGUMENT);
  args.tokens = tokens.data();
  EXPECT_EQ(consume_error(plugin_api().model_forward(nullptr, &args)).first,
            TB_STATUS_INVALID_ARGUMENT);
}

TEST_F(ForwardErrors, SetThreadsChecksRange) {
  EXPECT_EQ(consume_error(plugin_api().model_set_threads(model_.get(), 0)).first,
            TB_STATUS_INVALID_ARGUMENT);
  EXPECT_EQ(consume_error(plugin_api().model_set_threads(model_.get(), 1)).first, TB_STATUS_OK);
  const int max_threads = plugin_api().get_info()->max_threads;
  if (max_threads > 0) {
    EXPECT_EQ(consume_error(plugin_api().model_set_threads(model_.get(), max_threads + 1)).first,
              TB_STATUS_OUT_OF_RANGE);
  }
}

}  // namespace
}  // namespace tb::blis_test
