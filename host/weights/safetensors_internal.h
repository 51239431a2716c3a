// Shared between the safetensors reader's translation units; not part of the API.
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "weights/safetensors.h"

namespace tb::safetensors_detail {

struct ParsedHeader {
  SafetensorsHeader header;          // the usable entries only
  std::set<std::string> names_in_header;  // every tensor name, usable or not
  std::vector<std::string> problems;
};

// Throws SafetensorsError for a file whose header cannot be read at all (length,
// JSON); records problems with single entries in `problems` and goes on.
ParsedHeader parse_header(const std::filesystem::path& path);

// "weights file 'PATH' SUMMARY (N problems):" and one line per problem.
std::string problem_list(const std::filesystem::path& path, const std::string& summary,
                         const std::vector<std::string>& problems);

}  // namespace tb::safetensors_detail
