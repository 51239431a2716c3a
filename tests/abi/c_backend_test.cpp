// The example plugin written in plain C (examples/c_plugin), built in the tree and
// loaded with tb::Plugin::load: it reproduces the golden vectors and agrees with the
// scalar reference backend within 1e-4.
#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "check/test_models.h"
#include "golden_file.h"
#include "plugin/backend_error.h"
#include "plugin/model.h"
#include "plugin/plugin.h"
#include "test_support.h"

namespace tb::test {
namespace {

constexpr double kTolerance = 1e-4;

std::vector<float> run(const Plugin& plugin, const ModelConfig& config, const Weights& weights,
                       const std::vector<int32_t>& tokens, int batch_size, int seq_len) {
  std::unique_ptr<Model> model = plugin.create_model(config, weights);
  std::vector<float> logits(tokens.size() * static_cast<size_t>(config.vocab_size));
  model->forward(tokens, batch_size, seq_len, logits);
  return logits;
}

TEST(CBackend, LoadsWithMetadata) {
  const std::shared_ptr<Plugin> plugin = Plugin::load(c_backend_path());
  EXPECT_EQ(plugin->info().name, "example_c");
  EXPECT_EQ(plugin->info().abi_major, static_cast<uint32_t>(TB_ABI_VERSION_MAJOR));
  EXPECT_EQ(plugin->info().max_threads, 1);
  EXPECT_TRUE(plugin->info().capabilities & TB_CAPABILITY_DETERMINISTIC);
}

TEST(CBackend, MatchesGoldenVectors) {
  const std::shared_ptr<Plugin> plugin = Plugin::load(c_backend_path());
  for (const std::string& file_name : golden_file_names()) {
    const GoldenFile golden = load_golden(file_name);
    const std::vector<float> logits =
        run(*plugin, golden.config, golden.weights, golden.tokens, golden.batch_size, golden.seq_len);

    ASSERT_EQ(logits.size(), golden.logits.size()) << file_name;
    double max_difference = 0.0;
    for (size_t i = 0; i < logits.size(); ++i) {
      max_difference = std::max(max_difference, std::fabs(static_cast<double>(logits[i]) - golden.logits[i]));
    }
    EXPECT_LE(max_difference, kTolerance) << file_name;
  }
}

TEST(CBackend, MatchesScalarReference) {
  if (scalar_path().empty()) GTEST_SKIP() << "this build has no scalar backend";
  const std::shared_ptr<Plugin> c_backend = Plugin::load(c_backend_path());
  const std::shared_ptr<Plugin> scalar = Plugin::load(scalar_path());

  for (const check::TestModelKind kind : {check::TestModelKind::kBase, check::TestModelKind::kOddSizes}) {
    const check::TestModel model = check::make_test_model(kind, 0);
    const int seq_len = model.config.max_seq_len;
    const std::vector<int32_t> tokens = make_tokens(2, seq_len, model.config.vocab_size, 3);
    const std::vector<float> expected = run(*scalar, model.config, model.weights, tokens, 2, seq_len);
    const std::vector<float> actual = run(*c_backend, model.config, model.weights, tokens, 2, seq_len);

    ASSERT_EQ(actual.size(), expected.size()) << model.label;
    for (size_t i = 0; i < actual.size(); ++i) {
      ASSERT_NEAR(actual[i], expected[i], kTolerance) << model.label << ", logit " << i;
    }
  }
}

TEST(CBackend, RejectsSecondThread) {
  const std::shared_ptr<Plugin> plugin = Plugin::load(c_backend_path());
  const check::TestModel model = check::make_test_model(check::TestModelKind::kBase, 0);
  std::unique_ptr<Model> instance = plugin->create_model(model.config, model.weights);
  try {
    instance->set_threads(2);
    FAIL() << "set_threads(2) succeeded although max_threads is 1";
  } catch (const BackendError& error) {
    EXPECT_EQ(error.status(), TB_STATUS_OUT_OF_RANGE) << error.what();
  }
}

}  // namespace
}  // namespace tb::test
