#include "bench/progress.h"

#include <cstdio>
#include <string>

#include <gtest/gtest.h>

namespace {

// Everything written to `file` so far.
std::string contents(std::FILE* file) {
  std::fflush(file);
  std::rewind(file);
  std::string text;
  for (int c = std::fgetc(file); c != EOF; c = std::fgetc(file)) text += static_cast<char>(c);
  return text;
}

TEST(Progress, PlainLinesWhenNotTerminal) {
  std::FILE* file = std::tmpfile();
  ASSERT_NE(file, nullptr);
  tb::Progress progress(2, file, false);

  progress.start_cell("m scalar B=1 T=8 threads=1");
  tb::CellResult result;
  result.status = tb::CellStatus::kCrashed;
  result.message = "worker killed by SIGSEGV; worker stderr:\nsecond line";
  progress.finish_cell(result);
  progress.close();

  const std::string text = contents(file);
  EXPECT_NE(text.find("[1/2] m scalar B=1 T=8 threads=1: running  (elapsed 0:00)\n"), std::string::npos) << text;
  EXPECT_NE(text.find("[1/2] m scalar B=1 T=8 threads=1: crashed: worker killed by SIGSEGV; worker stderr:  ("),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("second line"), std::string::npos) << text;
  EXPECT_EQ(text.find('\r'), std::string::npos) << text;
  std::fclose(file);
}

TEST(Progress, TerminalRewritesOneLine) {
  std::FILE* file = std::tmpfile();
  ASSERT_NE(file, nullptr);
  tb::Progress progress(1, file, true);

  progress.start_cell("m scalar B=1 T=8 threads=1");
  tb::CellResult result;
  result.status = tb::CellStatus::kOk;
  progress.finish_cell(result);
  progress.close();

  const std::string text = contents(file);
  EXPECT_EQ(text.rfind("[1/1] m scalar B=1 T=8 threads=1  elapsed 0:00", 0), 0u) << text;
  EXPECT_NE(text.find("\r\033[K"), std::string::npos) << text;
  EXPECT_EQ(text.find('\n'), std::string::npos) << "an ok cell leaves no permanent line: " << text;
  std::fclose(file);
}

TEST(Progress, DurationFormat) {
  EXPECT_EQ(tb::format_duration(0), "0:00");
  EXPECT_EQ(tb::format_duration(59.4), "0:59");
  EXPECT_EQ(tb::format_duration(61), "1:01");
  EXPECT_EQ(tb::format_duration(3725), "1:02:05");
}

}  // namespace
