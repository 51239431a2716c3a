// Parsing of valid matrices: every key lands in its field, and defaults fill the rest.
#include <gtest/gtest.h>

#include "config_test_support.h"

namespace tb::testing {
namespace {

constexpr const char* kFullExample = R"(
models:
  - name: tiny
    d_model: 16
    n_layers: 1
    n_heads: 2
    vocab_size: 20
    d_ff: 48
    max_seq_len: 64
    layer_norm_eps: 1e-6
    weights: {init: normal, seed: 7}
  - d_model: 32
    n_layers: 2
    n_heads: 4
    vocab_size: 50
    weights: {file: weights/small.safetensors}
backends:
  - scalar
  - name: blis
    options: {block_size: 64, packed: true}
workload:
  batch_size: [1, 4]
  seq_len: [16, 32]
  threads: 2
  exclude:
    - {backend: scalar, batch_size: 4}
    - {model: tiny, seq_len: 32, threads: 2}
measurement:
  warmup: 0
  repetitions: 7
  min_time: 0.5
  time_limit: 30
  baseline: blis
  reference: scalar
  tolerance: 2e-4
  peak_gflops: 150.5
  token_seed: 18446744073709551615
)";

TEST(ParseMatrix, FullExample) {
  const MatrixParse result = parse_matrix_string(kFullExample, "full.yaml", "/configs");
  ASSERT_TRUE(result.errors.empty()) << all_errors(result.errors);
  ASSERT_TRUE(result.has_document);
  const MatrixConfig& config = result.config;
  EXPECT_EQ(config.source, "full.yaml");

  ASSERT_EQ(config.models.size(), 2u);
  const ModelEntry& tiny = config.models[0];
  EXPECT_EQ(tiny.config.name, "tiny");
  EXPECT_EQ(tiny.config.d_model, 16);
  EXPECT_EQ(tiny.config.n_layers, 1);
  EXPECT_EQ(tiny.config.n_heads, 2);
  EXPECT_EQ(tiny.config.vocab_size, 20);
  EXPECT_EQ(tiny.config.d_ff, 48);
  EXPECT_EQ(tiny.config.max_seq_len, 64);
  EXPECT_FALSE(tiny.max_seq_len_from_axis);
  EXPECT_FLOAT_EQ(tiny.config.layer_norm_eps, 1e-6f);
  EXPECT_EQ(tiny.seed, 7u);
  EXPECT_EQ(tiny.weights_file, "");

  const ModelEntry& small = config.models[1];
  EXPECT_EQ(small.config.name, "32d_2l_4h");
  EXPECT_EQ(small.config.d_ff, 64);
  EXPECT_EQ(small.config.max_seq_len, 32);
  EXPECT_TRUE(small.max_seq_len_from_axis);
  EXPECT_FLOAT_EQ(small.config.layer_norm_eps, 1e-5f);
  EXPECT_EQ(small.weights_file, "/configs/weights/small.safetensors");

  ASSERT_EQ(config.backends.size(), 2u);
  EXPECT_EQ(config.backends[0].name, "scalar");
  EXPECT_TRUE(config.backends[0].options.empty());
  EXPECT_EQ(config.backends[1].name, "blis");
  const BackendOptions expected_options = {{"block_size", "64"}, {"packed", "true"}};
  EXPECT_EQ(config.backends[1].options, expected_options);

  EXPECT_EQ(config.batch_sizes, (std::vector<int>{1, 4}));
  EXPECT_EQ(config.seq_lens, (std::vector<int>{16, 32}));
  EXPECT_EQ(config.threads, (std::vector<int>{2}));

  ASSERT_EQ(config.exclude.size(), 2u);
  EXPECT_EQ(config.exclude[0].backend, "scalar");
  EXPECT_EQ(config.exclude[0].batch_size, 4);
  EXPECT_FALSE(config.exclude[0].model.has_value());
  EXPECT_EQ(config.exclude[1].model, "tiny");
  EXPECT_EQ(config.exclude[1].seq_len, 32);
  EXPECT_EQ(config.exclude[1].threads, 2);

  const MeasurementConfig& measurement = config.measurement;
  EXPECT_EQ(measurement.warmup, 0);
  EXPECT_EQ(measurement.repetitions, 7);
  EXPECT_DOUBLE_EQ(measurement.min_time_s, 0.5);
  EXPECT_DOUBLE_EQ(measurement.time_limit_s, 30.0);
  EXPECT_EQ(measurement.baseline, "blis");
  EXPECT_EQ(measurement.reference, "scalar");
  EXPECT_DOUBLE_EQ(measurement.tolerance, 2e-4);
  ASSERT_TRUE(measurement.peak_gflops.has_value());
  EXPECT_DOUBLE_EQ(*measurement.peak_gflops, 150.5);
  EXPECT_EQ(measurement.token_seed, 18446744073709551615u);
}

TEST(ParseMatrix, RecordsLocations) {
  const MatrixParse result = parse(kFullExample);
  ASSERT_TRUE(result.errors.empty()) << all_errors(result.errors);
  const SourceLocations& locations = result.config.locations;

  const SourceLocation max_seq_len = locations.find("models[0].max_seq_len");
  EXPECT_EQ(max_seq_len.file, "test.yaml");
  EXPECT_EQ(max_seq_len.line, 9);
  EXPECT_EQ(max_seq_len.column, 18);

  const SourceLocation seq_len = locations.find("workload.seq_len[1]");
  EXPECT_EQ(seq_len.line, 23);
  EXPECT_EQ(seq_len.column, 17);

  // A key without its own location falls back to its parent's.
  const SourceLocation unset = locations.find("models[1].max_seq_len");
  EXPECT_EQ(unset.line, 12);
  EXPECT_EQ(unset.column, 5);
}

TEST(ParseMatrix, Defaults) {
  const MatrixParse result = parse("models:\n  - {d_model: 64, n_layers: 4, n_heads: 8, vocab_size: 100}\n");
  ASSERT_TRUE(result.errors.empty()) << all_errors(result.errors);
  const MatrixConfig& config = result.config;
  const MatrixConfig defaults;

  ASSERT_EQ(config.models.size(), 1u);
  EXPECT_EQ(config.models[0].config.name, "64d_4l_8h");
  EXPECT_EQ(config.models[0].config.d_ff, 128);
  EXPECT_EQ(config.models[0].config.max_seq_len, 32);
  EXPECT_EQ(config.models[0].seed, 0u);
  EXPECT_TRUE(config.backends.empty());
  EXPECT_EQ(config.batch_sizes, defaults.batch_sizes);
  EXPECT_EQ(config.seq_lens, defaults.seq_lens);
  EXPECT_EQ(config.threads, defaults.threads);
  EXPECT_TRUE(config.exclude.empty());
  EXPECT_EQ(config.measurement.warmup, defaults.measurement.warmup);
  EXPECT_EQ(config.measurement.repetitions, defaults.measurement.repetitions);
  EXPECT_EQ(config.measurement.reference, "scalar");
  EXPECT_EQ(config.measurement.baseline, "");
  EXPECT_FALSE(config.measurement.peak_gflops.has_value());
}

TEST(ParseMatrix, DefaultMaxSeqLenIsLargestSeqLen) {
  const MatrixParse result = parse(
      "models:\n"
      "  - {d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20}\n"
      "workload:\n"
      "  seq_len: [64, 512, 128]\n");
  ASSERT_TRUE(result.errors.empty()) << all_errors(result.errors);
  EXPECT_EQ(result.config.models[0].config.max_seq_len, 512);
}

TEST(ParseMatrix, EmptyBackendsMeansEveryBackend) {
  for (const char* backends : {"backends:\n", "backends: []\n"}) {
    const MatrixParse result =
        parse(std::string("models:\n  - {d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20}\n") + backends);
    EXPECT_TRUE(result.errors.empty()) << backends << all_errors(result.errors);
    EXPECT_TRUE(result.config.backends.empty()) << backends;
  }
}

TEST(ParseMatrix, SingleBackendScalar) {
  const MatrixParse result = parse("models:\n  - {d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20}\nbackends: blis\n");
  ASSERT_TRUE(result.errors.empty()) << all_errors(result.errors);
  ASSERT_EQ(result.config.backends.size(), 1u);
  EXPECT_EQ(result.config.backends[0].name, "blis");
}

TEST(ParseMatrix, AbsoluteWeightsFileKept) {
  const MatrixParse result = parse_matrix_string(
      "models:\n  - {d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20, weights: {file: /data/w.safetensors}}\n",
      "x.yaml", "/configs");
  ASSERT_TRUE(result.errors.empty()) << all_errors(result.errors);
  EXPECT_EQ(result.config.models[0].weights_file, "/data/w.safetensors");
}

TEST(ParseMatrix, QuotedNumbersAndPlusSign) {
  const MatrixParse result = parse(
      "models:\n"
      "  - {d_model: '16', n_layers: +1, n_heads: \"2\", vocab_size: 20}\n"
      "measurement: {min_time: +0.25, tolerance: 1E-3}\n");
  ASSERT_TRUE(result.errors.empty()) << all_errors(result.errors);
  EXPECT_EQ(result.config.models[0].config.d_model, 16);
  EXPECT_EQ(result.config.models[0].config.n_layers, 1);
  EXPECT_DOUBLE_EQ(result.config.measurement.min_time_s, 0.25);
  EXPECT_DOUBLE_EQ(result.config.measurement.tolerance, 1e-3);
}

TEST(ParseMatrix, AnchorsAndAliases) {
  const MatrixParse result = parse(
      "models:\n"
      "  - &base {name: a, d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20}\n"
      "  - {name: b, d_model: 32, n_layers: 1, n_heads: 2, vocab_size: 20}\n"
      "workload:\n"
      "  seq_len: &lengths [8, 16]\n"
      "  exclude:\n"
      "    - {model: b, seq_len: 8}\n");
  ASSERT_TRUE(result.errors.empty()) << all_errors(result.errors);
  EXPECT_EQ(result.config.seq_lens, (std::vector<int>{8, 16}));
}

}  // namespace
}  // namespace tb::testing
