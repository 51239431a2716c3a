// Inputs that are not matrices must produce errors, and parsing and checking them
// must return normally, without a crash or an exception.
#include <cstdint>
#include <string>

#include <gtest/gtest.h>

#include "config/default_matrix.h"
#include "config/matrix_validation.h"
#include "config_test_support.h"

namespace tb::testing {
namespace {

// Parses `yaml` and runs every later check on whatever was read.
void parse_and_check(const std::string& yaml) {
  const MatrixParse result = parse(yaml);
  for (const ConfigError& error : result.errors) {
    EXPECT_FALSE(error.message.empty());
    EXPECT_EQ(error.file, kTestFile);
  }
  if (result.has_document) (void)validate_matrix(result.config, {"scalar", "blis"});
}

TEST(GarbageInput, ProducesErrors) {
  const std::vector<std::string> inputs = {
      "",
      "---",
      "---\n...\n",
      "# only a comment\n",
      "~",
      "hello",
      "42",
      "[1, 2]",
      "- a\n- b\n",
      "{",
      "}",
      "[[[[",
      "models",
      "models:",
      "models: 5",
      "models: [5]",
      "models: [[]]",
      "models: [{}]",
      "models: {d_model: 16}",
      "models: [{d_model: {a: 1}, n_layers: [], n_heads: ~, vocab_size: ''}]",
      "models: [{d_model: 18446744073709551616, n_layers: -2147483649, n_heads: 1e9, vocab_size: 0x10}]",
      "models: [{d_model: 2147483647, n_layers: 2147483647, n_heads: 1, vocab_size: 2147483647}]",
      "models: [{d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20, layer_norm_eps: 1e-300}]",
      "models: [{d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20, weights: 5}]",
      "models: [{d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20, weights: {file: ''}}]",
      "models: [{d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20}]\nbackends: {a: 1}",
      "models: [{d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20}]\nbackends: [[x]]",
      "models: [{d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20}]\nbackends: [{options: 1}]",
      "models: [{d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20}]\nworkload: [1]",
      "models: [{d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20}]\nworkload: {exclude: 3}",
      "models: [{d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20}]\nworkload: {exclude: [3, [], {x: 1}]}",
      "models: [{d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20}]\nmeasurement: []",
      "models: [{d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20}]\nmeasurement: {peak_gflops: [1]}",
      "? [a, b]\n: 1\n",
      "? {a: 1}\n: 2\nmodels: []\n",
      "models: *undefined",
      "models: &loop [*loop]",
      "workload: &w {exclude: *w}\nmodels: [{d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20}]",
      "models: !!binary aGVsbG8=",
      "models: !custom [1]",
      "%YAML 1.2\n%YAML 1.2\n---\nmodels: []",
      "\t\tmodels: []",
      ",",
      ", a",
      "models: [{d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20}]\n---\n, b\n",
      "models: \"unterminated",
      "models: 'a\nb",
      std::string("models: [\0]", 11),
      "\xef\xbb\xbfmodels: []",
      "\xff\xfe\x00m\x00o",
      "\x80\x81\x82\x83",
      std::string(100000, '['),
      std::string(100000, '{'),
      std::string(5000, '-') + " x",
  };
  for (const std::string& input : inputs) {
    SCOPED_TRACE(::testing::PrintToString(input.substr(0, 80)));
    parse_and_check(input);
    EXPECT_FALSE(parse(input).errors.empty());
  }
}

TEST(GarbageInput, DeeplyNestedBlockMaps) {
  std::string yaml = "models:\n";
  for (int depth = 1; depth < 3000; ++depth) {
    yaml.append(2 * depth, ' ');
    yaml += "a:\n";
  }
  parse_and_check(yaml);
  EXPECT_FALSE(parse(yaml).errors.empty());
}

TEST(GarbageInput, LongLists) {
  std::string yaml = "models: [{d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20}]\nworkload:\n  threads: [";
  for (int i = 1; i <= 20000; ++i) {
    yaml += std::to_string(i);
    yaml += ',';
  }
  yaml += "0]\n";
  const MatrixParse result = parse(yaml);
  const ConfigError error = only_error(result.errors);
  EXPECT_EQ(error.key, "workload.threads[20000]");
}

// Deterministic byte mutations of the default matrix: whatever comes out, parsing and
// the later checks return normally.
TEST(GarbageInput, MutatedDefaultMatrix) {
  const std::string original(default_matrix_yaml());
  const std::string replacements = "-:[]{},&*!|>'\"%@`#\n\t 0123456789abcxyz.~?";
  uint64_t state = 0x9E3779B97F4A7C15u;
  auto next = [&state]() {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };

  for (int round = 0; round < 2000; ++round) {
    std::string text = original;
    const int mutations = 1 + static_cast<int>(next() % 4);
    for (int m = 0; m < mutations; ++m) {
      const size_t position = next() % text.size();
      switch (next() % 3) {
        case 0:
          text[position] = replacements[next() % replacements.size()];
          break;
        case 1:
          text.erase(position, 1 + next() % 8);
          break;
        default:
          text.insert(position, 1, replacements[next() % replacements.size()]);
          break;
      }
      if (text.empty()) text.push_back('x');
    }
    SCOPED_TRACE(::testing::Message() << "round " << round);
    parse_and_check(text);
  }
}

}  // namespace
}  // namespace tb::testing
