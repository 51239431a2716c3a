// The vocabulary of the plugin conformance suite: one check, its outcome and the
// options a run takes. The checks themselves live in the *_checks.cpp files of this
// folder, and check_suite.h runs them.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace tb::check {

class CheckContext;

enum class CheckStatus { kPass, kFail, kSkip };

// "PASS", "FAIL" or "SKIP".
const char* status_label(CheckStatus status);

struct CheckOutcome {
  CheckStatus status = CheckStatus::kFail;
  std::string reason;  // one line: what was verified, or what went wrong
};

inline CheckOutcome pass(std::string reason) { return {CheckStatus::kPass, std::move(reason)}; }
inline CheckOutcome fail(std::string reason) { return {CheckStatus::kFail, std::move(reason)}; }
inline CheckOutcome skip(std::string reason) { return {CheckStatus::kSkip, std::move(reason)}; }

// Thrown by a check's helpers to end the check with FAIL and this message.
class CheckFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct CheckDefinition {
  const char* name;     // [a-z0-9_]+, unique; accepted by --only
  const char* summary;  // one line for --list-checks
  bool optional;        // run only with --strict
  // Checks that must have passed for this one to run. A failed or skipped
  // prerequisite turns this check into SKIP.
  std::vector<std::string> prerequisites;
  // Runs in a child process of its own, so it may crash or hang without taking the
  // checker with it. Throwing CheckFailure or any std::exception means FAIL.
  CheckOutcome (*run)(CheckContext& context);
};

struct CheckOptions {
  std::filesystem::path plugin;
  // The backend every forward pass is compared with. Empty when none was found;
  // the comparisons then SKIP.
  std::filesystem::path reference;
  bool strict = false;
  double timeout_s = 60.0;           // per check, including loading the plugin
  std::vector<std::string> only;     // names of the checks to run; empty means all
};

}  // namespace tb::check
