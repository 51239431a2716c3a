#include "check/check_suite.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <stdexcept>

#include "check/check_context.h"
#include "check/check_groups.h"
#include "check/isolated_run.h"
#include "plugin/plugin.h"
#include "system/signal_name.h"

namespace tb::check {

namespace {

constexpr size_t kOutputTailLines = 8;

std::vector<CheckDefinition> build_check_list() {
  std::vector<CheckDefinition> checks;
  add_entry_point_checks(checks);
  add_metadata_checks(checks);
  add_lifecycle_checks(checks);
  add_forward_checks(checks);
  add_threading_checks(checks);
  add_bad_input_checks(checks);
  return checks;
}

std::string one_line(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

// The child's side: runs the check and encodes the outcome as "<LABEL>\n<reason>".
std::string run_in_child(const CheckDefinition& check, const CheckOptions& options) {
  CheckContext context(options);
  CheckOutcome outcome;
  try {
    outcome = check.run(context);
  } catch (const CheckFailure& failure) {
    outcome = fail(failure.what());
  } catch (const PluginLoadError& error) {
    outcome = fail(std::string("the plugin does not load: ") + error.what());
  } catch (const std::exception& error) {
    outcome = fail(std::string("unexpected error: ") + error.what());
  }
  return std::string(status_label(outcome.status)) + "\n" + one_line(outcome.reason);
}

CheckOutcome decode_outcome(const std::string& encoded) {
  const size_t newline = encoded.find('\n');
  const std::string label = encoded.substr(0, newline);
  const std::string reason = newline == std::string::npos ? "" : encoded.substr(newline + 1);
  if (label == "PASS") return pass(reason);
  if (label == "SKIP") return skip(reason);
  return fail(reason);
}

std::string last_lines(const std::string& text, size_t max_lines) {
  const size_t last = text.find_last_not_of('\n');
  if (last == std::string::npos) return "";

  const size_t end = last + 1;
  size_t start = end;
  size_t newlines = 0;
  while (start > 0) {
    if (text[start - 1] == '\n' && ++newlines == max_lines) break;
    --start;
  }
  return text.substr(start, end - start);
}

// ": SUMMARY: AddressSanitizer: ..." when a sanitizer reported an error in the
// check's process (a crash in a sanitizer build, or a leak), or an empty string.
std::string sanitizer_summary(const std::string& output) {
  const size_t start = output.rfind("SUMMARY: ");
  if (start == std::string::npos) return "";
  const size_t end = output.find('\n', start);
  return ": " + output.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

std::string format_seconds(double seconds) {
  const double rounded = std::round(seconds * 10.0) / 10.0;
  std::string text = std::to_string(rounded);
  text.erase(text.find_last_not_of('0') + 1);
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text + " s";
}

CheckResult run_isolated_check(const CheckDefinition& check, const CheckOptions& options) {
  const auto timeout = std::chrono::milliseconds(static_cast<int64_t>(options.timeout_s * 1000.0));
  const IsolatedOutcome isolated = run_isolated([&] { return run_in_child(check, options); }, timeout);

  CheckResult result;
  result.definition = &check;
  switch (isolated.end) {
    case IsolatedOutcome::End::kTimedOut:
      result.outcome = fail("timed out after " + format_seconds(options.timeout_s) +
                            " (the check's process was killed); raise the limit with --timeout");
      break;
    case IsolatedOutcome::End::kSignaled:
      result.outcome = fail("crashed with " + signal_name(isolated.term_signal));
      break;
    case IsolatedOutcome::End::kExited:
      if (isolated.has_result && isolated.exit_status == 0) {
        result.outcome = decode_outcome(isolated.result);
      } else {
        result.outcome = fail("the check's process exited with status " + std::to_string(isolated.exit_status) +
                              " without a result");
      }
      break;
  }
  if (result.outcome.status == CheckStatus::kFail) {
    result.outcome.reason += sanitizer_summary(isolated.output);
    result.output_tail = last_lines(isolated.output, kOutputTailLines);
  }
  return result;
}

bool is_selected(const CheckDefinition& check, const CheckOptions& options) {
  if (options.only.empty()) return true;
  return std::find(options.only.begin(), options.only.end(), check.name) != options.only.end();
}

}  // namespace

const char* status_label(CheckStatus status) {
  switch (status) {
    case CheckStatus::kPass: return "PASS";
    case CheckStatus::kFail: return "FAIL";
    case CheckStatus::kSkip: return "SKIP";
  }
  return "FAIL";
}

const std::vector<CheckDefinition>& all_checks() {
  static const std::vector<CheckDefinition> checks = build_check_list();
  return checks;
}

void validate_check_names(const std::vector<std::string>& names) {
  for (const std::string& name : names) {
    const auto& checks = all_checks();
    const bool known = std::any_of(checks.begin(), checks.end(), [&](const CheckDefinition& check) {
      return name == check.name;
    });
    if (!known) throw std::invalid_argument("unknown check '" + name + "'; --list-checks shows the names");
  }
}

SuiteSummary run_suite(const CheckOptions& options, const std::function<void(const CheckResult&)>& on_result) {
  SuiteSummary summary;
  std::map<std::string, CheckStatus> finished;

  for (const CheckDefinition& check : all_checks()) {
    if (!is_selected(check, options)) continue;
    if (check.optional && !options.strict) {
      ++summary.optional_not_run;
      continue;
    }

    CheckResult result;
    result.definition = &check;
    std::string blocking;
    for (const std::string& prerequisite : check.prerequisites) {
      const auto found = finished.find(prerequisite);
      if (found != finished.end() && found->second != CheckStatus::kPass) {
        blocking = prerequisite;
        break;
      }
    }
    if (!blocking.empty()) {
      result.outcome = skip("needs " + blocking + ", which did not pass");
    } else {
      result = run_isolated_check(check, options);
    }

    finished[check.name] = result.outcome.status;
    switch (result.outcome.status) {
      case CheckStatus::kPass: ++summary.passed; break;
      case CheckStatus::kFail: ++summary.failed; break;
      case CheckStatus::kSkip: ++summary.skipped; break;
    }
    on_result(result);
  }
  return summary;
}

}  // namespace tb::check
