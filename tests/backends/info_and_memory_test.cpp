// The backend's static description and its memory report.
#include <cstring>

#include "backend_fixture.h"

namespace {

TEST_P(BackendTest, InfoDescribesBackend) {
  const tb::PluginInfo& info = plugin().info();
  EXPECT_EQ(info.name, GetParam().name) << "the file tb_<name>.so must report <name>";
  EXPECT_EQ(info.abi_major, static_cast<uint32_t>(TB_ABI_VERSION_MAJOR));
  EXPECT_FALSE(info.version.empty());
  EXPECT_FALSE(info.description.empty());
  EXPECT_FALSE(info.build_info.empty());
  EXPECT_NE(info.dtypes & TB_DTYPE_FLAG_F32, 0u);
  EXPECT_GE(info.max_threads, 0);
  EXPECT_GE(info.max_seq_len, 0);
  EXPECT_EQ(info.description.find('\n'), std::string::npos) << "description must be one line";
}

TEST_P(BackendTest, MemoryReport) {
  const tb::ModelConfig config = make_config(50, 32, 2, 4, 16);
  const tb::Weights weights = make_weights(config, 103);
  const std::unique_ptr<tb::Model> model = plugin().create_model(config, weights);

  const tb::MemoryInfo before = model->memory();
  EXPECT_GE(before.weight_bytes, 4u * static_cast<uint64_t>(tb::parameter_count(config)));

  run_forward(*model, tb::make_tokens(4, 16, config.vocab_size, 107), 4, 16, config.vocab_size);
  const tb::MemoryInfo after_large = model->memory();
  EXPECT_GT(after_large.workspace_bytes, 0u) << "a forward pass needs activations";
  EXPECT_EQ(after_large.weight_bytes, before.weight_bytes);

  // The workspace is for the largest shape seen so far, so a smaller call keeps it.
  run_forward(*model, tb::make_tokens(1, 3, config.vocab_size, 109), 1, 3, config.vocab_size);
  const tb::MemoryInfo after_small = model->memory();
  EXPECT_EQ(after_small.workspace_bytes, after_large.workspace_bytes);
}

}  // namespace
