// Sharding a matrix over several machines: shard k of n (1-based) takes every cell
// whose index i in the expanded order has i % n == k - 1. Round-robin rather than
// contiguous blocks, so each shard gets a similar mix of small and large cells.
// Joining the shards' results again is in results/merge.h.
#pragma once

#include <string>
#include <vector>

#include "config/matrix.h"

namespace tb {

struct ShardSpec {
  int index = 1;  // k, 1-based
  int count = 1;  // n
};

// Parses "K/N" with 1 <= K <= N. Throws std::invalid_argument naming the text and
// the expected form.
ShardSpec parse_shard(const std::string& text);

bool in_shard(size_t cell_index, const ShardSpec& shard);

// The cells of shard k of n, in expanded order, with their indices unchanged. Throws
// std::invalid_argument unless 1 <= k <= n.
std::vector<Cell> select_shard(const std::vector<Cell>& cells, int k, int n);

}  // namespace tb
