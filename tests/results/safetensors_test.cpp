// Loading weights from safetensors: a valid file, each kind of broken file with the
// message that names the problem, and F16/BF16 widening. Exported weights must load
// back bit-identical and give identical logits through the scalar backend, when it
// is built.
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "model/weights.h"
#include "plugin/model.h"
#include "plugin/plugin.h"
#include "weights/half_float.h"
#include "weights/safetensors.h"

namespace tb {
namespace {

namespace fs = std::filesystem;
using ordered_json = nlohmann::ordered_json;

ModelConfig tiny_config() {
  ModelConfig config;
  config.name = "tiny";
  config.vocab_size = 6;
  config.d_model = 4;
  config.n_layers = 1;
  config.n_heads = 2;
  config.d_ff = 8;
  config.max_seq_len = 8;
  validate(config);
  return config;
}

// A safetensors file taken apart, so tests can break one piece and write it.
struct RawFile {
  ordered_json header = ordered_json::object();
  std::string data;                                // the data area
  std::optional<uint64_t> length_override;         // a wrong header length
  std::optional<std::string> header_text_override;  // a header that is not JSON

  void write(const fs::path& path) const {
    const std::string text = header_text_override.value_or(header.dump());
    const uint64_t length = length_override.value_or(text.size());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    for (int i = 0; i < 8; ++i) out.put(static_cast<char>((length >> (8 * i)) & 0xFFu));
    out << text << data;
  }
};

// The tiny model's weights as F32, tensors back to back in canonical order.
RawFile valid_raw_file(const Weights& weights) {
  RawFile file;
  file.header["__metadata__"] = {{"format", "test"}};
  for (const Tensor& tensor : weights.tensors) {
    const uint64_t begin = file.data.size();
    file.data.append(reinterpret_cast<const char*>(tensor.data.data()), tensor.data.size() * sizeof(float));
    file.header[tensor.name] = {{"dtype", "F32"}, {"shape", tensor.shape}, {"data_offsets", {begin, file.data.size()}}};
  }
  return file;
}

class Safetensors : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = fs::temp_directory_path() /
                 ("tb_safetensors_test_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(directory_);
    fs::create_directories(directory_);
    weights_ = init_weights(config_, 42);
  }
  void TearDown() override { fs::remove_all(directory_); }

  // The error message of loading `file` into the tiny model; "" when it loads.
  std::string load_error(const RawFile& file, bool allow_extra = false) {
    const fs::path path = directory_ / "weights.safetensors";
    file.write(path);
    try {
      load_safetensors(path, config_, allow_extra);
    } catch (const SafetensorsError& error) {
      return error.what();
    }
    return "";
  }

  fs::path directory_;
  const ModelConfig config_ = tiny_config();
  Weights weights_;
};

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST_F(Safetensors, ValidFileLoads) {
  const fs::path path = directory_ / "weights.safetensors";
  valid_raw_file(weights_).write(path);
  const Weights loaded = load_safetensors(path, config_);
  ASSERT_EQ(loaded.tensors.size(), weights_.tensors.size());
  for (size_t i = 0; i < loaded.tensors.size(); ++i) {
    EXPECT_EQ(loaded.tensors[i].name, weights_.tensors[i].name);
    EXPECT_EQ(loaded.tensors[i].shape, weights_.tensors[i].shape);
    EXPECT_EQ(loaded.tensors[i].data, weights_.tensors[i].data);
  }

  const SafetensorsHeader header = read_safetensors_header(path);
  EXPECT_EQ(header.metadata.at("format"), "test");
  EXPECT_EQ(header.tensors.front().name, "tok_embedding");  // header order is kept
}

TEST_F(Safetensors, TensorsInAnyOrderLoadInCanonicalOrder) {
  RawFile file = valid_raw_file(weights_);
  ordered_json reversed = ordered_json::object();
  for (auto it = file.header.rbegin(); it != file.header.rend(); ++it) reversed[it.key()] = it.value();
  file.header = reversed;
  const fs::path path = directory_ / "weights.safetensors";
  file.write(path);
  const Weights loaded = load_safetensors(path, config_);
  EXPECT_EQ(loaded.tensors.front().name, "tok_embedding");
  EXPECT_EQ(loaded.tensors.back().data, weights_.tensors.back().data);
}

TEST_F(Safetensors, FileShorterThanLengthPrefix) {
  const fs::path path = directory_ / "short.safetensors";
  std::ofstream(path, std::ios::binary) << "abc";
  try {
    load_safetensors(path, config_);
    FAIL() << "a 3-byte file loaded";
  } catch (const SafetensorsError& error) {
    EXPECT_TRUE(contains(error.what(), "the file has 3 bytes")) << error.what();
  }
}

TEST_F(Safetensors, HeaderLengthPastEndOfFile) {
  RawFile file = valid_raw_file(weights_);
  file.length_override = file.header.dump().size() + file.data.size() + 1;
  EXPECT_TRUE(contains(load_error(file), "runs past the end of the")) << load_error(file);
}

TEST_F(Safetensors, HeaderLengthAboveLimit) {
  RawFile file = valid_raw_file(weights_);
  file.length_override = uint64_t{1} << 40;
  EXPECT_TRUE(contains(load_error(file), "header length 1099511627776 is above the limit")) << load_error(file);
}

TEST_F(Safetensors, HeaderNotJson) {
  RawFile file = valid_raw_file(weights_);
  file.header_text_override = "{\"tok_embedding\": [1, 2";
  EXPECT_TRUE(contains(load_error(file), "the header is not valid JSON")) << load_error(file);
}

TEST_F(Safetensors, HeaderNotAnObject) {
  RawFile file = valid_raw_file(weights_);
  file.header_text_override = "[1, 2, 3]";
  EXPECT_TRUE(contains(load_error(file), "the header must be a JSON object")) << load_error(file);
}

TEST_F(Safetensors, MissingTensor) {
  RawFile file = valid_raw_file(weights_);
  file.header.erase("lm_head.b");
  EXPECT_TRUE(contains(load_error(file), "tensor 'lm_head.b': missing (expected shape [6])")) << load_error(file);
}

TEST_F(Safetensors, WrongShape) {
  // Same number of elements, so only the shape check can catch it.
  RawFile file = valid_raw_file(weights_);
  file.header["blocks.0.attn.wq"]["shape"] = {2, 8};
  EXPECT_TRUE(contains(load_error(file), "tensor 'blocks.0.attn.wq': shape [2, 8], expected [4, 4]"))
      << load_error(file);
}

TEST_F(Safetensors, UnsupportedDtype) {
  // I32 has the size of F32, so the offsets stay consistent.
  RawFile file = valid_raw_file(weights_);
  file.header["ln_f.gamma"]["dtype"] = "I32";
  EXPECT_TRUE(contains(load_error(file), "tensor 'ln_f.gamma': dtype I32 is not supported; expected F32, F16 or BF16"))
      << load_error(file);
}

TEST_F(Safetensors, UnknownDtype) {
  RawFile file = valid_raw_file(weights_);
  file.header["ln_f.gamma"]["dtype"] = "F7";
  EXPECT_TRUE(contains(load_error(file), "tensor 'ln_f.gamma': unknown dtype \"F7\"")) << load_error(file);
}

TEST_F(Safetensors, OffsetsOutsideFile) {
  RawFile file = valid_raw_file(weights_);
  const uint64_t end = file.data.size();
  file.header["lm_head.b"]["data_offsets"] = {end, end + 24};
  const std::string error = load_error(file);
  EXPECT_TRUE(contains(error, "tensor 'lm_head.b': data_offsets [" + std::to_string(end) + ", " +
                                  std::to_string(end + 24) + ") reach past the end of the data area"))
      << error;
}

TEST_F(Safetensors, OffsetsInconsistentWithShape) {
  RawFile file = valid_raw_file(weights_);
  auto& offsets = file.header["lm_head.b"]["data_offsets"];
  offsets[1] = offsets[1].get<uint64_t>() - 4;
  EXPECT_TRUE(contains(load_error(file), "hold 20 bytes, but shape [6] of F32 needs 24")) << load_error(file);
}

TEST_F(Safetensors, OffsetsReversed) {
  RawFile file = valid_raw_file(weights_);
  file.header["lm_head.b"]["data_offsets"] = {24, 0};
  EXPECT_TRUE(contains(load_error(file), "tensor 'lm_head.b': data_offsets [24, 0) end before they begin"))
      << load_error(file);
}

TEST_F(Safetensors, OverlappingTensors) {
  // ln_f.beta reads the bytes of ln_f.gamma (both [4] F32).
  RawFile file = valid_raw_file(weights_);
  file.header["ln_f.beta"]["data_offsets"] = file.header["ln_f.gamma"]["data_offsets"];
  const std::string error = load_error(file);
  EXPECT_TRUE(contains(error, "overlap tensor 'ln_f.gamma'") || contains(error, "overlap tensor 'ln_f.beta'")) << error;
}

TEST_F(Safetensors, ExtraTensorRejectedUnlessAllowed) {
  RawFile file = valid_raw_file(weights_);
  const uint64_t begin = file.data.size();
  file.data.append(8, '\0');
  file.header["optimizer.step"] = {{"dtype", "I64"}, {"shape", {1}}, {"data_offsets", {begin, begin + 8}}};

  EXPECT_TRUE(contains(load_error(file), "tensor 'optimizer.step': not a tensor of this model")) << load_error(file);
  EXPECT_EQ(load_error(file, true), "");
}

TEST_F(Safetensors, EveryProblemIsListedOnce) {
  RawFile file = valid_raw_file(weights_);
  file.header.erase("lm_head.b");
  file.header["blocks.0.attn.wq"]["shape"] = {2, 8};
  file.header["ln_f.gamma"]["dtype"] = "I32";
  const std::string error = load_error(file);
  EXPECT_TRUE(contains(error, "does not match model 'tiny'")) << error;
  EXPECT_TRUE(contains(error, "(3 problems)")) << error;
  EXPECT_TRUE(contains(error, "'lm_head.b': missing")) << error;
  EXPECT_TRUE(contains(error, "'blocks.0.attn.wq': shape")) << error;
  EXPECT_TRUE(contains(error, "'ln_f.gamma': dtype I32")) << error;
}

TEST_F(Safetensors, MalformedEntryIsNotAlsoMissing) {
  RawFile file = valid_raw_file(weights_);
  file.header["lm_head.b"] = "not an entry";
  const std::string error = load_error(file);
  EXPECT_TRUE(contains(error, "(1 problem)")) << error;
  EXPECT_TRUE(contains(error, "tensor 'lm_head.b': expected an object with dtype, shape and data_offsets")) << error;
}

TEST(HalfFloat, HalfToFloatKnownValues) {
  EXPECT_EQ(half_to_float(0x3C00), 1.0f);
  EXPECT_EQ(half_to_float(0xC000), -2.0f);
  EXPECT_EQ(half_to_float(0x3555), 0.333251953125f);  // closest half to 1/3
  EXPECT_EQ(half_to_float(0x7BFF), 65504.0f);         // largest finite half
  EXPECT_EQ(half_to_float(0x0400), std::ldexp(1.0f, -14));     // smallest normal
  EXPECT_EQ(half_to_float(0x0001), std::ldexp(1.0f, -24));     // smallest subnormal
  EXPECT_EQ(half_to_float(0x03FF), 1023 * std::ldexp(1.0f, -24));  // largest subnormal
  EXPECT_EQ(half_to_float(0x7C00), std::numeric_limits<float>::infinity());
  EXPECT_EQ(half_to_float(0xFC00), -std::numeric_limits<float>::infinity());
  EXPECT_TRUE(std::isnan(half_to_float(0x7E00)));
  EXPECT_EQ(std::bit_cast<uint32_t>(half_to_float(0x8000)), 0x80000000u);  // -0 keeps its sign
}

TEST(HalfFloat, BfloatToFloatKnownValues) {
  EXPECT_EQ(bfloat16_to_float(0x3F80), 1.0f);
  EXPECT_EQ(bfloat16_to_float(0xC040), -3.0f);
  EXPECT_EQ(bfloat16_to_float(0x4049), 3.140625f);  // pi rounded to bfloat16
  EXPECT_EQ(bfloat16_to_float(0x0001), std::ldexp(1.0f, -133));
  EXPECT_EQ(bfloat16_to_float(0x7F80), std::numeric_limits<float>::infinity());
  EXPECT_TRUE(std::isnan(bfloat16_to_float(0x7FC0)));
}

TEST_F(Safetensors, HalfPrecisionTensorsAreWidened) {
  // Tensors at even positions of the canonical order are stored as BF16, the others
  // as F16, all values 1.5, except tok_embedding (position 0, BF16), which repeats
  // -2, 0.5, 65280 and 2^-24.
  RawFile file;
  size_t position = 0;
  for (const TensorSpec& spec : tensor_specs(config_)) {
    const bool bf16 = position++ % 2 == 0;
    int64_t numel = 1;
    for (int64_t dimension : spec.shape) numel *= dimension;
    const uint64_t begin = file.data.size();
    for (int64_t i = 0; i < numel; ++i) {
      uint16_t bits = bf16 ? 0x3FC0 : 0x3E00;  // 1.5 in BF16 and in F16
      if (spec.name == "tok_embedding") {
        const uint16_t pattern[] = {0xC000, 0x3F00, 0x477F, 0x3380};
        bits = pattern[i % 4];
      }
      file.data.push_back(static_cast<char>(bits & 0xFF));
      file.data.push_back(static_cast<char>(bits >> 8));
    }
    file.header[spec.name] = {
        {"dtype", bf16 ? "BF16" : "F16"}, {"shape", spec.shape}, {"data_offsets", {begin, file.data.size()}}};
  }
  const fs::path path = directory_ / "half.safetensors";
  file.write(path);

  const Weights loaded = load_safetensors(path, config_);
  const Tensor& embedding = *loaded.find("tok_embedding");  // position 0: BF16
  EXPECT_EQ(embedding.data[0], -2.0f);
  EXPECT_EQ(embedding.data[1], 0.5f);
  EXPECT_EQ(embedding.data[2], 65280.0f);
  EXPECT_EQ(embedding.data[3], std::ldexp(1.0f, -24));
  for (const Tensor& tensor : loaded.tensors) {
    if (tensor.name == "tok_embedding") continue;
    for (float value : tensor.data) ASSERT_EQ(value, 1.5f) << tensor.name;
  }
}

TEST_F(Safetensors, ExportedWeightsRoundTrip) {
  const fs::path path = directory_ / "exported.safetensors";
  write_safetensors(path, weights_, weights_metadata(config_, 42));

  // The layout the reference implementation writes: header padded to 8 bytes, tensors
  // back to back in canonical order, the last one ending at the end of the file.
  const SafetensorsHeader header = read_safetensors_header(path);
  EXPECT_EQ(header.data_start % 8, 0u);
  uint64_t expected_begin = 0;
  for (size_t i = 0; i < header.tensors.size(); ++i) {
    EXPECT_EQ(header.tensors[i].name, weights_.tensors[i].name);
    EXPECT_EQ(header.tensors[i].dtype, "F32");
    EXPECT_EQ(header.tensors[i].begin, expected_begin);
    expected_begin = header.tensors[i].end;
  }
  EXPECT_EQ(header.data_start + expected_begin, header.file_bytes);
  EXPECT_EQ(header.metadata.at("format"), "transformer-bench-weights");
  EXPECT_EQ(header.metadata.at("d_model"), "4");
  EXPECT_EQ(header.metadata.at("d_ff"), "8");
  EXPECT_EQ(header.metadata.at("layer_norm_eps"), "1e-05");
  EXPECT_EQ(header.metadata.at("seed"), "42");

  const Weights loaded = load_safetensors(path, config_);
  ASSERT_EQ(loaded.tensors.size(), weights_.tensors.size());
  for (size_t i = 0; i < loaded.tensors.size(); ++i) {
    ASSERT_EQ(loaded.tensors[i].data.size(), weights_.tensors[i].data.size());
    EXPECT_EQ(std::memcmp(loaded.tensors[i].data.data(), weights_.tensors[i].data.data(),
                          loaded.tensors[i].data.size() * sizeof(float)),
              0)
        << loaded.tensors[i].name;
  }
}

TEST_F(Safetensors, ExportedWeightsGiveIdenticalLogits) {
  const fs::path plugin_path = fs::path(TB_PLUGIN_OUTPUT_DIR) / "tb_scalar.so";
  if (!fs::exists(plugin_path)) GTEST_SKIP() << "scalar backend not built at " << plugin_path;

  const fs::path path = directory_ / "exported.safetensors";
  write_safetensors(path, weights_, weights_metadata(config_, 42));
  const Weights loaded = load_safetensors(path, config_);

  const std::shared_ptr<Plugin> plugin = Plugin::load(plugin_path);
  const int batch_size = 2;
  const int seq_len = 5;
  const std::vector<int32_t> tokens = make_tokens(batch_size, seq_len, config_.vocab_size, 7);
  std::vector<float> generated_logits(static_cast<size_t>(batch_size * seq_len * config_.vocab_size));
  std::vector<float> loaded_logits(generated_logits.size());

  plugin->create_model(config_, weights_)->forward(tokens, batch_size, seq_len, generated_logits);
  plugin->create_model(config_, loaded)->forward(tokens, batch_size, seq_len, loaded_logits);
  EXPECT_EQ(generated_logits, loaded_logits);
}

}  // namespace
}  // namespace tb
