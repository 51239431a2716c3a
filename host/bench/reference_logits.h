// Correctness check of a cell: its logits against the reference backend's logits
// for the same weights, tokens, B and T. The reference logits are computed once per
// workload and run, and cached in a file that every cell of that workload reads, so
// the check costs one reference forward call per workload, not per cell.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <vector>

#include "bench/cell_task.h"
#include "model/weights.h"

namespace tb {

// The cached logits, or empty when the file does not exist yet. Throws
// std::runtime_error when the file exists but does not hold `count` floats.
std::optional<std::vector<float>> read_reference_logits(const std::filesystem::path& file, size_t count);

// Writes through a temporary file and a rename, so a reader never sees half a file.
void write_reference_logits(const std::filesystem::path& file, std::span<const float> logits);

// Runs task.reference on one thread. Throws std::runtime_error when the reference
// plugin was not found, and PluginLoadError or BackendError when it fails.
std::vector<float> compute_reference_logits(const CellTask& task, const Weights& weights,
                                            std::span<const int32_t> tokens);

// Reads the cache, or computes the reference logits and fills the cache.
std::vector<float> reference_logits_for(const CellTask& task, const Weights& weights,
                                        std::span<const int32_t> tokens);

// max_i |a_i - b_i|; NaN when either side holds a NaN or the sizes differ.
double max_abs_diff(std::span<const float> a, std::span<const float> b);

}  // namespace tb
