// validate(): defaults and the error message for each impossible value.
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include "model/model_config.h"

namespace {

tb::ModelConfig valid_config() {
  tb::ModelConfig config;
  config.name = "probe";
  config.vocab_size = 20;
  config.d_model = 16;
  config.n_layers = 1;
  config.n_heads = 2;
  config.max_seq_len = 8;
  return config;
}

// Returns the message validate() throws for `config`, or "" when it does not throw.
std::string validation_error(tb::ModelConfig config) {
  try {
    tb::validate(config);
  } catch (const std::invalid_argument& error) {
    return error.what();
  }
  return "";
}

TEST(Validate, FillsDefaultFeedForwardWidth) {
  tb::ModelConfig config = valid_config();
  tb::validate(config);
  EXPECT_EQ(config.d_ff, 32);

  config.d_ff = 24;
  tb::validate(config);
  EXPECT_EQ(config.d_ff, 24);
}

TEST(Validate, HeadsMustDivideDModel) {
  tb::ModelConfig config = valid_config();
  config.d_model = 30;
  config.n_heads = 4;
  const std::string message = validation_error(config);
  EXPECT_NE(message.find("d_model (30)"), std::string::npos) << message;
  EXPECT_NE(message.find("n_heads (4)"), std::string::npos) << message;
  EXPECT_NE(message.find("probe"), std::string::npos) << message;
}

TEST(Validate, NonPositiveSizesNameTheField) {
  struct Case {
    const char* field;
    int tb::ModelConfig::*member;
    int value;
  };
  const Case cases[] = {
      {"vocab_size", &tb::ModelConfig::vocab_size, 0},   {"d_model", &tb::ModelConfig::d_model, 0},
      {"n_layers", &tb::ModelConfig::n_layers, 0},       {"n_heads", &tb::ModelConfig::n_heads, 0},
      {"max_seq_len", &tb::ModelConfig::max_seq_len, 0}, {"d_ff", &tb::ModelConfig::d_ff, -1},
      {"n_layers", &tb::ModelConfig::n_layers, -3},
  };
  for (const Case& c : cases) {
    tb::ModelConfig config = valid_config();
    config.*c.member = c.value;
    const std::string message = validation_error(config);
    SCOPED_TRACE(std::string(c.field) + " = " + std::to_string(c.value));
    EXPECT_NE(message.find(c.field), std::string::npos) << message;
    EXPECT_NE(message.find("got " + std::to_string(c.value)), std::string::npos) << message;
  }
}

TEST(Validate, LayerNormEpsMustBePositive) {
  for (float eps : {0.0f, -1e-5f, std::numeric_limits<float>::quiet_NaN()}) {
    tb::ModelConfig config = valid_config();
    config.layer_norm_eps = eps;
    const std::string message = validation_error(config);
    EXPECT_NE(message.find("layer_norm_eps"), std::string::npos) << "eps = " << eps << ": " << message;
  }
}

}  // namespace
