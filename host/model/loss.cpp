#include "model/loss.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace tb {

double next_token_loss(std::span<const float> logits, std::span<const int32_t> tokens, int batch_size,
                       int seq_len, int vocab_size) {
  const size_t B = static_cast<size_t>(batch_size);
  const size_t T = static_cast<size_t>(seq_len);
  const size_t V = static_cast<size_t>(vocab_size);
  if (logits.size() < B * T * V || tokens.size() < B * T) {
    throw std::invalid_argument("next_token_loss: logits or tokens shorter than [B, T, V] / [B, T]");
  }
  if (T < 2) return std::numeric_limits<double>::quiet_NaN();

  double total = 0.0;
  for (size_t b = 0; b < B; ++b) {
    for (size_t t = 0; t + 1 < T; ++t) {
      const float* row = logits.data() + (b * T + t) * V;  // (V,)
      const int32_t target = tokens[b * T + t + 1];

      const double max_logit = *std::max_element(row, row + V);
      double sum_exp = 0.0;
      for (size_t v = 0; v < V; ++v) sum_exp += std::exp(static_cast<double>(row[v]) - max_logit);

      const double log_prob = static_cast<double>(row[target]) - max_logit - std::log(sum_exp);
      total -= log_prob;
    }
  }
  return total / static_cast<double>(B * (T - 1));
}

}  // namespace tb
