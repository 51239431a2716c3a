// Fixture, helpers and the instantiation of the backend suite over every built plugin.
#include "backend_fixture.h"

#include <cctype>
#include <cmath>
#include <sstream>

#include "built_plugins.h"
#include "model/normal_rng.h"
#include "plugin/backend_error.h"

namespace {

std::shared_ptr<tb::Plugin> load_scalar() {
  for (const BackendParam& param : kBuiltPlugins) {
    if (param.name == "scalar") return tb::Plugin::load(param.path);
  }
  throw std::runtime_error("the scalar plugin is not among the built plugins, so there is no reference");
}

// GoogleTest accepts only [A-Za-z0-9_] in parameter names.
std::string test_name_for(const ::testing::TestParamInfo<BackendParam>& info) {
  std::string name = info.param.name;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

}  // namespace

void BackendTest::SetUp() {
  plugin_ = tb::Plugin::load(GetParam().path);
}

int BackendTest::two_threads() const {
  return plugin_->info().max_threads == 1 ? 1 : 2;
}

tb::ModelConfig make_config(int vocab_size, int d_model, int n_layers, int n_heads, int max_seq_len, int d_ff) {
  tb::ModelConfig config;
  config.vocab_size = vocab_size;
  config.d_model = d_model;
  config.n_layers = n_layers;
  config.n_heads = n_heads;
  config.d_ff = d_ff;
  config.max_seq_len = max_seq_len;
  tb::validate(config);
  config.name = tb::default_model_name(config);
  return config;
}

tb::Weights make_weights(const tb::ModelConfig& config, uint64_t seed) {
  tb::Weights weights = tb::init_weights(config, seed);
  for (tb::Tensor& tensor : weights.tensors) {
    if (tensor.shape.size() != 1) continue;
    tb::Rng rng = tb::Rng::for_stream(seed, tensor.name + ".test-perturbation");
    const bool is_gamma = tensor.name.ends_with(".gamma");
    for (float& value : tensor.data) {
      value = static_cast<float>((is_gamma ? 1.0 : 0.0) + 0.1 * rng.normal());
    }
  }
  return weights;
}

std::vector<float> run_forward(tb::Model& model, const std::vector<int32_t>& tokens, int batch_size, int seq_len,
                               int vocab_size) {
  std::vector<float> logits(static_cast<size_t>(batch_size) * static_cast<size_t>(seq_len) *
                            static_cast<size_t>(vocab_size));
  model.forward(tokens, batch_size, seq_len, logits);
  return logits;
}

std::vector<float> scalar_logits(const tb::ModelConfig& config, const tb::Weights& weights,
                                 const std::vector<int32_t>& tokens, int batch_size, int seq_len) {
  static const std::shared_ptr<tb::Plugin> scalar = load_scalar();
  const std::unique_ptr<tb::Model> model = scalar->create_model(config, weights);
  return run_forward(*model, tokens, batch_size, seq_len, config.vocab_size);
}

::testing::AssertionResult logits_near(std::span<const float> actual, std::span<const double> expected, int batch_size,
                                       int seq_len, int vocab_size, double tolerance) {
  const size_t n = static_cast<size_t>(batch_size) * static_cast<size_t>(seq_len) * static_cast<size_t>(vocab_size);
  if (actual.size() < n || expected.size() < n) {
    return ::testing::AssertionFailure() << "logits hold " << actual.size() << " and " << expected.size()
                                         << " values, expected B*T*V = " << n;
  }

  size_t n_off = 0;
  size_t worst = 0;
  double worst_difference = -1.0;
  for (size_t i = 0; i < n; ++i) {
    const double difference = std::fabs(static_cast<double>(actual[i]) - expected[i]);
    // Written so that a NaN counts as a mismatch.
    if (!(difference <= tolerance)) {
      ++n_off;
      if (!(difference <= worst_difference)) {
        worst_difference = difference;
        worst = i;
      }
    }
  }
  if (n_off == 0) return ::testing::AssertionSuccess();

  const size_t V = static_cast<size_t>(vocab_size);
  const size_t T = static_cast<size_t>(seq_len);
  std::ostringstream message;
  message.precision(9);
  message << n_off << " of " << n << " logits differ by more than " << tolerance << "; worst at (b=" << worst / (T * V)
          << ", t=" << worst / V % T << ", v=" << worst % V << "): " << actual[worst] << " vs expected "
          << expected[worst];
  return ::testing::AssertionFailure() << message.str();
}

::testing::AssertionResult logits_near(std::span<const float> actual, std::span<const float> expected, int batch_size,
                                       int seq_len, int vocab_size, double tolerance) {
  const std::vector<double> widened(expected.begin(), expected.end());
  return logits_near(actual, widened, batch_size, seq_len, vocab_size, tolerance);
}

::testing::AssertionResult fails_with(int32_t status, const std::function<void()>& call,
                                      const std::string& message_part) {
  try {
    call();
  } catch (const tb::BackendError& error) {
    if (error.status() != status) {
      return ::testing::AssertionFailure() << "status " << tb::status_name(error.status()) << ", expected "
                                           << tb::status_name(status) << "; message: " << error.what();
    }
    if (!message_part.empty() && std::string(error.what()).find(message_part) == std::string::npos) {
      return ::testing::AssertionFailure() << "message does not mention '" << message_part << "': " << error.what();
    }
    return ::testing::AssertionSuccess() << error.what();
  } catch (const std::exception& error) {
    return ::testing::AssertionFailure() << "threw a non-backend exception: " << error.what();
  }
  return ::testing::AssertionFailure() << "succeeded, expected " << tb::status_name(status);
}

INSTANTIATE_TEST_SUITE_P(Built, BackendTest, ::testing::ValuesIn(kBuiltPlugins), test_name_for);
