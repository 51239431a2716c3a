// Joining results files of one matrix, typically the shards of a distributed run,
// into one RunResult for `merge`.
#pragma once

#include <stdexcept>
#include <vector>

#include "results/results_file.h"

namespace tb {

class MergeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Returns the union of the files' cells, sorted by matrix index, with speedups
// computed again against the merged baseline cells. The context is the first
// file's, with the earliest date, every distinct host name and CPU model joined by
// ", ", the union of backends and warnings, and shard 1 of 1. Adds a
// warning when the cells were measured on different CPUs, or when the merged cells
// are fewer than the matrix has.
// Throws MergeError when the files differ in schema_version or config_hash, or when
// two files contain the same cell (same index, or same model, backend, batch size,
// sequence length and threads); the message names both files.
RunResult merge_results(const std::vector<ResultsFile>& files);

}  // namespace tb
