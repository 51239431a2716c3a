#include "bench/timing_loop.h"

#include <chrono>

namespace tb {

std::vector<double> time_forward_calls(Model& model, std::span<const int32_t> tokens, int batch_size, int seq_len,
                                       std::span<float> logits, const TimingPlan& plan) {
  for (int i = 0; i < plan.warmup; ++i) model.forward(tokens, batch_size, seq_len, logits);

  using Clock = std::chrono::steady_clock;
  std::vector<double> samples_ms;
  double timed_s = 0.0;
  while (static_cast<int>(samples_ms.size()) < plan.repetitions || timed_s < plan.min_time_s) {
    const Clock::time_point start = Clock::now();
    model.forward(tokens, batch_size, seq_len, logits);
    const Clock::time_point stop = Clock::now();

    const double seconds = std::chrono::duration<double>(stop - start).count();
    samples_ms.push_back(seconds * 1e3);
    timed_s += seconds;
  }
  return samples_ms;
}

}  // namespace tb
