// The configs shipped in configs/: each parses and passes every check against the
// backends this project builds, and the default matrix compiled into the host is
// configs/default.yaml as it is now.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "config/default_matrix.h"
#include "config/matrix_validation.h"
#include "config_test_support.h"

namespace tb::testing {
namespace {

const std::vector<std::string> kProjectBackends = {"scalar", "blis", "libtorch"};

std::vector<std::filesystem::path> shipped_configs() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(TB_CONFIGS_DIR)) {
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(ShippedConfigs, AllParseAndValidate) {
  const std::vector<std::filesystem::path> files = shipped_configs();
  ASSERT_GE(files.size(), 4u) << "configs/ should hold default, scaling, threads and sequence";

  for (const std::filesystem::path& file : files) {
    SCOPED_TRACE(file.string());
    const MatrixParse result = parse_matrix_file(file);
    ASSERT_TRUE(result.errors.empty()) << all_errors(result.errors);
    const std::vector<ConfigError> errors = validate_matrix(result.config, kProjectBackends);
    EXPECT_TRUE(errors.empty()) << all_errors(errors);
  }
}

TEST(ShippedConfigs, ValidWithOnlyScalarBackend) {
  // A build without the optional backends still runs every shipped config.
  for (const std::filesystem::path& file : shipped_configs()) {
    SCOPED_TRACE(file.string());
    const MatrixParse result = parse_matrix_file(file);
    const std::vector<ConfigError> errors = validate_matrix(result.config, {"scalar"});
    EXPECT_TRUE(errors.empty()) << all_errors(errors);
  }
}

TEST(DefaultMatrix, EmbeddedTextMatchesFile) {
  std::ifstream stream(std::filesystem::path(TB_CONFIGS_DIR) / "default.yaml", std::ios::binary);
  std::ostringstream text;
  text << stream.rdbuf();
  EXPECT_EQ(default_matrix_yaml(), text.str());
}

TEST(DefaultMatrix, ThreeModelsOnEveryBackend) {
  MatrixConfig config = default_matrix();
  EXPECT_EQ(config.source, "<default>");
  ASSERT_EQ(config.models.size(), 3u);
  EXPECT_EQ(config.models[0].config.name, "16d_1l_2h");
  EXPECT_EQ(config.models[0].config.vocab_size, 20);
  EXPECT_EQ(config.models[1].config.name, "32d_2l_4h");
  EXPECT_EQ(config.models[1].config.vocab_size, 50);
  EXPECT_EQ(config.models[2].config.name, "64d_4l_8h");
  EXPECT_EQ(config.models[2].config.vocab_size, 100);
  for (const ModelEntry& model : config.models) EXPECT_EQ(model.config.max_seq_len, 32);

  EXPECT_TRUE(config.backends.empty());
  EXPECT_EQ(config.batch_sizes, (std::vector<int>{1}));
  EXPECT_EQ(config.seq_lens, (std::vector<int>{32}));
  EXPECT_EQ(config.threads, (std::vector<int>{1}));
  EXPECT_EQ(config.measurement.baseline, "scalar");
  EXPECT_EQ(config.measurement.reference, "scalar");

  resolve_backends(config, kProjectBackends);
  EXPECT_TRUE(validate_matrix(config, kProjectBackends).empty());
  EXPECT_EQ(expand(config).size(), 3u * kProjectBackends.size());
}

}  // namespace
}  // namespace tb::testing
