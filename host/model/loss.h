// The language-modelling loss, computed by the host from any backend's logits so that
// every backend is scored the same way.
#pragma once

#include <cstdint>
#include <span>

namespace tb {

// Mean next-token cross-entropy in nats: position t of each sequence predicts token
// t+1, over B*(T-1) positions, computed in double with a stable log-sum-exp.
// logits is [B, T, V], tokens is [B, T]. Returns NaN when T < 2 (no targets).
double next_token_loss(std::span<const float> logits, std::span<const int32_t> tokens, int batch_size,
                       int seq_len, int vocab_size);

}  // namespace tb
