// The timed part of a cell: warmup calls, then forward calls timed one by one with
// std::chrono::steady_clock until both the repetition count and the minimum time are
// reached.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "plugin/model.h"

namespace tb {

struct TimingPlan {
  int warmup = 0;          // untimed calls first
  int repetitions = 1;     // at least this many timed calls ...
  double min_time_s = 0;   // ... and at least this much timed time in total
};

// Returns the duration of each timed call in milliseconds, in call order. The
// logits of the last call are left in `logits`. Backend errors propagate as
// BackendError.
std::vector<double> time_forward_calls(Model& model, std::span<const int32_t> tokens, int batch_size, int seq_len,
                                       std::span<float> logits, const TimingPlan& plan);

}  // namespace tb
