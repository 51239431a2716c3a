// run_isolated: a function run in a forked child sends back its result, and a
// crash, a hang or an early exit in the child is reported while the caller carries
// on.
#include <gtest/gtest.h>

#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>

#include "check/isolated_run.h"

namespace tb::check {
namespace {

using namespace std::chrono_literals;

TEST(IsolatedRun, ReturnsResultAndOutput) {
  const IsolatedOutcome outcome = run_isolated(
      [] {
        std::printf("printed by the child\n");
        return std::string("result text");
      },
      10s);
  EXPECT_EQ(outcome.end, IsolatedOutcome::End::kExited);
  EXPECT_EQ(outcome.exit_status, 0);
  EXPECT_TRUE(outcome.has_result);
  EXPECT_EQ(outcome.result, "result text");
  EXPECT_NE(outcome.output.find("printed by the child"), std::string::npos) << outcome.output;
}

TEST(IsolatedRun, ReportsSignal) {
  const IsolatedOutcome outcome = run_isolated(
      []() -> std::string {
        std::raise(SIGABRT);
        return "unreachable";
      },
      10s);
  EXPECT_EQ(outcome.end, IsolatedOutcome::End::kSignaled);
  EXPECT_EQ(outcome.term_signal, SIGABRT);
  EXPECT_FALSE(outcome.has_result);
}

TEST(IsolatedRun, KillsChildAtTimeout) {
  const auto start = std::chrono::steady_clock::now();
  const IsolatedOutcome outcome = run_isolated(
      []() -> std::string {
        ::sleep(30);
        return "too late";
      },
      300ms);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(outcome.end, IsolatedOutcome::End::kTimedOut);
  EXPECT_FALSE(outcome.has_result);
  EXPECT_LT(elapsed, 10s);
}

TEST(IsolatedRun, ReportsExitWithoutResult) {
  const IsolatedOutcome outcome = run_isolated(
      []() -> std::string {
        std::fprintf(stderr, "giving up\n");
        std::fflush(stderr);
        ::_exit(3);
      },
      10s);
  EXPECT_EQ(outcome.end, IsolatedOutcome::End::kExited);
  EXPECT_EQ(outcome.exit_status, 3);
  EXPECT_FALSE(outcome.has_result);
  EXPECT_NE(outcome.output.find("giving up"), std::string::npos) << outcome.output;
}

TEST(IsolatedRun, ReportsEscapedException) {
  const IsolatedOutcome outcome = run_isolated([]() -> std::string { throw std::runtime_error("thrown in child"); }, 10s);
  EXPECT_EQ(outcome.end, IsolatedOutcome::End::kExited);
  EXPECT_EQ(outcome.exit_status, 1);
  EXPECT_NE(outcome.output.find("thrown in child"), std::string::npos) << outcome.output;
}

}  // namespace
}  // namespace tb::check
