// The static description the LibTorch plugin gives of itself.
#include "plugin_library.h"

#include <gtest/gtest.h>

#include <string>

namespace tb_test {
namespace {

TEST(LibtorchInfo, DescribesBackend) {
  const PluginLibrary plugin(TB_LIBTORCH_PLUGIN);
  const tb_backend_info* info = plugin.api().get_info();
  ASSERT_NE(info, nullptr);

  EXPECT_EQ(std::string(info->name), "libtorch");
  EXPECT_FALSE(std::string(info->version).empty());
  EXPECT_FALSE(std::string(info->description).empty());
  EXPECT_EQ(info->dtypes, TB_DTYPE_FLAG_F32);
  EXPECT_EQ(info->max_seq_len, 0);
  EXPECT_GE(info->max_threads, 1);
}

TEST(LibtorchInfo, BuildInfoNamesRuntime) {
  const PluginLibrary plugin(TB_LIBTORCH_PLUGIN);
  const std::string build_info = plugin.api().get_info()->build_info;

  EXPECT_NE(build_info.find("LibTorch 1."), std::string::npos) << build_info;
  EXPECT_NE(build_info.find("parallel backend OpenMP"), std::string::npos) << build_info;
  EXPECT_NE(build_info.find("oneDNN v"), std::string::npos) << build_info;
  EXPECT_NE(build_info.find("prepacked 1x1 convolutions"), std::string::npos) << build_info;
  // The BLAS is named by the real path of the library that provides sgemm_.
  EXPECT_NE(build_info.find("BLAS /"), std::string::npos) << build_info;
  EXPECT_EQ(build_info.find("unknown"), std::string::npos) << build_info;
}

TEST(LibtorchInfo, ServesOnlyAbiMajorOne) {
  const PluginLibrary plugin(TB_LIBTORCH_PLUGIN);
  const tb_get_backend_api_fn entry_point = plugin.entry_point();

  EXPECT_EQ(entry_point(TB_ABI_VERSION_MAJOR + 1, 0), nullptr);
  // A newer minor version of the host is served by the same table.
  EXPECT_EQ(entry_point(TB_ABI_VERSION_MAJOR, TB_ABI_VERSION_MINOR + 1), &plugin.api());

  const tb_backend_api& api = plugin.api();
  EXPECT_EQ(api.struct_size, sizeof(tb_backend_api));
  EXPECT_EQ(api.abi_major, static_cast<uint32_t>(TB_ABI_VERSION_MAJOR));
}

}  // namespace
}  // namespace tb_test
