// The check suite's parts: UTF-8 validation, logits comparison, the list of checks,
// and a whole in-process suite run on the example C plugin.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include "check/check_suite.h"
#include "check/compare.h"
#include "check/utf8.h"
#include "test_support.h"

namespace tb::check {
namespace {

TEST(Utf8, AcceptsWellFormedText) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain ASCII"));
  EXPECT_TRUE(is_valid_utf8("caf\xC3\xA9"));              // U+00E9
  EXPECT_TRUE(is_valid_utf8("\xE2\x82\xAC"));             // U+20AC
  EXPECT_TRUE(is_valid_utf8("\xF0\x9F\x98\x80"));         // U+1F600
  EXPECT_TRUE(is_valid_utf8("\xF4\x8F\xBF\xBF"));         // U+10FFFF
}

TEST(Utf8, RejectsMalformedText) {
  EXPECT_FALSE(is_valid_utf8("\xC3"));                   // truncated
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));               // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));           // overlong, 3 bytes
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));           // surrogate U+D800
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));       // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\x80"));                   // lone continuation byte
  EXPECT_FALSE(is_valid_utf8("\xE2\x82\x41"));           // bad continuation byte
}

TEST(CompareLogits, AcceptsDifferenceWithinTolerance) {
  const std::vector<float> expected = {1.0f, -2.0f, 0.5f, 0.0f};
  const std::vector<float> actual = {1.00005f, -2.0001f, 0.5f, 0.00009f};
  EXPECT_FALSE(compare_logits(expected, actual, {1, 2, 2}).has_value());
}

TEST(CompareLogits, LocatesWorstElement) {
  const std::vector<float> expected(2 * 3 * 5, 0.25f);
  std::vector<float> actual = expected;
  actual[1 * 15 + 2 * 5 + 4] += 1e-3f;  // [1, 2, 4]
  actual[3] += 2e-4f;
  const std::optional<std::string> message = compare_logits(expected, actual, {2, 3, 5});
  ASSERT_TRUE(message.has_value());
  EXPECT_NE(message->find("logit [1, 2, 4]"), std::string::npos) << *message;
  EXPECT_NE(message->find("2 of 30 logits differ"), std::string::npos) << *message;
}

TEST(CompareLogits, TreatsNanAsMismatch) {
  const std::vector<float> expected = {1.0f, 2.0f};
  const std::vector<float> actual = {1.0f, std::numeric_limits<float>::quiet_NaN()};
  EXPECT_TRUE(compare_logits(expected, actual, {1, 1, 2}).has_value());
  EXPECT_TRUE(compare_bitwise(expected, actual, {1, 1, 2}).has_value());
}

TEST(CompareLogits, ReportsSizeMismatch) {
  const std::vector<float> expected = {1.0f, 2.0f};
  const std::vector<float> actual = {1.0f};
  const std::optional<std::string> message = compare_logits(expected, actual, {1, 1, 2});
  ASSERT_TRUE(message.has_value());
  EXPECT_NE(message->find("got 1 logits, expected 2"), std::string::npos) << *message;
}

TEST(CompareBitwise, RejectsLastBitDifference) {
  const std::vector<float> expected = {1.0f};
  const std::vector<float> actual = {std::nextafter(1.0f, 2.0f)};
  EXPECT_FALSE(compare_logits(expected, actual, {1, 1, 1}).has_value());
  EXPECT_TRUE(compare_bitwise(expected, actual, {1, 1, 1}).has_value());
}

TEST(CheckList, NamesAreUniqueIdentifiers) {
  std::set<std::string> names;
  for (const CheckDefinition& check : all_checks()) {
    const std::string name = check.name;
    EXPECT_FALSE(name.empty());
    EXPECT_EQ(name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_"), std::string::npos) << name;
    EXPECT_TRUE(names.insert(check.name).second) << "duplicate check " << check.name;
  }
}

TEST(CheckList, PrerequisitesComeFirst) {
  std::set<std::string> seen;
  for (const CheckDefinition& check : all_checks()) {
    for (const std::string& prerequisite : check.prerequisites) {
      EXPECT_TRUE(seen.count(prerequisite)) << check.name << " needs " << prerequisite << ", which runs later";
    }
    seen.insert(check.name);
  }
}

TEST(CheckList, UnknownNameIsRejected) {
  EXPECT_NO_THROW(validate_check_names({"load", "forward_runs"}));
  EXPECT_THROW(validate_check_names({"no_such_check"}), std::invalid_argument);
}

TEST(RunSuite, CBackendPassesStrict) {
  CheckOptions options;
  options.plugin = test::c_backend_path();
  options.reference = test::scalar_path();
  options.strict = true;

  std::vector<std::string> failures;
  const SuiteSummary summary = run_suite(options, [&](const CheckResult& result) {
    if (result.outcome.status == CheckStatus::kFail) {
      failures.push_back(std::string(result.definition->name) + ": " + result.outcome.reason);
    }
  });
  EXPECT_TRUE(summary.all_passed());
  for (const std::string& failure : failures) ADD_FAILURE() << failure;
  EXPECT_EQ(summary.optional_not_run, 0);
  EXPECT_GT(summary.passed, 25);
}

TEST(RunSuite, OnlyRunsSelectedChecks) {
  CheckOptions options;
  options.plugin = test::c_backend_path();
  options.only = {"metadata_name", "forward_runs"};

  std::vector<std::string> ran;
  run_suite(options, [&](const CheckResult& result) { ran.push_back(result.definition->name); });
  EXPECT_EQ(ran, (std::vector<std::string>{"metadata_name", "forward_runs"}));
}

TEST(RunSuite, SkipsDependentsOfFailedCheck) {
  CheckOptions options;
  options.plugin = test::fixture_path("errors_everywhere");
  options.only = {"load", "create_destroy", "forward_runs", "reference_batch"};

  std::vector<CheckResult> results;
  const SuiteSummary summary = run_suite(options, [&](const CheckResult& result) { results.push_back(result); });
  ASSERT_EQ(results.size(), 4u);
  EXPECT_EQ(results[0].outcome.status, CheckStatus::kPass);
  EXPECT_EQ(results[1].outcome.status, CheckStatus::kFail);
  EXPECT_EQ(results[2].outcome.status, CheckStatus::kSkip);
  EXPECT_EQ(results[2].outcome.reason, "needs create_destroy, which did not pass");
  EXPECT_EQ(results[3].outcome.status, CheckStatus::kSkip);
  EXPECT_FALSE(summary.all_passed());
}

}  // namespace
}  // namespace tb::check
