// `transformer-bench list`: search path, loaded backends and rejected files.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "cli_process.h"

namespace {

namespace fs = std::filesystem;
using tb::cli_test::fresh_dir;
using tb::cli_test::run_cli;

TEST(ListCommand, ShowsScalarBackend) {
  const auto result = run_cli({"list"});
  EXPECT_EQ(result.exit_status, 0) << result.err;
  EXPECT_NE(result.out.find("scalar " TB_PROJECT_VERSION "  (ABI 1.0)"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("path:         " TB_SCALAR_PLUGIN_PATH), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("build:"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("(beside the executable)"), std::string::npos) << result.out;
}

TEST(ListCommand, NamesRejectedFileWithReason) {
  const fs::path dir = fresh_dir("plugins");
  std::ofstream(dir / "bogus.so") << "not a shared object\n";

  const auto result = run_cli({"list", "--plugin-dir", dir.string()});
  EXPECT_EQ(result.exit_status, 0) << result.err;
  EXPECT_NE(result.out.find("1. " + dir.string() + "  (--plugin-dir)"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("Rejected files (1):"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find((dir / "bogus.so").string()), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("not a loadable shared object"), std::string::npos) << result.out;
}

TEST(ListCommand, MarksMissingFolder) {
  const fs::path missing = fresh_dir("parent") / "absent";
  const auto result = run_cli({"list", "--plugin-dir", missing.string()});
  EXPECT_EQ(result.exit_status, 0) << result.err;
  EXPECT_NE(result.out.find(missing.string() + "  (--plugin-dir)  missing"), std::string::npos) << result.out;
}

}  // namespace
