// Shard selection and the --shard K/N syntax.
#include "results/shard.h"

#include <charconv>
#include <stdexcept>

namespace tb {

namespace {

void check_shard(int k, int n) {
  if (n < 1 || k < 1 || k > n) {
    throw std::invalid_argument("invalid shard " + std::to_string(k) + "/" + std::to_string(n) +
                                ": expected K/N with 1 <= K <= N, e.g. 1/4");
  }
}

bool parse_positive(const std::string& text, int& value) {
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  return error == std::errc() && stop == end && value > 0;
}

}  // namespace

ShardSpec parse_shard(const std::string& text) {
  const size_t slash = text.find('/');
  ShardSpec shard;
  if (slash == std::string::npos || !parse_positive(text.substr(0, slash), shard.index) ||
      !parse_positive(text.substr(slash + 1), shard.count)) {
    throw std::invalid_argument("invalid shard '" + text + "': expected K/N with 1 <= K <= N, e.g. 1/4");
  }
  check_shard(shard.index, shard.count);
  return shard;
}

bool in_shard(size_t cell_index, const ShardSpec& shard) {
  return cell_index % static_cast<size_t>(shard.count) == static_cast<size_t>(shard.index - 1);
}

std::vector<Cell> select_shard(const std::vector<Cell>& cells, int k, int n) {
  check_shard(k, n);
  const ShardSpec shard{k, n};
  std::vector<Cell> selected;
  for (const Cell& cell : cells) {
    if (in_shard(cell.index, shard)) selected.push_back(cell);
  }
  return selected;
}

}  // namespace tb
