#include "bench/reference_logits.h"

#include <unistd.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <stdexcept>
#include <string>

#include "plugin/model.h"
#include "plugin/plugin.h"

namespace tb {

namespace fs = std::filesystem;

std::optional<std::vector<float>> read_reference_logits(const fs::path& file, size_t count) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;

  std::vector<float> logits(count);
  const auto bytes = static_cast<std::streamsize>(count * sizeof(float));
  in.read(reinterpret_cast<char*>(logits.data()), bytes);
  if (in.gcount() != bytes || in.peek() != std::ifstream::traits_type::eof()) {
    throw std::runtime_error("reference logits cache " + file.string() + " does not hold " + std::to_string(count) +
                             " floats");
  }
  return logits;
}

void write_reference_logits(const fs::path& file, std::span<const float> logits) {
  // The process id keeps two workers from writing the same temporary file.
  const fs::path temporary = file.string() + ".tmp" + std::to_string(getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(logits.data()), static_cast<std::streamsize>(logits.size_bytes()));
    if (!out) throw std::runtime_error("cannot write reference logits cache " + temporary.string());
  }
  fs::rename(temporary, file);
}

std::vector<float> compute_reference_logits(const CellTask& task, const Weights& weights,
                                            std::span<const int32_t> tokens) {
  if (task.reference.path.empty()) {
    throw std::runtime_error("reference backend '" + task.reference.name +
                             "' was not found, so the logits cannot be checked");
  }
  std::shared_ptr<Plugin> plugin = Plugin::load(task.reference.path);
  std::unique_ptr<Model> model = plugin->create_model(task.model.config, weights, task.reference.options);
  model->set_threads(1);

  std::vector<float> logits(static_cast<size_t>(task.batch_size) * task.seq_len * task.model.config.vocab_size);
  model->forward(tokens, task.batch_size, task.seq_len, logits);
  return logits;
}

std::vector<float> reference_logits_for(const CellTask& task, const Weights& weights,
                                        std::span<const int32_t> tokens) {
  const size_t count = static_cast<size_t>(task.batch_size) * task.seq_len * task.model.config.vocab_size;
  if (!task.reference_logits_file.empty()) {
    if (std::optional<std::vector<float>> cached = read_reference_logits(task.reference_logits_file, count)) {
      return *cached;
    }
  }

  std::vector<float> logits = compute_reference_logits(task, weights, tokens);
  if (!task.reference_logits_file.empty()) write_reference_logits(task.reference_logits_file, logits);
  return logits;
}

double max_abs_diff(std::span<const float> a, std::span<const float> b) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  if (a.size() != b.size()) return kNaN;

  double max_diff = 0.0;
  for (size_t i = 0; i < a.size(); ++i) {
    const double diff = std::fabs(static_cast<double>(a[i]) - static_cast<double>(b[i]));
    // std::max would drop a NaN, which must fail the check instead.
    if (std::isnan(diff)) return kNaN;
    if (diff > max_diff) max_diff = diff;
  }
  return max_diff;
}

}  // namespace tb
