// Model weights in the safetensors format: an 8-byte little-endian header length N,
// N bytes of JSON mapping each tensor name to {dtype, shape, data_offsets} plus an
// optional "__metadata__" object of strings, then the tensor bytes, with offsets
// relative to the end of the header. Reading checks every number in the header
// before it is used; writing produces F32 files that the reference safetensors
// library also reads. Tensor names and shapes are the project's (docs/model.md).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/model_config.h"
#include "model/weights.h"

namespace tb {

// A file that cannot be used. what() names the file and lists every problem found,
// one per line, each naming its tensor.
class SafetensorsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The reference implementation rejects headers above 100,000,000 bytes
// (MAX_HEADER_SIZE in its tensor.rs), and so does this one.
inline constexpr uint64_t kSafetensorsMaxHeaderBytes = 100'000'000;

struct SafetensorsEntry {
  std::string name;
  std::string dtype;  // as written: "F32", "F16", "BF16", "I64", ...
  std::vector<int64_t> shape;
  uint64_t begin = 0;  // byte range [begin, end) relative to the data area
  uint64_t end = 0;
};

struct SafetensorsHeader {
  uint64_t file_bytes = 0;
  uint64_t data_start = 0;  // file offset of the data area: 8 + header length
  std::vector<SafetensorsEntry> tensors;  // in header order
  std::map<std::string, std::string> metadata;
};

// Reads and checks the header alone: the length fits the file, the JSON is an
// object of well-formed entries, each entry's offsets lie inside the data area and
// match shape x dtype size, and no two tensors overlap. Tensors of a dtype this
// project cannot convert are reported by load_safetensors, not here.
SafetensorsHeader read_safetensors_header(const std::filesystem::path& path);

// Loads the weights of `config` in canonical order, converting F16 and BF16 to F32.
// Every tensor of tensor_specs(config) must be present with its exact shape and
// dtype F32, F16 or BF16. Tensors the model does not have are an error unless
// allow_extra is set, in which case they are skipped. Throws SafetensorsError listing
// every problem at once; throws std::runtime_error when the file cannot be read.
Weights load_safetensors(const std::filesystem::path& path, const ModelConfig& config, bool allow_extra = false);

// Writes `weights` as F32 in their order, with `metadata` as "__metadata__". The
// header is padded with spaces to a multiple of 8 bytes, so the data area starts
// 8-byte aligned and every float32 tensor 4-byte aligned. The tensors follow each
// other without gaps, as the reference library requires. A
// regular file is written under a temporary name and renamed, so a failed write
// leaves no partial file at `path`.
void write_safetensors(const std::filesystem::path& path, const Weights& weights,
                       const std::map<std::string, std::string>& metadata = {});

// The "__metadata__" that export-weights writes: the format name and every field of
// the model configuration and the seed, as strings (the format allows only strings).
std::map<std::string, std::string> weights_metadata(const ModelConfig& config, uint64_t seed);

}  // namespace tb
