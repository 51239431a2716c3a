// Layer implementations; see layers.h for the contract of each function.
//
// Sums accumulate in float in a fixed order, so one build gives bitwise identical
// results for identical inputs. Transcendentals (pow, sin, cos, exp, tanh) come from
// libm, so the last bits can differ between libm versions.
#include "layers.h"

#include <cmath>
#include <limits>

namespace tb::scalar {

void positional_encoding(float* pe, size_t T, size_t C) {
  for (size_t t = 0; t < T; ++t) {
    float* pe_t = pe + t * C;  // (C)
    for (size_t c = 0; c < C; ++c) {
      const size_t even = c - c % 2;  // 2i for both channels of a sin/cos pair
      const double angle =
          static_cast<double>(t) / std::pow(10000.0, static_cast<double>(even) / static_cast<double>(C));
      pe_t[c] = static_cast<float>((c % 2 == 0) ? std::sin(angle) : std::cos(angle));
    }
  }
}

void embedding_forward(float* out, const int32_t* tokens, const float* tok_embedding, const float* pe, size_t B,
                       size_t T, size_t C) {
  for (size_t b = 0; b < B; ++b) {
    for (size_t t = 0; t < T; ++t) {
      float* out_bt = out + (b * T + t) * C;                                                // (C)
      const float* embedding = tok_embedding + static_cast<size_t>(tokens[b * T + t]) * C;  // (C)
      const float* pe_t = pe + t * C;                                                       // (C)
      for (size_t c = 0; c < C; ++c) out_bt[c] = embedding[c] + pe_t[c];
    }
  }
}

void layernorm_forward(float* out, const float* inp, const float* gamma, const float* beta, size_t N, size_t C,
                       float eps) {
  for (size_t n = 0; n < N; ++n) {
    const float* x = inp + n * C;  // (C)
    float* y = out + n * C;        // (C)

    float mean = 0.0f;
    for (size_t c = 0; c < C; ++c) mean += x[c];
    mean /= static_cast<float>(C);

    float variance = 0.0f;
    for (size_t c = 0; c < C; ++c) {
      const float centered = x[c] - mean;
      variance += centered * centered;
    }
    variance /= static_cast<float>(C);

    const float rstd = 1.0f / std::sqrt(variance + eps);
    for (size_t c = 0; c < C; ++c) y[c] = (x[c] - mean) * rstd * gamma[c] + beta[c];
  }
}

void matmul_forward(float* out, const float* inp, const float* weight, const float* bias, size_t N, size_t IC,
                    size_t OC) {
  for (size_t n = 0; n < N; ++n) {
    const float* x = inp + n * IC;  // (IC)
    float* y = out + n * OC;        // (OC)

    // The loops go row by row of the weight, so the inner loop walks weight and y
    // contiguously. Each y[o] still sums its IC products in order of i.
    for (size_t o = 0; o < OC; ++o) y[o] = bias[o];
    for (size_t i = 0; i < IC; ++i) {
      const float x_i = x[i];
      const float* w_row = weight + i * OC;  // (OC)
      for (size_t o = 0; o < OC; ++o) y[o] += x_i * w_row[o];
    }
  }
}

void attention_forward(float* out, float* scores, const float* q, const float* k, const float* v, size_t B, size_t T,
                       size_t C, size_t NH) {
  const size_t hs = C / NH;
  const float scale = 1.0f / std::sqrt(static_cast<float>(hs));

  for (size_t b = 0; b < B; ++b) {
    for (size_t t = 0; t < T; ++t) {
      for (size_t h = 0; h < NH; ++h) {
        const float* q_th = q + (b * T + t) * C + h * hs;  // (hs)
        float* out_th = out + (b * T + t) * C + h * hs;    // (hs)

        // Scaled scores against keys 0..t, and their maximum for a stable softmax.
        float max_score = -std::numeric_limits<float>::infinity();
        for (size_t t2 = 0; t2 <= t; ++t2) {
          const float* k_t2h = k + (b * T + t2) * C + h * hs;  // (hs)
          float dot = 0.0f;
          for (size_t i = 0; i < hs; ++i) dot += q_th[i] * k_t2h[i];
          scores[t2] = dot * scale;
          if (scores[t2] > max_score) max_score = scores[t2];
        }

        // Softmax over the t+1 visible positions. Position t itself is always
        // visible, so the sum is at least 1.
        float sum = 0.0f;
        for (size_t t2 = 0; t2 <= t; ++t2) {
          scores[t2] = std::exp(scores[t2] - max_score);
          sum += scores[t2];
        }
        const float inv_sum = 1.0f / sum;

        // Weighted sum of the values.
        for (size_t i = 0; i < hs; ++i) out_th[i] = 0.0f;
        for (size_t t2 = 0; t2 <= t; ++t2) {
          const float* v_t2h = v + (b * T + t2) * C + h * hs;  // (hs)
          const float weight = scores[t2] * inv_sum;
          for (size_t i = 0; i < hs; ++i) out_th[i] += weight * v_t2h[i];
        }
      }
    }
  }
}

void gelu_forward(float* out, const float* inp, size_t N) {
  const float sqrt_2_over_pi = static_cast<float>(std::sqrt(2.0 / 3.14159265358979323846));
  for (size_t i = 0; i < N; ++i) {
    const float x = inp[i];
    const float cube = 0.044715f * x * x * x;
    out[i] = 0.5f * x * (1.0f + std::tanh(sqrt_2_over_pi * (x + cube)));
  }
}

void residual_forward(float* x, const float* delta, size_t N) {
  for (size_t i = 0; i < N; ++i) x[i] += delta[i];
}

void lm_head_forward(float* logits, float* x_norm, const float* x, const float* gamma, const float* beta,
                     const float* lm_head_w, const float* lm_head_b, size_t N, size_t C, size_t V, float eps) {
  layernorm_forward(x_norm, x, gamma, beta, N, C, eps);           // (N,C)
  matmul_forward(logits, x_norm, lm_head_w, lm_head_b, N, C, V);  // (N,V)
}

}  // namespace tb::scalar
