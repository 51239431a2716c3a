// Parsing and consistency checks of the golden JSON files.
#include "golden_file.h"

#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#ifndef TB_TEST_DATA_DIR
#error "TB_TEST_DATA_DIR must be defined by the build"
#endif

namespace tb::test {

namespace {

// ordered_json keeps the file's key order, so Weights lists tensors as the file does.
using Json = nlohmann::ordered_json;

[[noreturn]] void fail(const std::string& file_name, const std::string& message) {
  throw std::runtime_error("golden file " + file_name + ": " + message);
}

Tensor parse_tensor(const std::string& file_name, const std::string& name, const Json& entry) {
  Tensor tensor;
  tensor.name = name;
  tensor.shape = entry.at("shape").get<std::vector<int64_t>>();
  const auto values = entry.at("data").get<std::vector<double>>();
  if (static_cast<int64_t>(values.size()) != tensor.numel()) {
    fail(file_name, "tensor '" + name + "' has " + std::to_string(values.size()) + " values but its shape holds " +
                        std::to_string(tensor.numel()));
  }
  // The values were written from float32 with enough digits to round-trip.
  tensor.data.reserve(values.size());
  for (double value : values) tensor.data.push_back(static_cast<float>(value));
  return tensor;
}

}  // namespace

std::vector<std::string> golden_file_names() {
  return {"tiny_16d_1l_2h.json", "small_32d_2l_4h.json"};
}

GoldenFile load_golden(const std::string& file_name) {
  const std::string path = std::string(TB_TEST_DATA_DIR) + "/" + file_name;
  std::ifstream stream(path);
  if (!stream) fail(file_name, "cannot open " + path);

  Json json;
  try {
    json = Json::parse(stream);
  } catch (const Json::exception& error) {
    fail(file_name, std::string("invalid JSON: ") + error.what());
  }
  if (json.value("format", "") != "transformer-bench-golden/1") {
    fail(file_name, "format is not transformer-bench-golden/1");
  }

  GoldenFile golden;
  try {
    golden.name = json.at("name").get<std::string>();

    const Json& config = json.at("config");
    golden.config.name = golden.name;
    golden.config.vocab_size = config.at("vocab_size").get<int>();
    golden.config.d_model = config.at("d_model").get<int>();
    golden.config.n_layers = config.at("n_layers").get<int>();
    golden.config.n_heads = config.at("n_heads").get<int>();
    golden.config.d_ff = config.at("d_ff").get<int>();
    golden.config.layer_norm_eps = config.at("layer_norm_eps").get<float>();
    golden.parameter_count = json.at("parameter_count").get<int64_t>();

    for (const auto& [name, entry] : json.at("weights").items()) {
      golden.weights.tensors.push_back(parse_tensor(file_name, name, entry));
    }

    const auto rows = json.at("tokens").get<std::vector<std::vector<int32_t>>>();
    if (rows.empty() || rows.front().empty()) fail(file_name, "tokens is empty");
    golden.batch_size = static_cast<int>(rows.size());
    golden.seq_len = static_cast<int>(rows.front().size());
    for (const auto& row : rows) {
      if (row.size() != rows.front().size()) fail(file_name, "tokens rows differ in length");
      golden.tokens.insert(golden.tokens.end(), row.begin(), row.end());
    }
    golden.config.max_seq_len = golden.seq_len;

    golden.logits = json.at("logits").get<std::vector<double>>();
    golden.loss = json.at("loss").get<double>();
  } catch (const Json::exception& error) {
    fail(file_name, std::string("missing or mistyped key: ") + error.what());
  }

  const size_t expected_logits = static_cast<size_t>(golden.batch_size) * static_cast<size_t>(golden.seq_len) *
                                 static_cast<size_t>(golden.config.vocab_size);
  if (golden.logits.size() != expected_logits) {
    fail(file_name, "logits has " + std::to_string(golden.logits.size()) +
                        " values, expected B*T*V = " + std::to_string(expected_logits));
  }
  return golden;
}

}  // namespace tb::test
