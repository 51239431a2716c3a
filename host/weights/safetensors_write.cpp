// Writing F32 weights as safetensors, in the layout the reference library writes:
// header padded with spaces to a multiple of 8, tensors back to back.
#include <bit>
#include <charconv>
#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "weights/safetensors.h"

namespace tb {

namespace {

void write_little_endian_u64(std::ofstream& out, uint64_t value) {
  char bytes[8];
  for (char& byte : bytes) {
    byte = static_cast<char>(value & 0xFFu);
    value >>= 8;
  }
  out.write(bytes, sizeof(bytes));
}

void write_floats(std::ofstream& out, const std::vector<float>& data) {
  if constexpr (std::endian::native == std::endian::little) {
    out.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size() * sizeof(float)));
  } else {
    for (float value : data) {
      uint32_t bits = std::bit_cast<uint32_t>(value);
      char bytes[4];
      for (char& byte : bytes) {
        byte = static_cast<char>(bits & 0xFFu);
        bits >>= 8;
      }
      out.write(bytes, sizeof(bytes));
    }
  }
}

}  // namespace

void write_safetensors(const std::filesystem::path& path, const Weights& weights,
                       const std::map<std::string, std::string>& metadata) {
  // ordered_json keeps the tensors in the order given, so the header lists them in
  // the same order as the data area.
  nlohmann::ordered_json header = nlohmann::ordered_json::object();
  if (!metadata.empty()) header["__metadata__"] = metadata;

  uint64_t offset = 0;
  for (const Tensor& tensor : weights.tensors) {
    if (static_cast<int64_t>(tensor.data.size()) != tensor.numel()) {
      throw std::invalid_argument("tensor '" + tensor.name + "' has " + std::to_string(tensor.data.size()) +
                                  " values but its shape needs " + std::to_string(tensor.numel()));
    }
    if (tensor.name == "__metadata__" || header.contains(tensor.name)) {
      throw std::invalid_argument("tensor name '" + tensor.name + "' is reserved or appears twice");
    }
    const uint64_t bytes = tensor.data.size() * sizeof(float);
    header[tensor.name] = {{"dtype", "F32"}, {"shape", tensor.shape}, {"data_offsets", {offset, offset + bytes}}};
    offset += bytes;
  }

  std::string text = header.dump();
  text.append((8 - text.size() % 8) % 8, ' ');

  // Renaming over a device, FIFO or symbolic link would replace it with a regular
  // file, so those are written through in place.
  std::error_code status_error;
  const std::filesystem::file_status status = std::filesystem::symlink_status(path, status_error);
  const bool in_place = std::filesystem::exists(status) && !std::filesystem::is_regular_file(status);
  const std::filesystem::path temporary = in_place ? path : std::filesystem::path(path.string() + ".tmp");
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot create weights file '" + temporary.string() + "'");
    write_little_endian_u64(out, text.size());
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    for (const Tensor& tensor : weights.tensors) write_floats(out, tensor.data);
    out.close();
    if (!out) {
      if (!in_place) std::filesystem::remove(temporary);
      throw std::runtime_error("failed to write weights file '" + temporary.string() + "' (disk full?)");
    }
  }
  if (!in_place) std::filesystem::rename(temporary, path);
}

std::map<std::string, std::string> weights_metadata(const ModelConfig& config, uint64_t seed) {
  // The shortest text that reads back as the same float: "1e-05", not "9.99999975e-06".
  char epsilon[32];
  const auto written = std::to_chars(epsilon, epsilon + sizeof(epsilon) - 1, config.layer_norm_eps).ptr;
  *written = '\0';
  return {{"format", "transformer-bench-weights"},
          {"name", config.name},
          {"vocab_size", std::to_string(config.vocab_size)},
          {"d_model", std::to_string(config.d_model)},
          {"n_layers", std::to_string(config.n_layers)},
          {"n_heads", std::to_string(config.n_heads)},
          {"d_ff", std::to_string(config.d_ff)},
          {"layer_norm_eps", epsilon},
          {"seed", std::to_string(seed)}};
}

}  // namespace tb
