// The fault fixtures loaded in-process with tb::Plugin::load, as `list` and `run`
// load them: each bad plugin is rejected with its reason, and the working ones that
// misbehave at run time produce a BackendError rather than a crash. The fixtures
// that crash or hang are only loaded here, never run (see check_command_test.cpp).
#include <gtest/gtest.h>

#include <string>

#include "model/model_config.h"
#include "model/weights.h"
#include "plugin/backend_error.h"
#include "plugin/model.h"
#include "plugin/plugin.h"
#include "test_support.h"

namespace tb::test {
namespace {

// The message of the PluginLoadError that loading `fixture` throws, or "" when it
// loads.
std::string load_error(const std::string& fixture) {
  try {
    Plugin::load(fixture_path(fixture));
  } catch (const PluginLoadError& error) {
    return error.what();
  }
  return "";
}

ModelConfig tiny_config() {
  ModelConfig config;
  config.vocab_size = 11;
  config.d_model = 8;
  config.n_layers = 1;
  config.n_heads = 2;
  config.max_seq_len = 4;
  validate(config);
  return config;
}

TEST(FaultFixture, NoEntryPointIsRejected) {
  EXPECT_NE(load_error("no_entry_point").find("no entry point"), std::string::npos) << load_error("no_entry_point");
}

TEST(FaultFixture, NullFromEntryPointIsRejected) {
  const std::string error = load_error("entry_point_returns_null");
  EXPECT_NE(error.find("returned NULL"), std::string::npos) << error;
}

TEST(FaultFixture, FutureMajorIsRejected) {
  const std::string error = load_error("future_major");
  EXPECT_NE(error.find("ABI major version mismatch: plugin 2.0, host 1."), std::string::npos) << error;
}

TEST(FaultFixture, SmallTableIsRejected) {
  const std::string error = load_error("table_too_small");
  EXPECT_NE(error.find("function table too small"), std::string::npos) << error;
}

TEST(FaultFixture, NullMandatoryFunctionIsRejected) {
  const std::string error = load_error("null_mandatory_function");
  EXPECT_NE(error.find("mandatory function model_forward is NULL"), std::string::npos) << error;
}

TEST(FaultFixture, TextFileIsRejected) {
  const std::string error = load_error("not_a_library");
  EXPECT_NE(error.find("not a loadable shared object"), std::string::npos) << error;
}

TEST(FaultFixture, RuntimeFaultFixturesLoad) {
  for (const std::string fixture :
       {"errors_everywhere", "crash_in_forward", "hang_in_forward", "wrong_logits", "exception_in_forward"}) {
    EXPECT_EQ(load_error(fixture), "") << fixture;
    EXPECT_EQ(Plugin::load(fixture_path(fixture))->info().name, "fixture_" + fixture);
  }
}

TEST(FaultFixture, OlderMinorLoadsWithItsTable) {
  const std::shared_ptr<Plugin> plugin = Plugin::load(fixture_path("older_minor"));
  EXPECT_EQ(plugin->info().abi_major, 1u);
  EXPECT_EQ(plugin->info().abi_minor, 0u);
  // The frozen 1.0 table ends after model_get_memory, whatever today's header adds.
  EXPECT_EQ(plugin->api().struct_size, TB_STRUCT_SIZE(tb_backend_api, model_get_memory));
}

TEST(FaultFixture, OlderMinorRunsInThisHost) {
  const ModelConfig config = tiny_config();
  const Weights weights = init_weights(config, 1);
  const std::shared_ptr<Plugin> plugin = Plugin::load(fixture_path("older_minor"));
  std::unique_ptr<Model> model = plugin->create_model(config, weights);

  const std::vector<int32_t> tokens = make_tokens(1, 4, config.vocab_size, 2);
  std::vector<float> logits(4 * static_cast<size_t>(config.vocab_size));
  model->forward(tokens, 1, 4, logits);
  EXPECT_GT(model->memory().weight_bytes, 0u);
}

TEST(FaultFixture, EscapedExceptionBecomesBackendError) {
  const ModelConfig config = tiny_config();
  const Weights weights = init_weights(config, 1);
  const std::shared_ptr<Plugin> plugin = Plugin::load(fixture_path("exception_in_forward"));
  std::unique_ptr<Model> model = plugin->create_model(config, weights);

  const std::vector<int32_t> tokens = make_tokens(1, 2, config.vocab_size, 2);
  std::vector<float> logits(2 * static_cast<size_t>(config.vocab_size));
  try {
    model->forward(tokens, 1, 2, logits);
    FAIL() << "forward of exception_in_forward did not throw";
  } catch (const BackendError& error) {
    EXPECT_EQ(error.status(), TB_STATUS_INTERNAL);
    EXPECT_NE(std::string(error.what()).find("C++ exception"), std::string::npos) << error.what();
  }
}

TEST(FaultFixture, ErrorsCarryThePluginMessage) {
  const ModelConfig config = tiny_config();
  const Weights weights = init_weights(config, 1);
  const std::shared_ptr<Plugin> plugin = Plugin::load(fixture_path("errors_everywhere"));
  try {
    plugin->create_model(config, weights);
    FAIL() << "model_create of errors_everywhere succeeded";
  } catch (const BackendError& error) {
    EXPECT_EQ(error.status(), TB_STATUS_INTERNAL);
    EXPECT_NE(std::string(error.what()).find("model_create always fails in the errors_everywhere fixture"),
              std::string::npos)
        << error.what();
  }
}

}  // namespace
}  // namespace tb::test
