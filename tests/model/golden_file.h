// Reader for the golden vectors in tests/data: one complete forward pass per file,
// computed in float64 outside this project from the float32 weights stored in the
// file. Used by the model tests (names, shapes, parameter count) and the backend
// tests (logits and loss).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/model_config.h"
#include "model/weights.h"

namespace tb::test {

struct GoldenFile {
  std::string name;
  ModelConfig config;  // max_seq_len is the file's T, which the file does not store
  int64_t parameter_count = 0;
  Weights weights;  // in the file's order, which is not the canonical order
  int batch_size = 0;
  int seq_len = 0;
  std::vector<int32_t> tokens;  // [B, T]
  std::vector<double> logits;   // [B, T, V]
  double loss = 0.0;
};

// The golden files shipped in tests/data.
std::vector<std::string> golden_file_names();

// Reads tests/data/<file_name>. Throws std::runtime_error naming the file and the key
// when the file is missing, not of format transformer-bench-golden/1, or internally
// inconsistent (a data length that does not match its shape, ragged tokens, a logits
// length other than B*T*V).
GoldenFile load_golden(const std::string& file_name);

}  // namespace tb::test
