#include "config/override_options.h"

#include <string>
#include <vector>

#include "config/scalar_values.h"

namespace tb {

namespace po = boost::program_options;

namespace {

class OptionReader {
 public:
  explicit OptionReader(const po::variables_map& values) : values_(values) {}

  std::optional<std::vector<std::string>> names(const char* option) {
    std::optional<std::vector<std::string>> items = list_items(option);
    if (!items) return std::nullopt;
    for (const std::string& item : *items) {
      if (item.empty()) return fail(option, "empty name in the list; separate names with single commas");
    }
    return items;
  }

  std::optional<std::vector<int>> positive_ints(const char* option) {
    std::optional<std::vector<std::string>> items = list_items(option);
    if (!items) return std::nullopt;

    std::vector<int> values;
    for (const std::string& item : *items) {
      Parsed<int> parsed = parse_int(item, Sign::kPositive);
      if (!parsed.value) return fail(option, parsed.error + "; give a comma-separated list such as 1,2");
      values.push_back(*parsed.value);
    }
    return values;
  }

  std::optional<int> integer(const char* option, Sign sign) {
    if (!values_.count(option)) return std::nullopt;
    Parsed<int> parsed = parse_int(values_[option].as<std::string>(), sign);
    if (!parsed.value) fail(option, parsed.error);
    return parsed.value;
  }

  std::optional<double> seconds(const char* option, Sign sign) {
    if (!values_.count(option)) return std::nullopt;
    Parsed<double> parsed = parse_real(values_[option].as<std::string>(), sign);
    if (!parsed.value) fail(option, parsed.error + " (seconds)");
    return parsed.value;
  }

  std::optional<std::string> name(const char* option) {
    if (!values_.count(option)) return std::nullopt;
    std::string value = values_[option].as<std::string>();
    if (value.empty()) return fail(option, "expected a backend name, got ''");
    return value;
  }

  std::vector<ConfigError> take_errors() { return std::move(errors_); }

 private:
  // Every item of every occurrence of a list option, or nothing when it is absent.
  std::optional<std::vector<std::string>> list_items(const char* option) {
    if (!values_.count(option)) return std::nullopt;
    std::vector<std::string> items;
    for (const std::string& occurrence : values_[option].as<std::vector<std::string>>()) {
      for (std::string& item : split_list(occurrence)) items.push_back(std::move(item));
    }
    return items;
  }

  // Records an error on `option` and returns an empty value of any type.
  std::nullopt_t fail(const char* option, const std::string& message) {
    errors_.push_back(ConfigError{kCommandLine, 0, 0, std::string("--") + option, std::string("--") + option + ": " + message});
    return std::nullopt;
  }

  const po::variables_map& values_;
  std::vector<ConfigError> errors_;
};

}  // namespace

void add_override_options(po::options_description& options) {
  using List = std::vector<std::string>;
  // clang-format off
  options.add_options()
      ("models", po::value<List>()->composing()->value_name("NAME,..."),
       "run only these models of the config, by name")
      ("backends", po::value<List>()->composing()->value_name("NAME,..."),
       "run these backends instead of the config's list")
      ("batch-size", po::value<List>()->composing()->value_name("N,..."), "batch sizes to run")
      ("seq-len", po::value<List>()->composing()->value_name("N,..."), "sequence lengths to run, in tokens")
      ("threads", po::value<List>()->composing()->value_name("N,..."), "thread counts to run")
      ("repetitions", po::value<std::string>()->value_name("N"), "timed forward calls per cell, at least")
      ("warmup", po::value<std::string>()->value_name("N"), "untimed forward calls per cell before timing")
      ("min-time", po::value<std::string>()->value_name("SECONDS"),
       "keep repeating a cell until this much time is timed")
      ("time-limit", po::value<std::string>()->value_name("SECONDS"),
       "stop a cell that runs longer than this and report it as timed out")
      ("baseline", po::value<std::string>()->value_name("BACKEND"), "backend that speedups are relative to")
      ("reference", po::value<std::string>()->value_name("BACKEND"), "backend whose logits the others must match");
  // clang-format on
}

MatrixOverrides read_overrides(const po::variables_map& values) {
  OptionReader reader(values);
  MatrixOverrides overrides;
  overrides.models = reader.names("models");
  overrides.backends = reader.names("backends");
  overrides.batch_sizes = reader.positive_ints("batch-size");
  overrides.seq_lens = reader.positive_ints("seq-len");
  overrides.threads = reader.positive_ints("threads");
  overrides.repetitions = reader.integer("repetitions", Sign::kPositive);
  overrides.warmup = reader.integer("warmup", Sign::kNonNegative);
  overrides.min_time_s = reader.seconds("min-time", Sign::kNonNegative);
  overrides.time_limit_s = reader.seconds("time-limit", Sign::kPositive);
  overrides.baseline = reader.name("baseline");
  overrides.reference = reader.name("reference");
  throw_if_errors(reader.take_errors());
  return overrides;
}

}  // namespace tb
