// Invalid input to the LibTorch plugin: each case must come back as an error with the
// documented status and a message naming the problem, never as a crash.
#include "plugin_library.h"
#include "plugin_model.h"
#include "test_model.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace tb_test {
namespace {

const ModelSize kSize{20, 16, 1, 2, 32, 8};

CallResult create_from(const PluginLibrary& plugin, const tb_model_create_args& args) {
  tb_model* created = nullptr;
  const CallResult result = take_error(plugin.api(), plugin.api().model_create(&args, &created));
  EXPECT_EQ(created == nullptr, !result.ok());
  plugin.api().model_destroy(created);
  return result;
}

void expect_error(const CallResult& result, int32_t status, const std::string& fragment) {
  EXPECT_EQ(result.status, status) << result.message;
  EXPECT_NE(result.message.find(fragment), std::string::npos)
      << "message \"" << result.message << "\" lacks \"" << fragment << "\"";
}

TEST(LibtorchCreate, RejectsBadTensorSets) {
  const PluginLibrary plugin(TB_LIBTORCH_PLUGIN);

  {
    SCOPED_TRACE("missing tensor");
    TestModel model = TestModel::random(kSize, 1);
    tb_model_create_args args = model.create_args();
    args.n_tensors -= 1;  // drops lm_head.b, the last one
    expect_error(create_from(plugin, args), TB_STATUS_INVALID_ARGUMENT, "missing tensor 'lm_head.b'");
  }
  {
    SCOPED_TRACE("misshapen tensor");
    TestModel model = TestModel::random(kSize, 1);
    model.tensors()[0].shape[1] = 15;
    tb_model_create_args args = model.create_args();
    expect_error(create_from(plugin, args), TB_STATUS_INVALID_ARGUMENT, "[20, 15], expected [20, 16]");
  }
  {
    SCOPED_TRACE("wrong dtype");
    TestModel model = TestModel::random(kSize, 1);
    model.tensors()[1].dtype = 7;
    tb_model_create_args args = model.create_args();
    expect_error(create_from(plugin, args), TB_STATUS_INVALID_ARGUMENT, "dtype 7");
  }
  {
    SCOPED_TRACE("extra tensor");
    TestModel model = TestModel::random({20, 16, 2, 2, 32, 8}, 1);
    tb_model_create_args args = model.create_args();
    tb_model_config one_layer = model.config();
    one_layer.n_layers = 1;
    args.config = &one_layer;
    expect_error(create_from(plugin, args), TB_STATUS_INVALID_ARGUMENT, "unexpected tensor 'blocks.1.");
  }
  {
    SCOPED_TRACE("duplicate tensor");
    TestModel model = TestModel::random(kSize, 1);
    tb_model_create_args args = model.create_args();
    std::vector<const tb_tensor*> pointers(args.tensors, args.tensors + args.n_tensors);
    pointers.back() = pointers.front();
    args.tensors = pointers.data();
    expect_error(create_from(plugin, args), TB_STATUS_INVALID_ARGUMENT, "'tok_embedding' is given twice");
  }
  {
    SCOPED_TRACE("NULL tensor data");
    TestModel model = TestModel::random(kSize, 1);
    tb_model_create_args args = model.create_args();
    model.tensors()[2].data = nullptr;
    expect_error(create_from(plugin, args), TB_STATUS_INVALID_ARGUMENT, "NULL data pointer");
  }
}

TEST(LibtorchCreate, RejectsBadConfigAndOptions) {
  const PluginLibrary plugin(TB_LIBTORCH_PLUGIN);
  TestModel model = TestModel::random(kSize, 1);

  {
    SCOPED_TRACE("heads do not divide d_model");
    tb_model_create_args args = model.create_args();
    tb_model_config config = model.config();
    config.n_heads = 3;
    args.config = &config;
    expect_error(create_from(plugin, args), TB_STATUS_INVALID_ARGUMENT, "not divisible");
  }
  {
    SCOPED_TRACE("zero max_seq_len");
    tb_model_create_args args = model.create_args();
    tb_model_config config = model.config();
    config.max_seq_len = 0;
    args.config = &config;
    expect_error(create_from(plugin, args), TB_STATUS_INVALID_ARGUMENT, "config.max_seq_len");
  }
  {
    SCOPED_TRACE("config struct too small");
    tb_model_create_args args = model.create_args();
    tb_model_config config = model.config();
    config.struct_size = 8;
    args.config = &config;
    expect_error(create_from(plugin, args), TB_STATUS_INVALID_ARGUMENT, "struct_size");
  }
  {
    SCOPED_TRACE("unknown option");
    tb_model_create_args args = model.create_args();
    const tb_option option{sizeof(tb_option), "threads", "4"};
    const tb_option* options[] = {&option};
    args.options = options;
    args.n_options = 1;
    expect_error(create_from(plugin, args), TB_STATUS_INVALID_ARGUMENT, "unknown option 'threads'");
  }
  {
    SCOPED_TRACE("NULL pointers");
    tb_model* created = nullptr;
    expect_error(take_error(plugin.api(), plugin.api().model_create(nullptr, &created)),
                 TB_STATUS_INVALID_ARGUMENT, "args is NULL");
    tb_model_create_args args = model.create_args();
    expect_error(take_error(plugin.api(), plugin.api().model_create(&args, nullptr)),
                 TB_STATUS_INVALID_ARGUMENT, "out_model is NULL");
  }
}

TEST(LibtorchCreate, ReportsFailedAllocation) {
  int overcommit_mode = -1;
  if (FILE* file = std::fopen("/proc/sys/vm/overcommit_memory", "r")) {
    if (std::fscanf(file, "%d", &overcommit_mode) != 1) {
      overcommit_mode = -1;
    }
    std::fclose(file);
  }
  if (overcommit_mode == 1) {
    GTEST_SKIP() << "vm.overcommit_memory is 1, so an impossible allocation would succeed "
                    "and the process would be killed when it touched the memory";
  }
#if defined(__SANITIZE_ADDRESS__)
  const char* asan_options = std::getenv("ASAN_OPTIONS");
  if (asan_options == nullptr || std::strstr(asan_options, "allocator_may_return_null=1") == nullptr) {
    GTEST_SKIP() << "AddressSanitizer aborts on an impossible allocation unless ASAN_OPTIONS "
                    "contains allocator_may_return_null=1";
  }
#endif

  // The (max_seq_len, C) positional table of this model needs 8 TiB, which the kernel
  // refuses under overcommit modes 0 and 2; LibTorch reports that as a c10::Error.
  const PluginLibrary plugin(TB_LIBTORCH_PLUGIN);
  TestModel model = TestModel::random({1, 1024, 0, 1, 1, 1}, 1);
  tb_model_create_args args = model.create_args();
  tb_model_config config = model.config();
  config.max_seq_len = 2147483647;
  args.config = &config;
  expect_error(create_from(plugin, args), TB_STATUS_OUT_OF_MEMORY, "can't allocate memory");
}

class LibtorchModelCalls : public ::testing::Test {
 protected:
  LibtorchModelCalls()
      : plugin_(TB_LIBTORCH_PLUGIN), model_(TestModel::random(kSize, 2)), plugin_model_(plugin_, model_) {
    tokens_.assign(8, 3);
    logits_.assign(8 * 20, 0.0f);
    args_.struct_size = sizeof(tb_forward_args);
    args_.tokens = tokens_.data();
    args_.batch_size = 1;
    args_.seq_len = 8;
    args_.logits = logits_.data();
    args_.logits_capacity = logits_.size();
  }

  CallResult forward() {
    return take_error(plugin_.api(), plugin_.api().model_forward(plugin_model_.get(), &args_));
  }

  PluginLibrary plugin_;
  TestModel model_;
  PluginModel plugin_model_;
  std::vector<int32_t> tokens_;
  std::vector<float> logits_;
  tb_forward_args args_{};
};

TEST_F(LibtorchModelCalls, AcceptsValidCall) {
  const CallResult result = forward();
  EXPECT_TRUE(result.ok()) << result.message;
}

TEST_F(LibtorchModelCalls, RejectsTokenOutOfRange) {
  tokens_[5] = 20;
  expect_error(forward(), TB_STATUS_INVALID_ARGUMENT, "token id 20 at [0, 5]");
  tokens_[5] = -1;
  expect_error(forward(), TB_STATUS_INVALID_ARGUMENT, "token id -1 at [0, 5]");
}

TEST_F(LibtorchModelCalls, RejectsBadSizes) {
  args_.batch_size = 0;
  expect_error(forward(), TB_STATUS_INVALID_ARGUMENT, "batch_size");
  args_.batch_size = 1;

  args_.seq_len = 0;
  expect_error(forward(), TB_STATUS_INVALID_ARGUMENT, "seq_len");

  args_.seq_len = 9;
  expect_error(forward(), TB_STATUS_OUT_OF_RANGE, "max_seq_len 8");
  args_.seq_len = 8;

  args_.logits_capacity = logits_.size() - 1;
  expect_error(forward(), TB_STATUS_INVALID_ARGUMENT, "logits_capacity");
}

TEST_F(LibtorchModelCalls, RejectsNullBuffers) {
  args_.tokens = nullptr;
  expect_error(forward(), TB_STATUS_INVALID_ARGUMENT, "tokens is NULL");
  args_.tokens = tokens_.data();

  args_.logits = nullptr;
  expect_error(forward(), TB_STATUS_INVALID_ARGUMENT, "logits is NULL");
  args_.logits = logits_.data();

  expect_error(take_error(plugin_.api(), plugin_.api().model_forward(plugin_model_.get(), nullptr)),
               TB_STATUS_INVALID_ARGUMENT, "args is NULL");
  expect_error(take_error(plugin_.api(), plugin_.api().model_forward(nullptr, &args_)),
               TB_STATUS_INVALID_ARGUMENT, "model is NULL");
}

TEST_F(LibtorchModelCalls, RejectsBadThreadCounts) {
  expect_error(plugin_model_.set_threads(0), TB_STATUS_INVALID_ARGUMENT, "n_threads");
  const int32_t max_threads = plugin_.api().get_info()->max_threads;
  expect_error(plugin_model_.set_threads(max_threads + 1), TB_STATUS_OUT_OF_RANGE, "max_threads");
  EXPECT_TRUE(plugin_model_.set_threads(max_threads).ok());
}

TEST_F(LibtorchModelCalls, RejectsBadMemoryQuery) {
  expect_error(take_error(plugin_.api(), plugin_.api().model_get_memory(plugin_model_.get(), nullptr)),
               TB_STATUS_INVALID_ARGUMENT, "out is NULL");
  tb_memory_info too_small{};
  too_small.struct_size = sizeof(size_t);
  expect_error(take_error(plugin_.api(), plugin_.api().model_get_memory(plugin_model_.get(), &too_small)),
               TB_STATUS_INVALID_ARGUMENT, "struct_size");
}

}  // namespace
}  // namespace tb_test
