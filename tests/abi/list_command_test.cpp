// `transformer-bench list` on the fixture folder: every bad plugin is listed as
// rejected with its reason, every loadable fixture as a backend, and the host
// exits normally.
#include <gtest/gtest.h>

#include <string>

#include "test_support.h"

namespace tb::test {
namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The text `list` prints for the file of `fixture`: its line and the reason line
// that follows when it was rejected.
std::string entry_for(const std::string& output, const std::string& fixture) {
  const std::string file = fixture_path(fixture).string();
  const size_t position = output.find(file);
  if (position == std::string::npos) return "";
  const size_t end = output.find('\n', output.find('\n', position) + 1);
  return output.substr(position, end == std::string::npos ? std::string::npos : end - position);
}

class ListFixtures : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    result_ = new CommandResult(run_transformer_bench({"list", "--plugin-dir", TB_FIXTURE_DIR}));
  }
  static void TearDownTestSuite() {
    delete result_;
    result_ = nullptr;
  }
  static const CommandResult& result() { return *result_; }

 private:
  static CommandResult* result_;
};

CommandResult* ListFixtures::result_ = nullptr;

TEST_F(ListFixtures, ExitsNormally) { EXPECT_EQ(result().exit_status, 0) << result().output; }

TEST_F(ListFixtures, RejectsEachBrokenPluginWithReason) {
  const struct {
    const char* fixture;
    const char* reason;
  } cases[] = {
      {"no_entry_point", "no entry point"},
      {"entry_point_returns_null", "returned NULL"},
      {"future_major", "ABI major version mismatch: plugin 2.0"},
      {"table_too_small", "function table too small"},
      {"null_mandatory_function", "mandatory function model_forward is NULL"},
      {"not_a_library", "not a loadable shared object"},
  };
  for (const auto& expected : cases) {
    const std::string entry = entry_for(result().output, expected.fixture);
    EXPECT_TRUE(contains(entry, expected.reason))
        << expected.fixture << ": expected '" << expected.reason << "' in:\n" << entry << "\nfull output:\n"
        << result().output;
  }
}

TEST_F(ListFixtures, ListsLoadableFixturesAsBackends) {
  for (const char* name : {"fixture_errors_everywhere", "fixture_crash_in_forward", "fixture_hang_in_forward",
                           "fixture_wrong_logits", "fixture_exception_in_forward", "fixture_older_minor"}) {
    EXPECT_TRUE(contains(result().output, std::string("  ") + name + " 0.1.0")) << name << " in:\n"
                                                                               << result().output;
  }
  EXPECT_TRUE(contains(result().output, "fixture_older_minor 0.1.0  (ABI 1.0)")) << result().output;
}

}  // namespace
}  // namespace tb::test
