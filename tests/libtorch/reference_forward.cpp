#include "reference_forward.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace tb_test {
namespace {

using Matrix = std::vector<std::vector<double>>;  // [rows][columns]

Matrix zeros(int64_t rows, int64_t columns) {
  return Matrix(static_cast<size_t>(rows), std::vector<double>(static_cast<size_t>(columns), 0.0));
}

// y = x @ W + b with W stored [in, out] row-major.
Matrix linear(const Matrix& x, const std::vector<float>& w, const std::vector<float>& b) {
  const size_t in = x.at(0).size();
  const size_t out = b.size();
  Matrix y = zeros(static_cast<int64_t>(x.size()), static_cast<int64_t>(out));
  for (size_t r = 0; r < x.size(); ++r) {
    for (size_t o = 0; o < out; ++o) {
      double sum = b[o];
      for (size_t i = 0; i < in; ++i) {
        sum += x[r][i] * static_cast<double>(w[i * out + o]);
      }
      y[r][o] = sum;
    }
  }
  return y;
}

Matrix layer_norm(const Matrix& x, const std::vector<float>& gamma, const std::vector<float>& beta,
                  double eps) {
  Matrix y = x;
  for (std::vector<double>& row : y) {
    double mean = 0.0;
    for (const double value : row) {
      mean += value;
    }
    mean /= static_cast<double>(row.size());
    double variance = 0.0;
    for (const double value : row) {
      variance += (value - mean) * (value - mean);
    }
    variance /= static_cast<double>(row.size());
    const double inv_std = 1.0 / std::sqrt(variance + eps);
    for (size_t c = 0; c < row.size(); ++c) {
      row[c] = (row[c] - mean) * inv_std * gamma[c] + beta[c];
    }
  }
  return y;
}

double gelu_tanh(double x) {
  const double k = std::sqrt(2.0 / M_PI);
  return 0.5 * x * (1.0 + std::tanh(k * (x + 0.044715 * x * x * x)));
}

void add_in_place(Matrix& x, const Matrix& y) {
  for (size_t r = 0; r < x.size(); ++r) {
    for (size_t c = 0; c < x[r].size(); ++c) {
      x[r][c] += y[r][c];
    }
  }
}

// Causal attention over rows [b*T, (b+1)*T) of q, k, v for every head.
Matrix attention(const Matrix& q, const Matrix& k, const Matrix& v, int32_t batch_size,
                 int32_t seq_len, int32_t n_heads) {
  const size_t C = q.at(0).size();
  const size_t hd = C / static_cast<size_t>(n_heads);
  const double scale = 1.0 / std::sqrt(static_cast<double>(hd));
  Matrix out = zeros(static_cast<int64_t>(q.size()), static_cast<int64_t>(C));

  for (int32_t b = 0; b < batch_size; ++b) {
    const size_t base = static_cast<size_t>(b) * static_cast<size_t>(seq_len);
    for (size_t h = 0; h < static_cast<size_t>(n_heads); ++h) {
      for (size_t i = 0; i < static_cast<size_t>(seq_len); ++i) {
        std::vector<double> weights(i + 1);
        double max_score = -INFINITY;
        for (size_t j = 0; j <= i; ++j) {
          double dot = 0.0;
          for (size_t e = 0; e < hd; ++e) {
            dot += q[base + i][h * hd + e] * k[base + j][h * hd + e];
          }
          weights[j] = dot * scale;
          max_score = std::max(max_score, weights[j]);
        }
        double total = 0.0;
        for (double& w : weights) {
          w = std::exp(w - max_score);
          total += w;
        }
        for (size_t j = 0; j <= i; ++j) {
          for (size_t e = 0; e < hd; ++e) {
            out[base + i][h * hd + e] += weights[j] / total * v[base + j][h * hd + e];
          }
        }
      }
    }
  }
  return out;
}

}  // namespace

std::vector<double> reference_forward(const TestModel& model, const std::vector<int32_t>& tokens,
                                      int32_t batch_size, int32_t seq_len) {
  const tb_model_config& config = model.config();
  const int64_t C = config.d_model;
  const int64_t M = static_cast<int64_t>(batch_size) * seq_len;
  const double eps = config.layer_norm_eps;

  Matrix x = zeros(M, C);
  const std::vector<float>& embedding = model.weight("tok_embedding");
  for (int64_t r = 0; r < M; ++r) {
    const double pos = static_cast<double>(r % seq_len);
    for (int64_t c = 0; c < C; ++c) {
      const double angle = pos / std::pow(10000.0, static_cast<double>(c - c % 2) / static_cast<double>(C));
      const double encoding = c % 2 == 0 ? std::sin(angle) : std::cos(angle);
      x[r][c] = embedding[static_cast<size_t>(tokens[r] * C + c)] + encoding;
    }
  }

  for (int32_t l = 0; l < config.n_layers; ++l) {
    const std::string p = "blocks." + std::to_string(l) + ".";
    const Matrix h1 = layer_norm(x, model.weight(p + "ln1.gamma"), model.weight(p + "ln1.beta"), eps);
    const Matrix q = linear(h1, model.weight(p + "attn.wq"), model.weight(p + "attn.bq"));
    const Matrix k = linear(h1, model.weight(p + "attn.wk"), model.weight(p + "attn.bk"));
    const Matrix v = linear(h1, model.weight(p + "attn.wv"), model.weight(p + "attn.bv"));
    const Matrix heads = attention(q, k, v, batch_size, seq_len, config.n_heads);
    add_in_place(x, linear(heads, model.weight(p + "attn.wo"), model.weight(p + "attn.bo")));

    const Matrix h2 = layer_norm(x, model.weight(p + "ln2.gamma"), model.weight(p + "ln2.beta"), eps);
    Matrix hidden = linear(h2, model.weight(p + "ffn.w1"), model.weight(p + "ffn.b1"));
    for (std::vector<double>& row : hidden) {
      std::transform(row.begin(), row.end(), row.begin(), gelu_tanh);
    }
    add_in_place(x, linear(hidden, model.weight(p + "ffn.w2"), model.weight(p + "ffn.b2")));
  }

  const Matrix h = layer_norm(x, model.weight("ln_f.gamma"), model.weight("ln_f.beta"), eps);
  const Matrix logits = linear(h, model.weight("lm_head.w"), model.weight("lm_head.b"));

  std::vector<double> flat;
  flat.reserve(static_cast<size_t>(M * config.vocab_size));
  for (const std::vector<double>& row : logits) {
    flat.insert(flat.end(), row.begin(), row.end());
  }
  return flat;
}

}  // namespace tb_test
