// init_weights(): determinism, the init of each tensor kind, the distribution of the
// normal tensors, and pinned values that fail when the generator changes.
#include <cmath>
#include <cstring>

#include <gtest/gtest.h>

#include "model/model_config.h"
#include "model/weights.h"

namespace {

tb::ModelConfig make_config(int vocab_size, int d_model, int n_layers, int n_heads) {
  tb::ModelConfig config;
  config.vocab_size = vocab_size;
  config.d_model = d_model;
  config.n_layers = n_layers;
  config.n_heads = n_heads;
  config.max_seq_len = 16;
  tb::validate(config);
  return config;
}

bool same_bytes(const tb::Tensor& a, const tb::Tensor& b) {
  return a.data.size() == b.data.size() &&
         std::memcmp(a.data.data(), b.data.data(), a.data.size() * sizeof(float)) == 0;
}

TEST(InitWeights, FollowsTensorSpecs) {
  const tb::ModelConfig config = make_config(20, 16, 2, 2);
  const tb::Weights weights = tb::init_weights(config, 0);
  const std::vector<tb::TensorSpec> specs = tb::tensor_specs(config);

  ASSERT_EQ(weights.tensors.size(), specs.size());
  for (size_t i = 0; i < specs.size(); ++i) {
    EXPECT_EQ(weights.tensors[i].name, specs[i].name);
    EXPECT_EQ(weights.tensors[i].shape, specs[i].shape);
    EXPECT_EQ(static_cast<int64_t>(weights.tensors[i].data.size()), weights.tensors[i].numel());
  }
  EXPECT_EQ(weights.bytes(), 4u * static_cast<uint64_t>(tb::parameter_count(config)));
}

TEST(InitWeights, SameSeedSameBytes) {
  const tb::ModelConfig config = make_config(50, 32, 2, 4);
  const tb::Weights first = tb::init_weights(config, 5);
  const tb::Weights second = tb::init_weights(config, 5);

  ASSERT_EQ(first.tensors.size(), second.tensors.size());
  for (size_t i = 0; i < first.tensors.size(); ++i) {
    EXPECT_TRUE(same_bytes(first.tensors[i], second.tensors[i])) << first.tensors[i].name;
  }
}

TEST(InitWeights, DifferentSeedDifferentValues) {
  const tb::ModelConfig config = make_config(50, 32, 2, 4);
  const tb::Weights first = tb::init_weights(config, 5);
  const tb::Weights second = tb::init_weights(config, 6);

  for (const tb::TensorSpec& spec : tb::tensor_specs(config)) {
    if (spec.init != tb::TensorSpec::Init::kNormal) continue;
    EXPECT_FALSE(same_bytes(*first.find(spec.name), *second.find(spec.name))) << spec.name;
  }
}

TEST(InitWeights, ConstantTensors) {
  const tb::ModelConfig config = make_config(20, 16, 2, 2);
  const tb::Weights weights = tb::init_weights(config, 1);

  for (const tb::TensorSpec& spec : tb::tensor_specs(config)) {
    const tb::Tensor& tensor = *weights.find(spec.name);
    if (spec.init == tb::TensorSpec::Init::kZeros) {
      for (float value : tensor.data) ASSERT_EQ(value, 0.0f) << spec.name;
    } else if (spec.init == tb::TensorSpec::Init::kOnes) {
      for (float value : tensor.data) ASSERT_EQ(value, 1.0f) << spec.name;
    }
  }
}

TEST(InitWeights, NormalStatistics) {
  // tok_embedding has 1000*256 = 256000 values: the standard error of the mean is
  // 0.02/sqrt(256000) = 4e-5 and that of the standard deviation about 3e-5.
  const tb::ModelConfig config = make_config(1000, 256, 1, 4);
  const tb::Weights weights = tb::init_weights(config, 0);

  for (const char* name : {"tok_embedding", "lm_head.w"}) {
    SCOPED_TRACE(name);
    const tb::Tensor& tensor = *weights.find(name);
    double sum = 0.0;
    double sum_squares = 0.0;
    for (float value : tensor.data) {
      sum += value;
      sum_squares += static_cast<double>(value) * value;
    }
    const double n = static_cast<double>(tensor.data.size());
    const double mean = sum / n;
    const double stddev = std::sqrt(sum_squares / n - mean * mean);
    EXPECT_NEAR(mean, 0.0, 2e-4);
    EXPECT_NEAR(stddev, tb::kInitStddev, 2e-4);
  }
}

TEST(InitWeights, TensorDependsOnlyOnSeedAndName) {
  // Adding layers adds tensors but must not change the ones both models share.
  const tb::Weights one_layer = tb::init_weights(make_config(20, 16, 1, 2), 3);
  const tb::Weights three_layers = tb::init_weights(make_config(20, 16, 3, 2), 3);

  for (const char* name : {"tok_embedding", "blocks.0.attn.wq", "blocks.0.ffn.w2", "lm_head.w"}) {
    EXPECT_TRUE(same_bytes(*one_layer.find(name), *three_layers.find(name))) << name;
  }
  EXPECT_FALSE(same_bytes(*three_layers.find("blocks.0.attn.wq"), *three_layers.find("blocks.0.attn.wk")));
}

TEST(InitWeights, PinnedValues) {
  // From reference_rng.py, the separate Python transcription of the generator.
  const tb::Weights seed0 = tb::init_weights(make_config(20, 16, 1, 2), 0);
  const std::vector<float>& wq = seed0.find("blocks.0.attn.wq")->data;
  EXPECT_EQ(wq[0], -0x1.c70042p-8f);
  EXPECT_EQ(wq[1], 0x1.349708p-6f);
  EXPECT_EQ(wq[2], 0x1.dd5078p-8f);
  EXPECT_EQ(wq[3], 0x1.f6d9d2p-6f);

  const tb::Weights seed42 = tb::init_weights(make_config(20, 16, 1, 2), 42);
  const std::vector<float>& embedding = seed42.find("tok_embedding")->data;
  EXPECT_EQ(embedding[0], 0x1.043824p-10f);
  EXPECT_EQ(embedding[1], -0x1.a6a17ap-6f);
  EXPECT_EQ(embedding[2], -0x1.88818ep-9f);
  EXPECT_EQ(embedding[3], -0x1.848f1cp-6f);
}

}  // namespace
