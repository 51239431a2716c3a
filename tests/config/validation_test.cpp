// The checks that run after parsing: backends against the ones found, the reference
// and baseline, seq_len against max_seq_len, exclusion, limits and weight files. The
// available backends are given as names, so no plugin is loaded.
#include <cstdio>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "config/matrix_validation.h"
#include "config/prepare_matrix.h"
#include "config_test_support.h"

namespace tb::testing {
namespace {

const std::vector<std::string> kFound = {"scalar", "blis"};

constexpr const char* kOneModel = "models:\n  - {d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20}\n";

MatrixConfig parse_valid(const std::string& yaml) {
  MatrixParse result = parse(yaml);
  EXPECT_TRUE(result.errors.empty()) << all_errors(result.errors);
  return std::move(result.config);
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(ValidateMatrix, ValidMatrixHasNoErrors) {
  const MatrixConfig config = parse_valid(std::string(kOneModel) + "backends: [scalar, blis]\n");
  EXPECT_TRUE(validate_matrix(config, kFound).empty()) << all_errors(validate_matrix(config, kFound));
}

TEST(ValidateMatrix, BackendNotFoundListsFoundOnes) {
  const MatrixConfig config = parse_valid(std::string(kOneModel) + "backends: [scalar, blsi]\n");
  const ConfigError error = only_error(validate_matrix(config, kFound));
  EXPECT_EQ(error.line, 3);
  EXPECT_EQ(error.column, 20);
  EXPECT_EQ(error.key, "backends[1]");
  EXPECT_TRUE(contains(error.message, "backend 'blsi' not found; did you mean 'blis'?")) << error.message;
  EXPECT_TRUE(contains(error.message, "The backends found are scalar, blis.")) << error.message;
  EXPECT_TRUE(contains(error.message, "--plugin-dir")) << error.message;
}

TEST(ValidateMatrix, NoBackendsFoundAtAll) {
  const MatrixConfig config = parse_valid(kOneModel);
  const ConfigError error = only_error(validate_matrix(config, std::vector<std::string>{}));
  EXPECT_EQ(error.file, "test.yaml");
  EXPECT_TRUE(contains(error.message, "no backends were found")) << error.message;
}

TEST(ValidateMatrix, ReferenceNotInMatrix) {
  const MatrixConfig config =
      parse_valid(std::string(kOneModel) + "backends: [blis]\nmeasurement:\n  reference: scalar\n");
  const ConfigError error = only_error(validate_matrix(config, kFound));
  EXPECT_EQ(error.line, 5);
  EXPECT_EQ(error.column, 14);
  EXPECT_EQ(error.message,
            "reference backend 'scalar' is not among the matrix's backends (blis); add it to backends or set "
            "measurement.reference to one of them");
}

TEST(ValidateMatrix, DefaultReferenceNotInMatrixPointsAtBackends) {
  const MatrixConfig config = parse_valid(std::string(kOneModel) + "backends: [blis]\n");
  const ConfigError error = only_error(validate_matrix(config, kFound));
  EXPECT_EQ(error.line, 3);
  EXPECT_EQ(error.column, 11);
  EXPECT_TRUE(contains(error.message, "reference backend 'scalar'")) << error.message;
}

TEST(ValidateMatrix, BaselineNotInMatrix) {
  const MatrixConfig config =
      parse_valid(std::string(kOneModel) + "backends: [scalar]\nmeasurement: {baseline: blis}\n");
  const ConfigError error = only_error(validate_matrix(config, kFound));
  EXPECT_EQ(error.line, 4);
  EXPECT_EQ(error.column, 25);
  EXPECT_TRUE(contains(error.message, "baseline backend 'blis' is not among the matrix's backends (scalar)"))
      << error.message;
}

TEST(ValidateMatrix, ReferenceNotFoundWhenEveryBackendRuns) {
  const MatrixConfig config = parse_valid(std::string(kOneModel) + "measurement: {reference: torch}\n");
  const ConfigError error = only_error(validate_matrix(config, kFound));
  EXPECT_EQ(error.line, 3);
  EXPECT_EQ(error.column, 26);
  EXPECT_TRUE(contains(error.message, "reference backend 'torch' not found")) << error.message;
}

TEST(ValidateMatrix, BackendListedTwice) {
  const MatrixConfig config = parse_valid(std::string(kOneModel) + "backends: [scalar, scalar]\n");
  const ConfigError error = only_error(validate_matrix(config, kFound));
  EXPECT_EQ(error.line, 3);
  EXPECT_EQ(error.column, 20);
  EXPECT_EQ(error.message, "backend 'scalar' is listed twice; list each backend once");
}

TEST(ValidateMatrix, SeqLenAboveMaxSeqLen) {
  const MatrixConfig config = parse_valid(
      "models:\n"
      "  - {d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20, max_seq_len: 32}\n"
      "backends: [scalar]\n"
      "workload:\n"
      "  seq_len: [16, 64]\n");
  const ConfigError error = only_error(validate_matrix(config, kFound));
  EXPECT_EQ(error.line, 5);
  EXPECT_EQ(error.column, 17);
  EXPECT_EQ(error.key, "workload.seq_len[1]");
  EXPECT_EQ(error.message,
            "seq_len 64 is above max_seq_len 32 of model '16d_1l_2h'; raise the model's max_seq_len or exclude "
            "these cells");
}

TEST(ValidateMatrix, ExcludedLongSeqLenPasses) {
  const MatrixConfig config = parse_valid(
      "models:\n"
      "  - {d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20, max_seq_len: 32}\n"
      "  - {d_model: 32, n_layers: 1, n_heads: 2, vocab_size: 20}\n"
      "backends: [scalar]\n"
      "workload:\n"
      "  seq_len: [16, 64]\n"
      "  exclude:\n"
      "    - {model: 16d_1l_2h, seq_len: 64}\n");
  EXPECT_TRUE(validate_matrix(config, kFound).empty()) << all_errors(validate_matrix(config, kFound));
}

TEST(ValidateMatrix, EverythingExcluded) {
  const MatrixConfig config = parse_valid(
      std::string(kOneModel) +
      "backends: [scalar]\n"
      "workload:\n"
      "  exclude:\n"
      "    - {backend: scalar}\n");
  const ConfigError error = only_error(validate_matrix(config, kFound));
  EXPECT_EQ(error.line, 6);
  EXPECT_EQ(error.column, 5);
  EXPECT_EQ(error.message,
            "the exclude rules remove every cell of the matrix (1 before exclusion); remove or narrow a rule");
}

TEST(ValidateMatrix, DuplicateAxisValue) {
  const MatrixConfig config = parse_valid(std::string(kOneModel) + "backends: [scalar]\nworkload:\n  threads: [1, 2, 1]\n");
  const ConfigError error = only_error(validate_matrix(config, kFound));
  EXPECT_EQ(error.line, 5);
  EXPECT_EQ(error.column, 19);
  EXPECT_EQ(error.message, "duplicate workload.threads value 1; list each value once");
}

TEST(ValidateMatrix, MinTimeNotBelowTimeLimit) {
  const MatrixConfig config =
      parse_valid(std::string(kOneModel) + "backends: [scalar]\nmeasurement:\n  min_time: 10\n  time_limit: 5\n");
  const ConfigError error = only_error(validate_matrix(config, kFound));
  EXPECT_EQ(error.line, 5);
  EXPECT_EQ(error.column, 13);
  EXPECT_EQ(error.message,
            "min_time 10 s is not below time_limit 5 s, so every cell would time out; lower min_time or raise "
            "time_limit");
}

TEST(ValidateMatrix, TooManyCells) {
  MatrixConfig config = parse_valid(std::string(kOneModel) + "backends: [scalar]\n");
  config.batch_sizes.clear();
  config.seq_lens.clear();
  for (int i = 1; i <= 1001; ++i) config.batch_sizes.push_back(i);
  for (int i = 1; i <= 1000; ++i) config.seq_lens.push_back(i);
  config.models[0].config.max_seq_len = 1000;

  const ConfigError error = only_error(validate_matrix(config, kFound));
  EXPECT_EQ(error.message,
            "the matrix has 1001000 cells before exclusion, more than the limit of 1000000; split it into several "
            "configs");
}

TEST(ValidateMatrix, WeightsFileMustExist) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "tb_config_weights_test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "present.safetensors") << "x";

  const std::string yaml = "models:\n"
                           "  - {name: a, d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20,\n"
                           "     weights: {file: present.safetensors}}\n"
                           "  - {name: b, d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20,\n"
                           "     weights: {file: missing.safetensors}}\n"
                           "backends: [scalar]\n";
  MatrixParse result = parse_matrix_string(yaml, "w.yaml", dir);
  ASSERT_TRUE(result.errors.empty()) << all_errors(result.errors);

  const ConfigError error = only_error(validate_matrix(result.config, kFound));
  EXPECT_EQ(error.line, 5);
  EXPECT_EQ(error.column, 22);
  EXPECT_EQ(error.message, "weights file '" + (dir / "missing.safetensors").string() +
                               "' not found; a relative path is relative to the config file's folder");
  std::filesystem::remove_all(dir);
}

TEST(ValidateMatrix, EmptyBackendListTakesEveryFound) {
  MatrixConfig config = parse_valid(kOneModel);
  resolve_backends(config, kFound);
  ASSERT_EQ(config.backends.size(), 2u);
  EXPECT_EQ(config.backends[0].name, "scalar");
  EXPECT_EQ(config.backends[1].name, "blis");
}

TEST(PrepareMatrix, ReportsParseAndBackendErrorsTogether) {
  const std::filesystem::path file = std::filesystem::temp_directory_path() / "tb_config_prepare_test.yaml";
  std::ofstream(file) << "models:\n"
                         "  - {d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20}\n"
                         "backends: [scalar, torch]\n"
                         "measurement:\n"
                         "  repetiton: 5\n";
  try {
    prepare_matrix(file, MatrixOverrides{}, kFound);
    FAIL() << "prepare_matrix accepted an invalid matrix";
  } catch (const ConfigErrors& errors) {
    ASSERT_EQ(errors.errors().size(), 2u) << errors.what();
    EXPECT_EQ(errors.errors()[0].line, 3);
    EXPECT_EQ(errors.errors()[0].column, 20);
    EXPECT_TRUE(contains(errors.errors()[0].message, "backend 'torch' not found")) << errors.what();
    EXPECT_EQ(errors.errors()[1].line, 5);
    EXPECT_EQ(errors.errors()[1].column, 3);
  }
  std::filesystem::remove(file);
}

TEST(PrepareMatrix, ResolvesBackendsOfDefaultMatrix) {
  const MatrixConfig config = prepare_matrix(std::nullopt, MatrixOverrides{}, kFound);
  EXPECT_EQ(config.source, "<default>");
  ASSERT_EQ(config.backends.size(), 2u);
  EXPECT_EQ(expand(config).size(), 3u * 2u);
}

}  // namespace
}  // namespace tb::testing
