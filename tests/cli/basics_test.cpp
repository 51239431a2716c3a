// The executable's top level: --help, --version and an unknown command.
#include <gtest/gtest.h>

#include "cli_process.h"

namespace {

using tb::cli_test::run_cli;

TEST(Cli, HelpListsCommands) {
  const auto result = run_cli({"--help"});
  EXPECT_EQ(result.exit_status, 0);
  EXPECT_NE(result.out.find("Usage: transformer-bench <command>"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("  run "), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("  list "), std::string::npos) << result.out;
  EXPECT_EQ(result.out.find("worker"), std::string::npos) << "the internal worker command is listed";
}

TEST(Cli, VersionNamesAbi) {
  const auto result = run_cli({"--version"});
  EXPECT_EQ(result.exit_status, 0);
  EXPECT_NE(result.out.find("transformer-bench "), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("plugin ABI 1."), std::string::npos) << result.out;
}

TEST(Cli, UnknownCommandExitsTwo) {
  const auto result = run_cli({"frobnicate"});
  EXPECT_EQ(result.exit_status, 2);
  EXPECT_NE(result.err.find("unknown command 'frobnicate'"), std::string::npos) << result.err;
}

TEST(Cli, RunHelpWarnsAboutNoIsolation) {
  const auto result = run_cli({"run", "--help"});
  EXPECT_EQ(result.exit_status, 0);
  EXPECT_NE(result.out.find("--no-isolation"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("crashes then ends the whole run"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("--resume"), std::string::npos) << result.out;
}

TEST(Cli, RunUnknownOptionExitsTwo) {
  const auto result = run_cli({"run", "--no-such-option"});
  EXPECT_EQ(result.exit_status, 2);
  EXPECT_NE(result.err.find("no-such-option"), std::string::npos) << result.err;
}

TEST(Cli, WorkerWithoutTaskExitsTwo) {
  const auto result = run_cli({"worker"});
  EXPECT_EQ(result.exit_status, 2);
  EXPECT_NE(result.err.find("--task FILE"), std::string::npos) << result.err;
}

}  // namespace
