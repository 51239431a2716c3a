// Reading and checking a safetensors header. Every number comes from a file that may
// be damaged or hostile, so each one is checked before it sizes an allocation or a
// read: the header length against the file, each offset pair against the data area
// and against shape x dtype size (with overflow checks), and the ranges against each
// other.
#include <algorithm>
#include <fstream>
#include <limits>
#include <optional>

#include <nlohmann/json.hpp>

#include "weights/safetensors.h"
#include "weights/safetensors_internal.h"

namespace tb::safetensors_detail {

namespace {

using json = nlohmann::ordered_json;

std::optional<uint64_t> dtype_size(const std::string& dtype) {
  static const std::map<std::string, uint64_t> sizes{
      {"BOOL", 1}, {"U8", 1},  {"I8", 1},  {"F8_E5M2", 1}, {"F8_E4M3", 1}, {"I16", 2},  {"U16", 2}, {"F16", 2},
      {"BF16", 2}, {"I32", 4}, {"U32", 4}, {"F32", 4},     {"F64", 8},     {"I64", 8}, {"U64", 8}};
  const auto found = sizes.find(dtype);
  if (found == sizes.end()) return std::nullopt;
  return found->second;
}

std::string range_text(uint64_t begin, uint64_t end) {
  // Appended piece by piece: GCC 12 reports a false -Wrestrict for the equivalent
  // chain of operator+ on a string literal.
  std::string text = "[";
  text += std::to_string(begin);
  text += ", ";
  text += std::to_string(end);
  text += ")";
  return text;
}

uint64_t read_length_prefix(std::ifstream& in) {
  unsigned char bytes[8];
  in.read(reinterpret_cast<char*>(bytes), sizeof(bytes));
  uint64_t length = 0;
  for (int i = 7; i >= 0; --i) length = (length << 8) | bytes[i];
  return length;
}

// Parses one tensor entry; returns nothing (and records why) when it is unusable.
std::optional<SafetensorsEntry> parse_entry(const std::string& name, const json& value, uint64_t data_bytes,
                                            std::vector<std::string>& problems) {
  const std::string prefix = "tensor '" + name + "': ";
  if (!value.is_object()) {
    problems.push_back(prefix + "expected an object with dtype, shape and data_offsets, got " + value.dump());
    return std::nullopt;
  }

  SafetensorsEntry entry;
  entry.name = name;

  const auto dtype = value.find("dtype");
  if (dtype == value.end() || !dtype->is_string()) {
    problems.push_back(prefix + "missing or non-string \"dtype\"");
    return std::nullopt;
  }
  entry.dtype = dtype->get<std::string>();

  const auto shape = value.find("shape");
  if (shape == value.end() || !shape->is_array()) {
    problems.push_back(prefix + "missing or non-array \"shape\"");
    return std::nullopt;
  }
  for (const json& dimension : *shape) {
    if (!dimension.is_number_unsigned() ||
        dimension.get<uint64_t>() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
      problems.push_back(prefix + "shape " + shape->dump() + " is not a list of non-negative integers");
      return std::nullopt;
    }
    entry.shape.push_back(dimension.get<int64_t>());
  }

  const auto offsets = value.find("data_offsets");
  if (offsets == value.end() || !offsets->is_array() || offsets->size() != 2 || !(*offsets)[0].is_number_unsigned() ||
      !(*offsets)[1].is_number_unsigned()) {
    problems.push_back(prefix + "\"data_offsets\" must be two non-negative integers [begin, end]");
    return std::nullopt;
  }
  entry.begin = (*offsets)[0].get<uint64_t>();
  entry.end = (*offsets)[1].get<uint64_t>();

  if (entry.begin > entry.end) {
    problems.push_back(prefix + "data_offsets " + range_text(entry.begin, entry.end) + " end before they begin");
    return std::nullopt;
  }
  if (entry.end > data_bytes) {
    problems.push_back(prefix + "data_offsets " + range_text(entry.begin, entry.end) +
                       " reach past the end of the data area, which has " + std::to_string(data_bytes) +
                       " bytes (truncated file?)");
    return std::nullopt;
  }

  const std::optional<uint64_t> element_bytes = dtype_size(entry.dtype);
  if (!element_bytes) {
    problems.push_back(prefix + "unknown dtype \"" + entry.dtype + "\"");
    return std::nullopt;
  }

  // numel * element size, refusing to wrap around: a wrapped product could match
  // a small range by accident.
  uint64_t expected = *element_bytes;
  for (int64_t dimension : entry.shape) {
    const auto size = static_cast<uint64_t>(dimension);
    if (size != 0 && expected > std::numeric_limits<uint64_t>::max() / size) {
      problems.push_back(prefix + "shape " + shape->dump() + " is too large to address");
      return std::nullopt;
    }
    expected *= size;
  }
  if (entry.end - entry.begin != expected) {
    problems.push_back(prefix + "data_offsets " + range_text(entry.begin, entry.end) + " hold " +
                       std::to_string(entry.end - entry.begin) + " bytes, but shape " + shape->dump() + " of " +
                       entry.dtype + " needs " + std::to_string(expected));
    return std::nullopt;
  }
  return entry;
}

void check_overlaps(const std::vector<SafetensorsEntry>& entries, std::vector<std::string>& problems) {
  std::vector<const SafetensorsEntry*> sorted;
  for (const SafetensorsEntry& entry : entries) {
    if (entry.end > entry.begin) sorted.push_back(&entry);  // empty tensors occupy no bytes
  }
  std::sort(sorted.begin(), sorted.end(),
            [](const SafetensorsEntry* a, const SafetensorsEntry* b) { return a->begin < b->begin; });

  // Compared with the furthest-reaching range so far, not only the previous one, so
  // a long range that covers several later ones is caught for each of them.
  const SafetensorsEntry* furthest = nullptr;
  for (const SafetensorsEntry* entry : sorted) {
    if (furthest != nullptr && entry->begin < furthest->end) {
      problems.push_back("tensor '" + entry->name + "': bytes " + range_text(entry->begin, entry->end) +
                         " overlap tensor '" + furthest->name + "' at " + range_text(furthest->begin, furthest->end));
    }
    if (furthest == nullptr || entry->end > furthest->end) furthest = entry;
  }
}

}  // namespace

std::string problem_list(const std::filesystem::path& path, const std::string& summary,
                         const std::vector<std::string>& problems) {
  std::string message = "weights file '" + path.string() + "' " + summary + " (" + std::to_string(problems.size()) +
                        (problems.size() == 1 ? " problem" : " problems") + "):";
  for (const std::string& problem : problems) message += "\n  - " + problem;
  return message;
}

ParsedHeader parse_header(const std::filesystem::path& path) {
  std::error_code error;
  const uint64_t file_bytes = std::filesystem::file_size(path, error);
  if (error) throw std::runtime_error("cannot read weights file '" + path.string() + "': " + error.message());

  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open weights file '" + path.string() + "'");

  const std::string where = "weights file '" + path.string() + "': ";
  if (file_bytes < 8) {
    throw SafetensorsError(where + "the file has " + std::to_string(file_bytes) +
                           " bytes, but a safetensors file starts with an 8-byte header length");
  }
  const uint64_t header_bytes = read_length_prefix(in);
  if (header_bytes > kSafetensorsMaxHeaderBytes) {
    throw SafetensorsError(where + "header length " + std::to_string(header_bytes) + " is above the limit of " +
                           std::to_string(kSafetensorsMaxHeaderBytes) + " bytes; is this a safetensors file?");
  }
  if (header_bytes > file_bytes - 8) {
    throw SafetensorsError(where + "header length " + std::to_string(header_bytes) + " runs past the end of the " +
                           std::to_string(file_bytes) + "-byte file; the file is truncated or not safetensors");
  }

  std::string text(header_bytes, '\0');
  in.read(text.data(), static_cast<std::streamsize>(header_bytes));
  if (!in) throw std::runtime_error("cannot read the header of weights file '" + path.string() + "'");

  json document;
  try {
    document = json::parse(text);
  } catch (const json::parse_error& parse_error) {
    throw SafetensorsError(where + "the header is not valid JSON: " + parse_error.what());
  }
  if (!document.is_object()) {
    throw SafetensorsError(where + "the header must be a JSON object of tensors, got " +
                           std::string(document.type_name()));
  }

  ParsedHeader parsed;
  parsed.header.file_bytes = file_bytes;
  parsed.header.data_start = 8 + header_bytes;
  const uint64_t data_bytes = file_bytes - parsed.header.data_start;

  for (const auto& [name, value] : document.items()) {
    if (name == "__metadata__") {
      // Only strings are allowed there; other values are ignored, as they never
      // affect how tensors are read.
      if (value.is_object()) {
        for (const auto& [key, item] : value.items()) {
          if (item.is_string()) parsed.header.metadata[key] = item.get<std::string>();
        }
      }
      continue;
    }
    parsed.names_in_header.insert(name);
    if (std::optional<SafetensorsEntry> entry = parse_entry(name, value, data_bytes, parsed.problems)) {
      parsed.header.tensors.push_back(std::move(*entry));
    }
  }
  check_overlaps(parsed.header.tensors, parsed.problems);
  return parsed;
}

}  // namespace tb::safetensors_detail

namespace tb {

SafetensorsHeader read_safetensors_header(const std::filesystem::path& path) {
  safetensors_detail::ParsedHeader parsed = safetensors_detail::parse_header(path);
  if (!parsed.problems.empty()) {
    throw SafetensorsError(safetensors_detail::problem_list(path, "has an invalid header", parsed.problems));
  }
  return std::move(parsed.header);
}

}  // namespace tb
