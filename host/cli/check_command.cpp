// `transformer-bench check PLUGIN`: the plugin conformance suite. Prints one line
// per check and a summary. The exit status is 0 only when no check failed.
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/program_options.hpp>

#include "check/check_suite.h"
#include "cli/command.h"

namespace {

namespace fs = std::filesystem;
namespace po = boost::program_options;

constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;
constexpr const char* kReferenceFileName = "tb_scalar.so";

// The scalar backend shipped beside this executable, in the build tree and in an
// installed tree alike, or an empty path when it is not there.
fs::path default_reference() {
  const fs::path executable = boost::dll::program_location().string();
  const fs::path candidate = executable.parent_path().parent_path() / TB_PLUGIN_RELATIVE_DIR / kReferenceFileName;
  std::error_code error;
  return fs::is_regular_file(candidate, error) ? candidate : fs::path();
}

void print_check_list() {
  for (const tb::check::CheckDefinition& check : tb::check::all_checks()) {
    std::printf("  %-26s %s%s\n", check.name, check.summary, check.optional ? " (--strict only)" : "");
  }
}

void print_result(const tb::check::CheckResult& result) {
  std::printf("  %s  %-26s %s\n", tb::check::status_label(result.outcome.status), result.definition->name,
              result.outcome.reason.c_str());
  if (!result.output_tail.empty()) {
    std::istringstream lines(result.output_tail);
    for (std::string line; std::getline(lines, line);) std::printf("        | %s\n", line.c_str());
  }
  std::fflush(stdout);
}

void print_summary(const tb::check::SuiteSummary& summary) {
  const int run = summary.passed + summary.failed + summary.skipped;
  std::printf("\n%s: %d of %d checks passed, %d failed, %d skipped", summary.all_passed() ? "PASSED" : "FAILED",
              summary.passed, run, summary.failed, summary.skipped);
  if (summary.optional_not_run > 0) {
    std::printf("; %d optional checks not run (add --strict)", summary.optional_not_run);
  }
  std::printf("\n");
}

void print_help(const po::options_description& options) {
  std::ostringstream text;
  text << options;
  std::printf(
      "Usage: transformer-bench check PLUGIN.so [--strict] [--reference PATH] [--timeout SECONDS] [--only NAME]...\n\n"
      "Runs the conformance suite on one backend plugin: entry point and version negotiation, metadata,\n"
      "model lifetime and leaks, forward passes compared with the reference backend within 1e-4,\n"
      "determinism, threading, and rejection of invalid input. Each check runs in a child process of its\n"
      "own, so a crash or a hang is reported as a failure of that check. The exit status is 0 when no\n"
      "check failed, 1 when one did and 2 for a usage error.\n\n%s\nChecks:\n",
      text.str().c_str());
  print_check_list();
}

int check(const std::vector<std::string>& args) {
  po::options_description options("Options");
  // clang-format off
  options.add_options()
      ("help,h", "print this help and the list of checks")
      ("strict", "also run the optional checks")
      ("reference", po::value<std::string>()->value_name("PATH"),
       "backend plugin to compare logits with; default: tb_scalar.so in the plugin folder beside the executable")
      ("timeout", po::value<double>()->default_value(60.0)->value_name("SECONDS"),
       "time limit for each check, including loading the plugin")
      ("only", po::value<std::vector<std::string>>()->composing()->value_name("NAME"),
       "run only the named check; may be repeated")
      ("list-checks", "print the checks and exit");
  // clang-format on
  po::options_description hidden;
  hidden.add_options()("plugin", po::value<std::string>());
  po::options_description all;
  all.add(options).add(hidden);
  po::positional_options_description positional;
  positional.add("plugin", 1);

  po::variables_map values;
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), values);
    po::notify(values);
  } catch (const po::error& error) {
    std::fprintf(stderr, "transformer-bench check: error: %s. Run 'transformer-bench check --help' for the options.\n",
                 error.what());
    return kExitUsage;
  }
  if (values.count("help")) {
    print_help(options);
    return 0;
  }
  if (values.count("list-checks")) {
    print_check_list();
    return 0;
  }

  tb::check::CheckOptions check_options;
  check_options.strict = values.count("strict") > 0;
  check_options.timeout_s = values["timeout"].as<double>();
  if (values.count("only")) check_options.only = values["only"].as<std::vector<std::string>>();
  try {
    tb::check::validate_check_names(check_options.only);
  } catch (const std::invalid_argument& error) {
    std::fprintf(stderr, "transformer-bench check: error: %s\n", error.what());
    return kExitUsage;
  }
  if (!(check_options.timeout_s > 0.0)) {
    std::fprintf(stderr, "transformer-bench check: error: --timeout must be a positive number of seconds\n");
    return kExitUsage;
  }

  if (!values.count("plugin")) {
    std::fprintf(stderr, "transformer-bench check: error: missing the plugin file. Usage: transformer-bench check "
                         "PLUGIN.so\n");
    return kExitUsage;
  }
  std::error_code error;
  check_options.plugin = fs::absolute(values["plugin"].as<std::string>(), error);
  if (!fs::is_regular_file(check_options.plugin, error)) {
    std::fprintf(stderr, "transformer-bench check: error: plugin file not found: %s\n", check_options.plugin.c_str());
    return kExitUsage;
  }
  if (values.count("reference")) {
    check_options.reference = fs::absolute(values["reference"].as<std::string>(), error);
    if (!fs::is_regular_file(check_options.reference, error)) {
      std::fprintf(stderr, "transformer-bench check: error: reference plugin not found: %s\n",
                   check_options.reference.c_str());
      return kExitUsage;
    }
  } else {
    check_options.reference = default_reference();
  }

  std::printf("Checking %s\n", check_options.plugin.c_str());
  if (check_options.reference.empty()) {
    std::printf("Reference: none found beside the executable; the comparisons will be skipped (see --reference)\n\n");
  } else {
    std::printf("Reference: %s\n\n", check_options.reference.c_str());
  }

  const tb::check::SuiteSummary summary = tb::check::run_suite(check_options, print_result);
  print_summary(summary);
  return summary.all_passed() ? 0 : kExitFailed;
}

}  // namespace

TB_REGISTER_COMMAND(check_command, "check", "run the conformance suite on a backend plugin", false, &check);
