// Invalid requests through the host's own wrappers: each must come back as a
// tb::BackendError with the status the ABI prescribes, and the model must still work
// afterwards.
#include "backend_fixture.h"

namespace {

class ErrorCase {
 public:
  ErrorCase() : config_(make_config(20, 16, 1, 2, 8)), weights_(make_weights(config_, 67)) {}

  const tb::ModelConfig& config() const { return config_; }
  const tb::Weights& weights() const { return weights_; }

 private:
  tb::ModelConfig config_;
  tb::Weights weights_;
};

// Checks that the model still returns correct logits for a valid request.
void expect_model_still_works(tb::Model& model, const tb::ModelConfig& config, const tb::Weights& weights) {
  const std::vector<int32_t> tokens = tb::make_tokens(2, 8, config.vocab_size, 71);
  const std::vector<float> expected = scalar_logits(config, weights, tokens, 2, 8);
  std::vector<float> logits;
  ASSERT_NO_THROW(logits = run_forward(model, tokens, 2, 8, config.vocab_size));
  EXPECT_TRUE(logits_near(logits, expected, 2, 8, config.vocab_size, kLogitTolerance));
}

TEST_P(BackendTest, RejectsOutOfRangeToken) {
  const ErrorCase setup;
  const std::unique_ptr<tb::Model> model = plugin().create_model(setup.config(), setup.weights());
  std::vector<float> logits(2 * 8 * 20);

  for (int32_t bad_token : {20, -1, 7777}) {
    SCOPED_TRACE("token " + std::to_string(bad_token));
    std::vector<int32_t> tokens = tb::make_tokens(2, 8, 20, 73);
    tokens[1 * 8 + 5] = bad_token;
    EXPECT_TRUE(fails_with(
        TB_STATUS_INVALID_ARGUMENT, [&] { model->forward(tokens, 2, 8, logits); }, std::to_string(bad_token)));
  }
  expect_model_still_works(*model, setup.config(), setup.weights());
}

TEST_P(BackendTest, RejectsSeqLenAboveMax) {
  const ErrorCase setup;
  const std::unique_ptr<tb::Model> model = plugin().create_model(setup.config(), setup.weights());
  const std::vector<int32_t> tokens = tb::make_tokens(1, 9, 20, 79);
  std::vector<float> logits(9 * 20);

  EXPECT_TRUE(fails_with(TB_STATUS_OUT_OF_RANGE, [&] { model->forward(tokens, 1, 9, logits); }));
  expect_model_still_works(*model, setup.config(), setup.weights());
}

TEST_P(BackendTest, RejectsEmptyBatchOrSequence) {
  const ErrorCase setup;
  const std::unique_ptr<tb::Model> model = plugin().create_model(setup.config(), setup.weights());
  const std::vector<int32_t> tokens = tb::make_tokens(1, 8, 20, 83);
  std::vector<float> logits(8 * 20);

  EXPECT_TRUE(fails_with(TB_STATUS_INVALID_ARGUMENT, [&] { model->forward(tokens, 0, 8, logits); }));
  EXPECT_TRUE(fails_with(TB_STATUS_INVALID_ARGUMENT, [&] { model->forward(tokens, -2, 8, logits); }));
  EXPECT_TRUE(fails_with(TB_STATUS_INVALID_ARGUMENT, [&] { model->forward(tokens, 1, 0, logits); }));
  expect_model_still_works(*model, setup.config(), setup.weights());
}

TEST_P(BackendTest, RejectsSmallLogitsBuffer) {
  const ErrorCase setup;
  const std::unique_ptr<tb::Model> model = plugin().create_model(setup.config(), setup.weights());
  const std::vector<int32_t> tokens = tb::make_tokens(2, 8, 20, 89);
  std::vector<float> logits(2 * 8 * 20 - 1);

  EXPECT_TRUE(fails_with(TB_STATUS_INVALID_ARGUMENT, [&] { model->forward(tokens, 2, 8, logits); }));
  expect_model_still_works(*model, setup.config(), setup.weights());
}

TEST_P(BackendTest, RejectsZeroThreads) {
  const ErrorCase setup;
  const std::unique_ptr<tb::Model> model = plugin().create_model(setup.config(), setup.weights());

  EXPECT_TRUE(fails_with(TB_STATUS_INVALID_ARGUMENT, [&] { model->set_threads(0); }));
  EXPECT_TRUE(fails_with(TB_STATUS_INVALID_ARGUMENT, [&] { model->set_threads(-4); }));
  const int32_t max_threads = plugin().info().max_threads;
  if (max_threads > 0) {
    EXPECT_TRUE(fails_with(TB_STATUS_OUT_OF_RANGE, [&] { model->set_threads(max_threads + 1); }));
  }
  expect_model_still_works(*model, setup.config(), setup.weights());
}

TEST_P(BackendTest, RejectsUnknownOption) {
  const ErrorCase setup;
  const tb::BackendOptions options = {{"no_such_option_xyz", "1"}};
  EXPECT_TRUE(fails_with(
      TB_STATUS_INVALID_ARGUMENT, [&] { plugin().create_model(setup.config(), setup.weights(), options); },
      "no_such_option_xyz"));
}

TEST_P(BackendTest, RejectsMissingTensor) {
  const ErrorCase setup;
  tb::Weights weights = setup.weights();
  std::erase_if(weights.tensors, [](const tb::Tensor& tensor) { return tensor.name == "blocks.0.ffn.b1"; });
  EXPECT_TRUE(fails_with(
      TB_STATUS_INVALID_ARGUMENT, [&] { plugin().create_model(setup.config(), weights); }, "blocks.0.ffn.b1"));
}

TEST_P(BackendTest, RejectsExtraTensor) {
  const ErrorCase setup;
  tb::Weights weights = setup.weights();
  weights.tensors.push_back(tb::Tensor{"blocks.1.ln1.gamma", {16}, std::vector<float>(16, 1.0f)});
  EXPECT_TRUE(fails_with(
      TB_STATUS_INVALID_ARGUMENT, [&] { plugin().create_model(setup.config(), weights); }, "blocks.1.ln1.gamma"));
}

TEST_P(BackendTest, RejectsDuplicateTensor) {
  const ErrorCase setup;
  tb::Weights weights = setup.weights();
  weights.tensors.push_back(*weights.find("lm_head.b"));
  EXPECT_TRUE(fails_with(
      TB_STATUS_INVALID_ARGUMENT, [&] { plugin().create_model(setup.config(), weights); }, "lm_head.b"));
}

TEST_P(BackendTest, RejectsWrongShape) {
  const ErrorCase setup;

  // w1 transposed: the same number of values, the wrong layout.
  tb::Weights transposed = setup.weights();
  transposed.find("blocks.0.ffn.w1")->shape = {32, 16};
  EXPECT_TRUE(fails_with(
      TB_STATUS_INVALID_ARGUMENT, [&] { plugin().create_model(setup.config(), transposed); }, "blocks.0.ffn.w1"));

  // A bias given as a [1, C] matrix: right size, wrong rank.
  tb::Weights reshaped = setup.weights();
  reshaped.find("blocks.0.attn.bo")->shape = {1, 16};
  EXPECT_TRUE(fails_with(
      TB_STATUS_INVALID_ARGUMENT, [&] { plugin().create_model(setup.config(), reshaped); }, "blocks.0.attn.bo"));
}

TEST_P(BackendTest, RejectsInvalidConfig) {
  // Plugin::create_model passes the config through without validate(), so these
  // reach the backend.
  const ErrorCase setup;

  tb::ModelConfig indivisible = setup.config();
  indivisible.n_heads = 3;
  EXPECT_TRUE(fails_with(
      TB_STATUS_INVALID_ARGUMENT, [&] { plugin().create_model(indivisible, setup.weights()); }, "n_heads"));

  tb::ModelConfig no_vocabulary = setup.config();
  no_vocabulary.vocab_size = 0;
  EXPECT_TRUE(fails_with(
      TB_STATUS_INVALID_ARGUMENT, [&] { plugin().create_model(no_vocabulary, setup.weights()); }, "vocab_size"));

  tb::ModelConfig no_positions = setup.config();
  no_positions.max_seq_len = 0;
  EXPECT_TRUE(fails_with(
      TB_STATUS_INVALID_ARGUMENT, [&] { plugin().create_model(no_positions, setup.weights()); }, "max_seq_len"));
}

}  // namespace
