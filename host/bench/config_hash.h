// A fingerprint of a matrix: everything that decides which cells exist and what
// they measure (models, weights seeds and files, backends and their options, axes,
// exclude rules, warmup, repetitions, min_time, token seed, reference, tolerance).
// Left out are settings that change only how results are presented or when a cell
// gives up (baseline, peak_gflops, time_limit), and the config's file name. Resume
// refuses a results file with another hash; shards of one matrix share it.
#pragma once

#include <string>

#include "config/matrix.h"

namespace tb {

// 16 lowercase hex digits: FNV-1a (64 bit) of the canonical JSON of the fields above.
std::string config_hash(const MatrixConfig& config);

}  // namespace tb
