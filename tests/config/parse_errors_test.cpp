// Every class of error the parser reports, each at its exact 1-based line and column.
#include <gtest/gtest.h>

#include "config_test_support.h"

namespace tb::testing {
namespace {

TEST(ParseErrors, UnknownKeySuggestsClosest) {
  const MatrixParse result = parse(
      "models:\n"
      "  - {d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20}\n"
      "measurement:\n"
      "  repetiton: 5\n");
  const ConfigError error = only_error(result.errors);
  EXPECT_EQ(error.file, "test.yaml");
  EXPECT_EQ(error.line, 4);
  EXPECT_EQ(error.column, 3);
  EXPECT_EQ(error.key, "measurement.repetiton");
  EXPECT_EQ(error.message, "unknown key 'repetiton' in measurement; did you mean 'repetitions'?");
  EXPECT_EQ(format_error(error),
            "test.yaml:4:3: error: unknown key 'repetiton' in measurement; did you mean 'repetitions'?");
}

TEST(ParseErrors, UnknownKeyWithoutCloseMatchListsKeys) {
  const MatrixParse result = parse(
      "models:\n"
      "  - {d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20}\n"
      "colour: blue\n");
  const ConfigError error = only_error(result.errors);
  EXPECT_EQ(error.line, 3);
  EXPECT_EQ(error.column, 1);
  EXPECT_EQ(error.message,
            "unknown key 'colour' in the top level; valid keys are 'models', 'backends', 'workload', 'measurement'");
}

TEST(ParseErrors, MisspeltTopLevelKey) {
  const MatrixParse result = parse("model:\n  - {d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20}\n");
  ASSERT_EQ(result.errors.size(), 2u) << all_errors(result.errors);
  EXPECT_EQ(result.errors[0].line, 1);
  EXPECT_EQ(result.errors[0].column, 1);
  EXPECT_EQ(result.errors[0].message, "unknown key 'model' in the top level; did you mean 'models'?");
  EXPECT_EQ(result.errors[1].line, 1);
  EXPECT_EQ(result.errors[1].column, 1);
  EXPECT_EQ(result.errors[1].message, "missing key 'models'; describe at least one model (see docs/config.md)");
}

TEST(ParseErrors, WordWhereIntegerExpected) {
  const MatrixParse result = parse(
      "models:\n"
      "  - d_model: abc\n"
      "    n_layers: 1\n"
      "    n_heads: 2\n"
      "    vocab_size: 20\n");
  const ConfigError error = only_error(result.errors);
  EXPECT_EQ(error.line, 2);
  EXPECT_EQ(error.column, 14);
  EXPECT_EQ(error.key, "models[0].d_model");
  EXPECT_EQ(error.message, "models[0].d_model: expected a positive integer, got 'abc'");
}

TEST(ParseErrors, ZeroAndNegativeSizes) {
  const MatrixParse result = parse(
      "models:\n"
      "  - d_model: 16\n"
      "    n_layers: 0\n"
      "    n_heads: 2\n"
      "    vocab_size: -5\n");
  ASSERT_EQ(result.errors.size(), 2u) << all_errors(result.errors);
  EXPECT_EQ(result.errors[0].line, 3);
  EXPECT_EQ(result.errors[0].column, 15);
  EXPECT_EQ(result.errors[0].message, "models[0].n_layers: expected a positive integer, got '0'");
  EXPECT_EQ(result.errors[1].line, 5);
  EXPECT_EQ(result.errors[1].column, 17);
  EXPECT_EQ(result.errors[1].message, "models[0].vocab_size: expected a positive integer, got '-5'");
}

TEST(ParseErrors, IntegerOverflow) {
  const MatrixParse result = parse(
      "models:\n"
      "  - {d_model: 99999999999999999999999, n_layers: 1, n_heads: 2, vocab_size: 20}\n");
  const ConfigError error = only_error(result.errors);
  EXPECT_EQ(error.line, 2);
  EXPECT_EQ(error.column, 15);
  EXPECT_EQ(error.message,
            "models[0].d_model: expected a positive integer no larger than 2147483647, got "
            "'99999999999999999999999'");
}

TEST(ParseErrors, ListWhereIntegerExpected) {
  const MatrixParse result = parse("models:\n  - {d_model: [16], n_layers: 1, n_heads: 2, vocab_size: 20}\n");
  const ConfigError error = only_error(result.errors);
  EXPECT_EQ(error.line, 2);
  EXPECT_EQ(error.column, 15);
  EXPECT_EQ(error.message, "models[0].d_model: expected a positive integer, got a list");
}

TEST(ParseErrors, EmptyValuePointsAtKey) {
  const MatrixParse result = parse(
      "models:\n"
      "  - d_model:\n"
      "    n_layers: 1\n"
      "    n_heads: 2\n"
      "    vocab_size: 20\n");
  const ConfigError error = only_error(result.errors);
  EXPECT_EQ(error.line, 2);
  EXPECT_EQ(error.column, 5);
  EXPECT_EQ(error.message, "models[0].d_model: expected a positive integer, got an empty value");
}

TEST(ParseErrors, DModelNotDivisibleByHeads) {
  const MatrixParse result = parse(
      "models:\n"
      "  - d_model: 30\n"
      "    n_layers: 1\n"
      "    n_heads: 4\n"
      "    vocab_size: 20\n");
  const ConfigError error = only_error(result.errors);
  EXPECT_EQ(error.line, 4);
  EXPECT_EQ(error.column, 14);
  EXPECT_EQ(error.key, "models[0].n_heads");
  EXPECT_EQ(error.message,
            "models[0].n_heads: d_model 30 is not divisible by n_heads 4; choose a head count that divides d_model");
}

TEST(ParseErrors, MissingModelKey) {
  const MatrixParse result = parse(
      "models:\n"
      "  - d_model: 16\n"
      "    n_layers: 1\n"
      "    n_heads: 2\n");
  const ConfigError error = only_error(result.errors);
  EXPECT_EQ(error.line, 2);
  EXPECT_EQ(error.column, 5);
  EXPECT_EQ(error.message, "models[0]: missing key 'vocab_size'");
}

TEST(ParseErrors, DuplicateModelName) {
  const MatrixParse result = parse(
      "models:\n"
      "  - {name: tiny, d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20}\n"
      "  - {name: tiny, d_model: 32, n_layers: 2, n_heads: 4, vocab_size: 50}\n");
  const ConfigError error = only_error(result.errors);
  EXPECT_EQ(error.line, 3);
  EXPECT_EQ(error.column, 12);
  EXPECT_EQ(error.key, "models[1].name");
  EXPECT_EQ(error.message,
            "models[1].name: duplicate model name 'tiny', first used by models[0] on line 2; give one of them a "
            "different 'name'");
}

TEST(ParseErrors, DuplicateDefaultModelName) {
  const MatrixParse result = parse(
      "models:\n"
      "  - {d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20}\n"
      "  - {d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 50}\n");
  const ConfigError error = only_error(result.errors);
  EXPECT_EQ(error.line, 3);
  EXPECT_EQ(error.column, 5);
  EXPECT_NE(error.message.find("duplicate model name '16d_1l_2h'"), std::string::npos) << error.message;
}

TEST(ParseErrors, InvalidModelName) {
  const MatrixParse result = parse("models:\n  - {name: 'a b', d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20}\n");
  const ConfigError error = only_error(result.errors);
  EXPECT_EQ(error.line, 2);
  EXPECT_EQ(error.column, 12);
  EXPECT_EQ(error.message, "models[0].name: invalid model name 'a b'; use letters, digits, '_', '-' and '.'");
}

TEST(ParseErrors, DuplicateKey) {
  const MatrixParse result = parse(
      "models:\n"
      "  - {d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20}\n"
      "measurement:\n"
      "  warmup: 1\n"
      "  warmup: 2\n");
  const ConfigError error = only_error(result.errors);
  EXPECT_EQ(error.line, 5);
  EXPECT_EQ(error.column, 3);
  EXPECT_EQ(error.message, "duplicate key 'warmup' in measurement (first given on line 4); remove one of them");
}

TEST(ParseErrors, ToleranceNotPositive) {
  const MatrixParse result = parse(
      "models:\n"
      "  - {d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20}\n"
      "measurement:\n"
      "  tolerance: 0\n");
  const ConfigError error = only_error(result.errors);
  EXPECT_EQ(error.line, 4);
  EXPECT_EQ(error.column, 14);
  EXPECT_EQ(error.message, "measurement.tolerance: expected a positive number, got '0'");
}

TEST(ParseErrors, InfinityIsNotANumber) {
  const MatrixParse result = parse(
      "models:\n"
      "  - {d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20}\n"
      "measurement:\n"
      "  time_limit: .inf\n");
  const ConfigError error = only_error(result.errors);
  EXPECT_EQ(error.line, 4);
  EXPECT_EQ(error.column, 15);
  EXPECT_EQ(error.message, "measurement.time_limit: expected a positive number, got '.inf'");
}

TEST(ParseErrors, AxisValueNotPositive) {
  const MatrixParse result = parse(
      "models:\n"
      "  - {d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20}\n"
      "workload:\n"
      "  threads: [1, 0]\n");
  const ConfigError error = only_error(result.errors);
  EXPECT_EQ(error.line, 4);
  EXPECT_EQ(error.column, 16);
  EXPECT_EQ(error.key, "workload.threads[1]");
  EXPECT_EQ(error.message, "workload.threads[1]: expected a positive integer, got '0'");
}

TEST(ParseErrors, EmptyAxis) {
  const MatrixParse result = parse(
      "models:\n"
      "  - {d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20}\n"
      "workload:\n"
      "  seq_len: []\n");
  const ConfigError error = only_error(result.errors);
  EXPECT_EQ(error.line, 4);
  EXPECT_EQ(error.column, 12);
  EXPECT_EQ(error.message, "workload.seq_len: the list is empty; give at least one value");
}

TEST(ParseErrors, MapWhereListExpected) {
  const MatrixParse result = parse(
      "models:\n"
      "  d_model: 16\n");
  const ConfigError error = only_error(result.errors);
  EXPECT_EQ(error.line, 2);
  EXPECT_EQ(error.column, 3);
  EXPECT_EQ(error.message, "models: expected a list, got a map");
}

TEST(ParseErrors, ExcludeNamesUnknownModel) {
  const MatrixParse result = parse(
      "models:\n"
      "  - {d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20}\n"
      "workload:\n"
      "  exclude:\n"
      "    - {model: 16d_1l_3h}\n");
  const ConfigError error = only_error(result.errors);
  EXPECT_EQ(error.line, 5);
  EXPECT_EQ(error.column, 15);
  EXPECT_EQ(error.message,
            "workload.exclude[0].model: model '16d_1l_3h' is not in the matrix; did you mean '16d_1l_2h'?");
}

TEST(ParseErrors, EmptyExcludeRule) {
  const MatrixParse result = parse(
      "models:\n"
      "  - {d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20}\n"
      "workload:\n"
      "  exclude:\n"
      "    - {}\n");
  const ConfigError error = only_error(result.errors);
  EXPECT_EQ(error.line, 5);
  EXPECT_EQ(error.column, 7);
  EXPECT_NE(error.message.find("the rule is empty and would exclude every cell"), std::string::npos) << error.message;
}

TEST(ParseErrors, WeightsFromFileAndSeed) {
  const MatrixParse result = parse(
      "models:\n"
      "  - d_model: 16\n"
      "    n_layers: 1\n"
      "    n_heads: 2\n"
      "    vocab_size: 20\n"
      "    weights: {file: w.safetensors, seed: 3}\n");
  const ConfigError error = only_error(result.errors);
  EXPECT_EQ(error.line, 6);
  EXPECT_EQ(error.column, 42);
  EXPECT_EQ(error.message,
            "models[0].weights.seed: weights come either from 'file' or from 'init' and 'seed', not both; remove one");
}

TEST(ParseErrors, UnknownInitMethod) {
  const MatrixParse result = parse(
      "models:\n"
      "  - {d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20, weights: {init: uniform}}\n");
  const ConfigError error = only_error(result.errors);
  EXPECT_EQ(error.line, 2);
  EXPECT_EQ(error.column, 76);
  EXPECT_EQ(error.message, "models[0].weights.init: unknown init method 'uniform'; the only one is 'normal'");
}

TEST(ParseErrors, SeedOutOfRange) {
  const MatrixParse result = parse(
      "models:\n"
      "  - {d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20, weights: {seed: -1}}\n");
  const ConfigError error = only_error(result.errors);
  EXPECT_EQ(error.line, 2);
  EXPECT_EQ(error.column, 76);
  EXPECT_EQ(error.message, "models[0].weights.seed: expected an integer from 0 to 18446744073709551615, got '-1'");
}

TEST(ParseErrors, BackendOptionNotScalar) {
  const MatrixParse result = parse(
      "models:\n"
      "  - {d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20}\n"
      "backends:\n"
      "  - name: blis\n"
      "    options: {block: [1, 2]}\n");
  const ConfigError error = only_error(result.errors);
  EXPECT_EQ(error.line, 5);
  EXPECT_EQ(error.column, 22);
  EXPECT_EQ(error.message,
            "backends[0].options.block: expected a scalar option value, got a list; options are passed to the backend "
            "as strings");
}

TEST(ParseErrors, YamlSyntaxErrorKeepsYamlPosition) {
  // yaml-cpp reads "backends" as the next item of the unclosed flow sequence and
  // stops at the ':' after it.
  const MatrixParse result = parse("models: [1\nbackends: x\n");
  EXPECT_FALSE(result.has_document);
  const ConfigError error = only_error(result.errors);
  EXPECT_EQ(error.line, 2);
  EXPECT_EQ(error.column, 9);
  EXPECT_EQ(error.message, "invalid YAML: end of sequence flow not found");
}

TEST(ParseErrors, TabIndentation) {
  // yaml-cpp skips the tab and rejects the '-' after it.
  const MatrixParse result = parse("models:\n\t- {d_model: 16}\n");
  EXPECT_FALSE(result.has_document);
  const ConfigError error = only_error(result.errors);
  EXPECT_EQ(error.line, 2);
  EXPECT_EQ(error.column, 2);
  EXPECT_EQ(error.message, "invalid YAML: illegal block entry");
}

TEST(ParseErrors, EmptyFile) {
  const MatrixParse result = parse("");
  EXPECT_FALSE(result.has_document);
  const ConfigError error = only_error(result.errors);
  EXPECT_EQ(error.line, 1);
  EXPECT_EQ(error.column, 1);
  EXPECT_EQ(error.message,
            "the file contains no YAML document; a matrix needs at least a 'models' list (see docs/config.md)");
}

TEST(ParseErrors, ScalarDocument) {
  const MatrixParse result = parse("hello\n");
  const ConfigError error = only_error(result.errors);
  EXPECT_EQ(error.line, 1);
  EXPECT_EQ(error.column, 1);
  EXPECT_EQ(error.message,
            "expected a map with keys 'models', 'backends', 'workload', 'measurement', got 'hello'");
}

TEST(ParseErrors, SecondDocument) {
  const MatrixParse result = parse(
      "models:\n"
      "  - {d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20}\n"
      "---\n"
      "models: []\n");
  const ConfigError error = only_error(result.errors);
  EXPECT_EQ(error.line, 3);
  EXPECT_EQ(error.column, 1);
  EXPECT_EQ(error.message,
            "the file contains 2 YAML documents; a matrix is one document, so remove every '---' after the first");
}

TEST(ParseErrors, StrayCommaAtLineStart) {
  // yaml-cpp 0.7.0 reports no error here itself; its LoadAll() would loop forever.
  const MatrixParse result = parse(
      "# a comment\n"
      ", models: 1\n");
  EXPECT_FALSE(result.has_document);
  const ConfigError error = only_error(result.errors);
  EXPECT_EQ(error.line, 2);
  EXPECT_EQ(error.column, 1);
  EXPECT_EQ(error.message, "invalid YAML: unexpected ','; quote a value that starts with it");
}

TEST(ParseErrors, SeveralErrorsInDocumentOrder) {
  const MatrixParse result = parse(
      "models:\n"
      "  - {d_model: 30, n_layers: 1, n_heads: 4, vocab_size: 20}\n"
      "  - {d_model: 16, n_layers: x, n_heads: 2, vocab_size: 20}\n"
      "workload:\n"
      "  threads: [1, 0]\n"
      "measurement:\n"
      "  tolerance: -1\n"
      "  repetiton: 5\n");
  ASSERT_EQ(result.errors.size(), 5u) << all_errors(result.errors);

  EXPECT_EQ(result.errors[0].key, "models[0].n_heads");
  EXPECT_EQ(result.errors[0].line, 2);
  EXPECT_EQ(result.errors[0].column, 41);

  EXPECT_EQ(result.errors[1].key, "models[1].n_layers");
  EXPECT_EQ(result.errors[1].line, 3);
  EXPECT_EQ(result.errors[1].column, 29);

  EXPECT_EQ(result.errors[2].key, "workload.threads[1]");
  EXPECT_EQ(result.errors[2].line, 5);
  EXPECT_EQ(result.errors[2].column, 16);

  EXPECT_EQ(result.errors[3].key, "measurement.tolerance");
  EXPECT_EQ(result.errors[3].line, 7);
  EXPECT_EQ(result.errors[3].column, 14);

  EXPECT_EQ(result.errors[4].key, "measurement.repetiton");
  EXPECT_EQ(result.errors[4].line, 8);
  EXPECT_EQ(result.errors[4].column, 3);
}

TEST(ParseErrors, LoadThrowsEveryError) {
  try {
    load_matrix_string("models:\n  - {d_model: 0, n_layers: 0, n_heads: 2, vocab_size: 20}\n", kTestFile);
    FAIL() << "load_matrix_string accepted an invalid matrix";
  } catch (const ConfigErrors& errors) {
    ASSERT_EQ(errors.errors().size(), 2u);
    EXPECT_STREQ(errors.what(),
                 "test.yaml:2:15: error: models[0].d_model: expected a positive integer, got '0'\n"
                 "test.yaml:2:28: error: models[0].n_layers: expected a positive integer, got '0'");
  }
}

TEST(ParseErrors, MissingFile) {
  const MatrixParse result = parse_matrix_file("/nonexistent/matrix.yaml");
  EXPECT_FALSE(result.has_document);
  const ConfigError error = only_error(result.errors);
  EXPECT_EQ(format_error(error), "/nonexistent/matrix.yaml: error: config file not found; check the path");
}

}  // namespace
}  // namespace tb::testing
