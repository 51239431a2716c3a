// `transformer-bench check` run as a user runs it, on good plugins and on every
// fault fixture: the exit status, the line of the check that must fail and its
// reason, and that the checker itself never crashes.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_support.h"

namespace tb::test {
namespace {

// Runs `check` on `plugin`, with the scalar reference when the build has one.
CommandResult run_check(const std::filesystem::path& plugin, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"check", plugin.string()};
  if (!scalar_path().empty()) {
    args.push_back("--reference");
    args.push_back(scalar_path().string());
  }
  args.insert(args.end(), extra.begin(), extra.end());
  return run_transformer_bench(args);
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Expects the check's line to start with `status` and contain `reason`.
void expect_check(const CommandResult& result, const std::string& name, const std::string& status,
                  const std::string& reason) {
  const std::string line = check_line(result.output, name);
  ASSERT_FALSE(line.empty()) << "no line for check " << name << " in:\n" << result.output;
  EXPECT_TRUE(contains(line, "  " + status + "  ")) << line;
  EXPECT_TRUE(contains(line, reason)) << "expected '" << reason << "' in: " << line;
}

TEST(CheckCommand, PassesScalarBackend) {
  if (scalar_path().empty()) GTEST_SKIP() << "this build has no scalar backend";
  const CommandResult result = run_check(scalar_path(), {"--strict"});
  EXPECT_EQ(result.exit_status, 0) << result.output;
  EXPECT_TRUE(contains(result.output, "PASSED: ")) << result.output;
  expect_check(result, "reference_odd_sizes", "PASS", "match the reference within 1e-4");
}

TEST(CheckCommand, PassesCBackendStrict) {
  const CommandResult result = run_check(c_backend_path(), {"--strict"});
  EXPECT_EQ(result.exit_status, 0) << result.output;
  EXPECT_FALSE(contains(result.output, "  FAIL  ")) << result.output;
  expect_check(result, "concurrent_models", "PASS", "two models on two threads");
}

TEST(CheckCommand, PassesOlderMinorPlugin) {
  const CommandResult result = run_check(fixture_path("older_minor"));
  EXPECT_EQ(result.exit_status, 0) << result.output;
  expect_check(result, "load", "PASS", "plugin ABI 1.0");
}

TEST(CheckCommand, FailsReadPastLogits) {
  // The fixture reads one float past an exact logits buffer. Only the page-end check
  // hands it such a buffer, and there the read faults.
  const CommandResult result = run_check(fixture_path("read_past_logits"));
  EXPECT_EQ(result.exit_status, 1) << result.output;
  expect_check(result, "forward_runs", "PASS", "");
  expect_check(result, "buffers_at_page_end", "FAIL", "SEGV");
}

TEST(CheckCommand, FailsMissingEntryPoint) {
  const CommandResult result = run_check(fixture_path("no_entry_point"));
  EXPECT_EQ(result.exit_status, 1) << result.output;
  expect_check(result, "load", "FAIL", "no entry point");
  expect_check(result, "forward_runs", "SKIP", "needs create_destroy");
}

TEST(CheckCommand, FailsNullFromEntryPoint) {
  const CommandResult result = run_check(fixture_path("entry_point_returns_null"));
  EXPECT_EQ(result.exit_status, 1) << result.output;
  expect_check(result, "load", "FAIL", "returned NULL");
}

TEST(CheckCommand, FailsFutureMajor) {
  const CommandResult result = run_check(fixture_path("future_major"));
  EXPECT_EQ(result.exit_status, 1) << result.output;
  expect_check(result, "load", "FAIL", "ABI major version mismatch: plugin 2.0");
}

TEST(CheckCommand, FailsSmallTable) {
  const CommandResult result = run_check(fixture_path("table_too_small"));
  EXPECT_EQ(result.exit_status, 1) << result.output;
  expect_check(result, "load", "FAIL", "function table too small");
}

TEST(CheckCommand, FailsNullMandatoryFunction) {
  const CommandResult result = run_check(fixture_path("null_mandatory_function"));
  EXPECT_EQ(result.exit_status, 1) << result.output;
  expect_check(result, "load", "FAIL", "mandatory function model_forward is NULL");
}

TEST(CheckCommand, FailsTextFile) {
  const CommandResult result = run_check(fixture_path("not_a_library"));
  EXPECT_EQ(result.exit_status, 1) << result.output;
  expect_check(result, "load", "FAIL", "not a loadable shared object");
}

TEST(CheckCommand, FailsErrorsEverywhere) {
  const CommandResult result = run_check(fixture_path("errors_everywhere"));
  EXPECT_EQ(result.exit_status, 1) << result.output;
  expect_check(result, "load", "PASS", "fixture_errors_everywhere");
  expect_check(result, "create_destroy", "FAIL", "INTERNAL: model_create always fails in the errors_everywhere");
  expect_check(result, "reject_unknown_option", "SKIP", "needs create_destroy");
}

TEST(CheckCommand, ReportsCrashInForward) {
  const CommandResult result = run_check(fixture_path("crash_in_forward"));
  EXPECT_EQ(result.exit_status, 1) << result.output;
  expect_check(result, "create_destroy", "PASS", "");
  // A plain build dies from SIGSEGV; under AddressSanitizer the sanitizer catches
  // the fault, prints "AddressSanitizer: SEGV" and exits.
  const std::string line = check_line(result.output, "forward_runs");
  EXPECT_TRUE(contains(line, "FAIL")) << line;
  EXPECT_TRUE(contains(line, "crashed with SIGSEGV") || contains(result.output, "AddressSanitizer: SEGV"))
      << result.output;
  expect_check(result, "reference_batch", "SKIP", "needs forward_runs");
  EXPECT_TRUE(contains(result.output, "FAILED: ")) << result.output;
}

TEST(CheckCommand, ReportsHangInForward) {
  const auto start = std::chrono::steady_clock::now();
  const CommandResult result = run_check(fixture_path("hang_in_forward"), {"--timeout", "2"});
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(result.exit_status, 1) << result.output;
  expect_check(result, "forward_runs", "FAIL", "timed out after 2 s");
  expect_check(result, "determinism", "SKIP", "needs forward_runs");
  // One timeout, not one per check: the checks that need forward are skipped.
  EXPECT_LT(elapsed, std::chrono::seconds(30));
}

TEST(CheckCommand, ReportsWrongLogits) {
  if (scalar_path().empty()) GTEST_SKIP() << "this build has no scalar backend to compare with";
  const CommandResult result = run_check(fixture_path("wrong_logits"));
  EXPECT_EQ(result.exit_status, 1) << result.output;
  expect_check(result, "forward_runs", "PASS", "");
  expect_check(result, "reference_single_token", "FAIL", "logit [0, 0, 0]");
  expect_check(result, "reference_batch", "FAIL", "tolerance 1e-04");
}

TEST(CheckCommand, ReportsEscapedException) {
  const CommandResult result = run_check(fixture_path("exception_in_forward"));
  EXPECT_EQ(result.exit_status, 1) << result.output;
  expect_check(result, "forward_runs", "FAIL", "C++ exception escaped from the plugin");
}

TEST(CheckCommand, ReportsLeakInCreate) {
  const CommandResult result = run_check(fixture_path("leak_in_create"), {"--only", "create_destroy_repeated"});
  EXPECT_EQ(result.exit_status, 1) << result.output;
  // A plain build measures the resident set size; under AddressSanitizer,
  // LeakSanitizer reports the leak instead.
  const std::string line = check_line(result.output, "create_destroy_repeated");
  EXPECT_TRUE(contains(line, "FAIL")) << line;
  EXPECT_TRUE(contains(line, "KiB limit: a leak") || contains(line, "LeakSanitizer found leaks")) << line;
}

TEST(CheckCommand, RejectsMissingFile) {
  const CommandResult result = run_transformer_bench({"check", "/nonexistent/plugin.so"});
  EXPECT_EQ(result.exit_status, 2) << result.output;
  EXPECT_TRUE(contains(result.output, "plugin file not found: /nonexistent/plugin.so")) << result.output;
}

TEST(CheckCommand, RejectsUnknownCheckName) {
  const CommandResult result = run_transformer_bench({"check", c_backend_path().string(), "--only", "no_such"});
  EXPECT_EQ(result.exit_status, 2) << result.output;
  EXPECT_TRUE(contains(result.output, "unknown check 'no_such'")) << result.output;
}

TEST(CheckCommand, ListsChecks) {
  const CommandResult result = run_transformer_bench({"check", "--list-checks"});
  EXPECT_EQ(result.exit_status, 0) << result.output;
  EXPECT_TRUE(contains(result.output, "reject_token_ids")) << result.output;
  EXPECT_TRUE(contains(result.output, "(--strict only)")) << result.output;
}

}  // namespace
}  // namespace tb::test
