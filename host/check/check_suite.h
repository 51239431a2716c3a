// The conformance suite as a whole: the list of checks and the loop that runs each
// one in a child process of its own and turns a crash or a hang into a FAIL.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "check/check.h"

namespace tb::check {

struct CheckResult {
  const CheckDefinition* definition = nullptr;
  CheckOutcome outcome;
  // The last lines the check's process printed, kept when the check failed: the
  // plugin's own diagnostics or a sanitizer report. Empty otherwise.
  std::string output_tail;
};

struct SuiteSummary {
  int passed = 0;
  int failed = 0;
  int skipped = 0;
  int optional_not_run = 0;  // optional checks left out because --strict was not given

  bool all_passed() const { return failed == 0; }
};

// Every check in the order the suite runs them, each after its prerequisites.
const std::vector<CheckDefinition>& all_checks();

// Throws std::invalid_argument naming the first entry of `names` that is not a
// check.
void validate_check_names(const std::vector<std::string>& names);

// Runs the checks that `options` selects, each in its own child process limited to
// options.timeout_s, and calls `on_result` as each one finishes. A check whose
// prerequisite failed or was skipped is reported as SKIP without running. A
// prerequisite that --only left out does not hold the check back.
SuiteSummary run_suite(const CheckOptions& options, const std::function<void(const CheckResult&)>& on_result);

}  // namespace tb::check
