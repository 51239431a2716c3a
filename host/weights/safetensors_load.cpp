// Loading a model's weights from a safetensors file: header checks against the
// model's tensor list, then the tensor bytes, widened to float32 where needed.
#include <bit>
#include <cstring>
#include <fstream>
#include <map>

#include "weights/half_float.h"
#include "weights/safetensors.h"
#include "weights/safetensors_internal.h"

namespace tb {

namespace {

std::string shape_text(const std::vector<int64_t>& shape) {
  std::string text = "[";
  for (size_t i = 0; i < shape.size(); ++i) text += (i > 0 ? ", " : "") + std::to_string(shape[i]);
  return text + "]";
}

bool convertible(const std::string& dtype) { return dtype == "F32" || dtype == "F16" || dtype == "BF16"; }

// Little-endian element `i` of `bytes`, whatever the host's byte order.
template <typename Unsigned>
Unsigned little_endian_at(const std::vector<unsigned char>& bytes, size_t i) {
  Unsigned value = 0;
  for (size_t b = sizeof(Unsigned); b-- > 0;) value = static_cast<Unsigned>((value << 8) | bytes[i * sizeof(Unsigned) + b]);
  return value;
}

void convert(const std::string& dtype, const std::vector<unsigned char>& bytes, std::vector<float>& out) {
  for (size_t i = 0; i < out.size(); ++i) {
    if (dtype == "F32") {
      out[i] = std::bit_cast<float>(little_endian_at<uint32_t>(bytes, i));
    } else if (dtype == "F16") {
      out[i] = half_to_float(little_endian_at<uint16_t>(bytes, i));
    } else {
      out[i] = bfloat16_to_float(little_endian_at<uint16_t>(bytes, i));
    }
  }
}

}  // namespace

Weights load_safetensors(const std::filesystem::path& path, const ModelConfig& config, bool allow_extra) {
  safetensors_detail::ParsedHeader parsed = safetensors_detail::parse_header(path);
  std::vector<std::string>& problems = parsed.problems;

  std::map<std::string, const SafetensorsEntry*> entries;
  for (const SafetensorsEntry& entry : parsed.header.tensors) entries[entry.name] = &entry;

  const std::vector<TensorSpec> specs = tensor_specs(config);
  std::map<std::string, const TensorSpec*> expected;
  for (const TensorSpec& spec : specs) expected[spec.name] = &spec;

  for (const TensorSpec& spec : specs) {
    const std::string prefix = "tensor '" + spec.name + "': ";
    if (!parsed.names_in_header.contains(spec.name)) {
      problems.push_back(prefix + "missing (expected shape " + shape_text(spec.shape) + ")");
      continue;
    }
    const auto found = entries.find(spec.name);
    if (found == entries.end()) continue;  // its entry is invalid and already reported
    const SafetensorsEntry& entry = *found->second;
    if (entry.shape != spec.shape) {
      problems.push_back(prefix + "shape " + shape_text(entry.shape) + ", expected " + shape_text(spec.shape));
    }
    if (!convertible(entry.dtype)) {
      problems.push_back(prefix + "dtype " + entry.dtype + " is not supported; expected F32, F16 or BF16");
    }
  }
  if (!allow_extra) {
    for (const std::string& name : parsed.names_in_header) {
      if (!expected.contains(name)) {
        problems.push_back("tensor '" + name + "': not a tensor of this model (see docs/model.md for the names); " +
                           "remove it or allow extra tensors");
      }
    }
  }
  if (!problems.empty()) {
    throw SafetensorsError(safetensors_detail::problem_list(
        path, "does not match model '" + config.name + "' (d_model " + std::to_string(config.d_model) + ", n_layers " +
                  std::to_string(config.n_layers) + ", vocab_size " + std::to_string(config.vocab_size) + ")",
        problems));
  }

  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open weights file '" + path.string() + "'");

  Weights weights;
  std::vector<unsigned char> bytes;
  for (const TensorSpec& spec : specs) {
    const SafetensorsEntry& entry = *entries.at(spec.name);
    Tensor tensor{spec.name, spec.shape, {}};
    tensor.data.resize(static_cast<size_t>(tensor.numel()));

    bytes.resize(static_cast<size_t>(entry.end - entry.begin));
    in.seekg(static_cast<std::streamoff>(parsed.header.data_start + entry.begin));
    in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!in) {
      throw std::runtime_error("cannot read tensor '" + spec.name + "' from weights file '" + path.string() +
                               "' (did the file change while loading?)");
    }
    convert(entry.dtype, bytes, tensor.data);
    weights.tensors.push_back(std::move(tensor));
  }
  return weights;
}

}  // namespace tb
