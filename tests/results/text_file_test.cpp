// write_text_file replaces regular files whole and writes through anything else, so
// `-o /dev/null` or an output path that is a symbolic link keeps what it is.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "report/text_file.h"

namespace tb {
namespace {

namespace fs = std::filesystem;

std::string contents(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class TextFile : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = fs::temp_directory_path() /
                 ("tb_text_file_test_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(directory_);
    fs::create_directories(directory_);
  }
  void TearDown() override { fs::remove_all(directory_); }

  fs::path directory_;
};

TEST_F(TextFile, ReplacesRegularFile) {
  const fs::path path = directory_ / "out.txt";
  std::ofstream(path) << "old contents that are longer";
  write_text_file(path, [](std::ostream& out) { out << "new"; });
  EXPECT_EQ(contents(path), "new");
  EXPECT_FALSE(fs::exists(directory_ / "out.txt.tmp"));
}

TEST_F(TextFile, WritesThroughSymbolicLink) {
  const fs::path target = directory_ / "target.txt";
  const fs::path link = directory_ / "link.txt";
  std::ofstream(target) << "old";
  fs::create_symlink(target, link);

  write_text_file(link, [](std::ostream& out) { out << "new"; });
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(contents(target), "new");
}

TEST_F(TextFile, MissingFolderIsReported) {
  const fs::path path = directory_ / "missing-folder" / "out.txt";
  EXPECT_THROW(write_text_file(path, [](std::ostream& out) { out << "new"; }), std::runtime_error);
}

}  // namespace
}  // namespace tb
