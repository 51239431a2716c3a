// Each backend against the golden vectors: float64 logits and loss computed outside
// this project from the float32 weights in tests/data.
#include <cmath>

#include "backend_fixture.h"
#include "golden_file.h"
#include "model/loss.h"

namespace {

void expect_matches_golden(const tb::Plugin& plugin, const std::string& file_name,
                           const std::vector<int>& thread_counts) {
  const tb::test::GoldenFile golden = tb::test::load_golden(file_name);
  const int B = golden.batch_size;
  const int T = golden.seq_len;
  const int V = golden.config.vocab_size;

  tb::ModelConfig config = golden.config;
  tb::validate(config);
  const std::unique_ptr<tb::Model> model = plugin.create_model(config, golden.weights);

  for (int threads : thread_counts) {
    SCOPED_TRACE(file_name + ", " + std::to_string(threads) + " thread(s)");
    model->set_threads(threads);
    const std::vector<float> logits = run_forward(*model, golden.tokens, B, T, V);

    EXPECT_TRUE(logits_near(logits, golden.logits, B, T, V, kLogitTolerance));

    const double loss = tb::next_token_loss(logits, golden.tokens, B, T, V);
    EXPECT_NEAR(loss, golden.loss, 1e-4);
  }
}

TEST_P(BackendTest, MatchesGoldenTiny) {
  expect_matches_golden(plugin(), "tiny_16d_1l_2h.json", {1, two_threads()});
}

TEST_P(BackendTest, MatchesGoldenSmall) {
  expect_matches_golden(plugin(), "small_32d_2l_4h.json", {1, two_threads()});
}

}  // namespace
