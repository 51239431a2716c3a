#include "bench/measure_cell.h"

#include <cmath>
#include <span>
#include <sstream>
#include <vector>

#include "bench/derived_metrics.h"
#include "bench/model_weights.h"
#include "bench/reference_logits.h"
#include "bench/statistics.h"
#include "bench/timing_loop.h"
#include "model/loss.h"
#include "plugin/backend_error.h"
#include "plugin/model.h"
#include "plugin/plugin.h"
#include "system/process_memory.h"

namespace tb {

namespace {

// Floats the logits buffer has beyond B*T*V (see measure_cell). The libtorch backend
// writes its logits straight into the buffer only when at least its
// kBlasReadMarginFloats (64) are to spare, so this must not be smaller.
constexpr size_t kSpareLogitFloats = 64;

std::string format_double(double value) {
  std::ostringstream text;
  text << value;
  return text.str();
}

// Compares with the reference and sets status and message. A reference that cannot
// be computed leaves the timings in place but fails the cell, because its logits
// are unchecked.
void check_against_reference(const CellTask& task, const Weights& weights, std::span<const int32_t> tokens,
                             std::span<const float> logits, CellResult& result) {
  const bool is_reference_at_one_thread = task.backend.name == task.reference.name && task.threads == 1;
  std::vector<float> reference;
  try {
    const std::filesystem::path& cache = task.reference_logits_file;
    if (is_reference_at_one_thread && (cache.empty() || !std::filesystem::exists(cache))) {
      // This cell's own logits are the reference, so they fill the cache.
      reference.assign(logits.begin(), logits.end());
      if (!cache.empty()) write_reference_logits(cache, reference);
    } else {
      reference = reference_logits_for(task, weights, tokens);
    }
  } catch (const std::exception& error) {
    result.status = CellStatus::kError;
    result.message = std::string("reference check failed: ") + error.what();
    result.max_abs_diff = std::nan("");
    return;
  }

  result.max_abs_diff = max_abs_diff(logits, reference);
  if (result.max_abs_diff <= task.measurement.tolerance) {
    result.status = CellStatus::kOk;
    return;
  }
  result.status = CellStatus::kMismatch;
  result.message = "max |diff| " + format_double(result.max_abs_diff) + " against " + task.reference.name +
                   " exceeds the tolerance " + format_double(task.measurement.tolerance);
}

}  // namespace

CellResult unmeasured_result(const CellTask& task, CellStatus status, const std::string& message) {
  CellResult result;
  result.index = task.index;
  result.model = task.model.config.name;
  result.backend = task.backend.name;
  result.batch_size = task.batch_size;
  result.seq_len = task.seq_len;
  result.threads = task.threads;
  result.status = status;
  result.message = message;
  result.parameters = parameter_count(task.model.config);
  result.flops = forward_flops(task.model.config, task.batch_size, task.seq_len);
  result.loss = std::nan("");
  result.max_abs_diff = std::nan("");
  return result;
}

CellResult measure_cell(const CellTask& task) {
  CellResult result = unmeasured_result(task, CellStatus::kError, "");
  const ModelConfig& config = task.model.config;

  try {
    if (task.backend.path.empty()) {
      throw std::runtime_error("backend '" + task.backend.name + "' was not found in the plugin search path");
    }
    std::shared_ptr<Plugin> plugin = Plugin::load(task.backend.path);
    const Weights weights = weights_for(task.model);
    const std::vector<int32_t> tokens =
        make_tokens(task.batch_size, task.seq_len, config.vocab_size, task.measurement.token_seed);
    // The buffer has kSpareLogitFloats more than B*T*V, and logits_capacity counts them.
    // A backend whose GEMM reads past the end of its output (BLIS 0.9.0 does) can then
    // write the logits here directly instead of through a copy. Only the first B*T*V
    // floats are results.
    const size_t n_logits = static_cast<size_t>(task.batch_size) * task.seq_len * config.vocab_size;
    std::vector<float> logit_buffer(n_logits + kSpareLogitFloats);
    const std::span<float> logits(logit_buffer.data(), n_logits);

    // The plugin is loaded and the host buffers exist and are touched before this
    // point, so the RSS delta is what model creation and the forward calls add: the
    // backend's copy of the weights, its workspace, thread stacks, and the code and
    // data pages of the backend and its libraries touched for the first time.
    const uint64_t rss_before = current_rss_bytes().value_or(0);
    reset_peak_rss();

    std::unique_ptr<Model> model = plugin->create_model(config, weights, task.backend.options);
    model->set_threads(task.threads);
    const TimingPlan plan{task.measurement.warmup, task.measurement.repetitions, task.measurement.min_time_s};
    const std::vector<double> samples_ms =
        time_forward_calls(*model, tokens, task.batch_size, task.seq_len, logit_buffer, plan);

    const uint64_t rss_peak = peak_rss_bytes().value_or(0);
    result.rss_delta_bytes = rss_peak > rss_before ? rss_peak - rss_before : 0;
    const MemoryInfo memory = model->memory();
    result.weight_bytes = memory.weight_bytes;
    result.workspace_bytes = memory.workspace_bytes;
    model.reset();

    result.time = summarize(samples_ms);
    result.tokens_per_second = tokens_per_second(task.batch_size, task.seq_len, result.time.median_ms);
    result.gflops_per_second = gflops_per_second(result.flops, result.time.median_ms);
    result.efficiency = efficiency(result.gflops_per_second, task.peak_gflops_per_core, task.threads);
    result.loss = next_token_loss(logits, tokens, task.batch_size, task.seq_len, config.vocab_size);

    check_against_reference(task, weights, tokens, logits, result);
  } catch (const std::exception& error) {
    result.status = CellStatus::kError;
    result.message = error.what();
  }
  return result;
}

}  // namespace tb
