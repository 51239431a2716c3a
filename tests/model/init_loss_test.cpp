// The loss of an untrained model is close to ln(V): with N(0, 0.02) weights the
// logits are nearly equal, so the prediction is nearly uniform. This runs the default
// models end to end through the scalar backend, loaded as the host loads it.
#include <cmath>
#include <memory>
#include <vector>

#include <gtest/gtest.h>

#include "model/loss.h"
#include "model/model_config.h"
#include "model/weights.h"
#include "plugin/model.h"
#include "plugin/plugin.h"

#ifndef TB_SCALAR_PLUGIN_PATH
#error "TB_SCALAR_PLUGIN_PATH must be defined by the build"
#endif

namespace {

TEST(InitLoss, NearLogVocabForDefaultModels) {
  struct DefaultModel {
    int vocab_size, d_model, n_layers, n_heads;
  };
  const DefaultModel models[] = {{20, 16, 1, 2}, {50, 32, 2, 4}, {100, 64, 4, 8}};
  const int batch_size = 4;
  const int seq_len = 32;

  const std::shared_ptr<tb::Plugin> plugin = tb::Plugin::load(TB_SCALAR_PLUGIN_PATH);

  for (const DefaultModel& m : models) {
    tb::ModelConfig config;
    config.vocab_size = m.vocab_size;
    config.d_model = m.d_model;
    config.n_layers = m.n_layers;
    config.n_heads = m.n_heads;
    config.max_seq_len = seq_len;
    tb::validate(config);

    for (uint64_t seed : {0u, 1u, 2u}) {
      SCOPED_TRACE(tb::default_model_name(config) + " V=" + std::to_string(m.vocab_size) + " seed " +
                   std::to_string(seed));
      const tb::Weights weights = tb::init_weights(config, seed);
      const std::vector<int32_t> tokens = tb::make_tokens(batch_size, seq_len, config.vocab_size, seed);
      std::vector<float> logits(static_cast<size_t>(batch_size * seq_len * config.vocab_size));

      const std::unique_ptr<tb::Model> model = plugin->create_model(config, weights);
      model->forward(tokens, batch_size, seq_len, logits);

      const double loss = tb::next_token_loss(logits, tokens, batch_size, seq_len, config.vocab_size);
      EXPECT_NEAR(loss, std::log(static_cast<double>(config.vocab_size)), 0.15);
    }
  }
}

}  // namespace
