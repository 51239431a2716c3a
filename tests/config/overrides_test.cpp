// Command-line overrides: the options, their effect on the matrix, and errors that
// point at the option instead of the file.
#include <gtest/gtest.h>

#include "config/matrix_validation.h"
#include "config/override_options.h"
#include "config_test_support.h"

namespace tb::testing {
namespace {

namespace po = boost::program_options;

constexpr const char* kMatrix =
    "models:\n"
    "  - {name: a, d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20}\n"
    "  - {name: b, d_model: 32, n_layers: 1, n_heads: 2, vocab_size: 20, max_seq_len: 32,\n"
    "     weights: {file: /nonexistent/b.safetensors}}\n"
    "backends:\n"
    "  - scalar\n"
    "  - {name: blis, options: {block: 64}}\n"
    "workload:\n"
    "  seq_len: [16, 32]\n";

MatrixConfig matrix() {
  MatrixParse result = parse(kMatrix);
  EXPECT_TRUE(result.errors.empty()) << all_errors(result.errors);
  return std::move(result.config);
}

MatrixOverrides read(const std::vector<std::string>& args) {
  po::options_description options;
  add_override_options(options);
  po::variables_map values;
  po::store(po::command_line_parser(args).options(options).run(), values);
  po::notify(values);
  return read_overrides(values);
}

TEST(ReadOverrides, EveryOption) {
  const MatrixOverrides overrides =
      read({"--models", "a", "--backends", "scalar,blis", "--batch-size", "1,2", "--seq-len", "64",
            "--threads", "1, 2", "--threads", "4", "--repetitions", "9", "--warmup", "0", "--min-time", "0.5",
            "--time-limit", "30", "--baseline", "blis", "--reference", "scalar"});
  EXPECT_EQ(overrides.models, (std::vector<std::string>{"a"}));
  EXPECT_EQ(overrides.backends, (std::vector<std::string>{"scalar", "blis"}));
  EXPECT_EQ(overrides.batch_sizes, (std::vector<int>{1, 2}));
  EXPECT_EQ(overrides.seq_lens, (std::vector<int>{64}));
  EXPECT_EQ(overrides.threads, (std::vector<int>{1, 2, 4}));
  EXPECT_EQ(overrides.repetitions, 9);
  EXPECT_EQ(overrides.warmup, 0);
  EXPECT_EQ(overrides.min_time_s, 0.5);
  EXPECT_EQ(overrides.time_limit_s, 30.0);
  EXPECT_EQ(overrides.baseline, "blis");
  EXPECT_EQ(overrides.reference, "scalar");
}

TEST(ReadOverrides, AbsentOptionsStayUnset) {
  const MatrixOverrides overrides = read({});
  EXPECT_FALSE(overrides.models.has_value());
  EXPECT_FALSE(overrides.backends.has_value());
  EXPECT_FALSE(overrides.threads.has_value());
  EXPECT_FALSE(overrides.repetitions.has_value());
  EXPECT_FALSE(overrides.min_time_s.has_value());
  EXPECT_FALSE(overrides.reference.has_value());
}

TEST(ReadOverrides, ReportsEveryInvalidValue) {
  try {
    read({"--threads", "1,x", "--repetitions", "0", "--min-time", "-1", "--backends", "scalar,,blis"});
    FAIL() << "read_overrides accepted invalid values";
  } catch (const ConfigErrors& errors) {
    ASSERT_EQ(errors.errors().size(), 4u) << errors.what();
    EXPECT_EQ(format_error(errors.errors()[0]),
              "command line: error: --backends: empty name in the list; separate names with single commas");
    EXPECT_EQ(format_error(errors.errors()[1]),
              "command line: error: --threads: expected a positive integer, got 'x'; give a comma-separated list "
              "such as 1,2");
    EXPECT_EQ(format_error(errors.errors()[2]),
              "command line: error: --repetitions: expected a positive integer, got '0'");
    EXPECT_EQ(format_error(errors.errors()[3]),
              "command line: error: --min-time: expected a non-negative number, got '-1' (seconds)");
  }
}

TEST(ApplyOverrides, ReplacesAxesAndSettings) {
  MatrixConfig config = matrix();
  MatrixOverrides overrides;
  overrides.batch_sizes = std::vector<int>{2, 4};
  overrides.threads = std::vector<int>{2};
  overrides.repetitions = 3;
  overrides.warmup = 1;
  overrides.min_time_s = 0.25;
  overrides.time_limit_s = 9.0;
  overrides.baseline = "blis";
  overrides.reference = "blis";
  apply_overrides(config, overrides);

  EXPECT_EQ(config.batch_sizes, (std::vector<int>{2, 4}));
  EXPECT_EQ(config.threads, (std::vector<int>{2}));
  EXPECT_EQ(config.seq_lens, (std::vector<int>{16, 32}));
  EXPECT_EQ(config.measurement.repetitions, 3);
  EXPECT_EQ(config.measurement.warmup, 1);
  EXPECT_EQ(config.measurement.min_time_s, 0.25);
  EXPECT_EQ(config.measurement.time_limit_s, 9.0);
  EXPECT_EQ(config.measurement.baseline, "blis");
  EXPECT_EQ(config.measurement.reference, "blis");
}

TEST(ApplyOverrides, SeqLenRaisesDefaultMaxSeqLenOnly) {
  MatrixConfig config = matrix();
  ASSERT_EQ(config.models[0].config.max_seq_len, 32);

  MatrixOverrides overrides;
  overrides.seq_lens = std::vector<int>{128};
  apply_overrides(config, overrides);
  EXPECT_EQ(config.models[0].config.max_seq_len, 128);
  EXPECT_EQ(config.models[1].config.max_seq_len, 32);
}

TEST(ApplyOverrides, ErrorAfterOverridePointsAtOption) {
  MatrixConfig config = matrix();
  MatrixOverrides overrides;
  overrides.seq_lens = std::vector<int>{128};
  apply_overrides(config, overrides);

  std::vector<ConfigError> errors = check_cells(config);
  ASSERT_EQ(errors.size(), 2u) << all_errors(errors);
  EXPECT_EQ(format_error(errors[0]),
            "test.yaml:4:22: error: weights file '/nonexistent/b.safetensors' not found; a relative path is relative "
            "to the config file's folder");
  EXPECT_EQ(format_error(errors[1]),
            "command line: error: --seq-len: seq_len 128 is above max_seq_len 32 of model 'b'; raise the model's "
            "max_seq_len or exclude these cells");
}

TEST(ApplyOverrides, BackendsKeepConfiguredOptions) {
  MatrixConfig config = matrix();
  MatrixOverrides overrides;
  overrides.backends = std::vector<std::string>{"blis", "libtorch"};
  overrides.reference = "blis";
  apply_overrides(config, overrides);

  ASSERT_EQ(config.backends.size(), 2u);
  EXPECT_EQ(config.backends[0].name, "blis");
  EXPECT_EQ(config.backends[0].options, (BackendOptions{{"block", "64"}}));
  EXPECT_EQ(config.backends[1].name, "libtorch");
  EXPECT_TRUE(config.backends[1].options.empty());

  const ConfigError error = only_error(check_backends(config, {"scalar", "blis"}));
  EXPECT_EQ(error.file, "command line");
  EXPECT_EQ(error.line, 0);
  EXPECT_EQ(error.message.rfind("--backends: backend 'libtorch' not found. The backends found are scalar, blis.", 0),
            0u)
      << error.message;
}

TEST(ApplyOverrides, ModelsSelectsAndRenumbersLocations) {
  MatrixConfig config = matrix();
  MatrixOverrides overrides;
  overrides.models = std::vector<std::string>{"b"};
  apply_overrides(config, overrides);

  ASSERT_EQ(config.models.size(), 1u);
  EXPECT_EQ(config.models[0].config.name, "b");
  const SourceLocation location = config.locations.find("models[0].weights.file");
  EXPECT_EQ(location.line, 4);
  EXPECT_EQ(location.column, 22);
  EXPECT_FALSE(config.locations.has("models[1]"));
  EXPECT_EQ(config.locations.find("models[0]").line, 3);
}

TEST(ApplyOverrides, UnknownModelSuggestsName) {
  MatrixConfig config = matrix();
  MatrixOverrides overrides;
  overrides.models = std::vector<std::string>{"c", "a"};
  try {
    apply_overrides(config, overrides);
    FAIL() << "apply_overrides accepted an unknown model";
  } catch (const ConfigErrors& errors) {
    ASSERT_EQ(errors.errors().size(), 1u) << errors.what();
    EXPECT_EQ(format_error(errors.errors()[0]),
              "command line: error: --models: model 'c' is not in test.yaml; did you mean 'a'?");
  }
  EXPECT_EQ(config.models.size(), 2u);
}

}  // namespace
}  // namespace tb::testing
