/* The forward pass, one sequence at a time. */
#include "forward.h"

#include <math.h>

/* Pointers into the workspace for one sequence of length T. */
typedef struct sequence_buffers {
  float *x;      /* [T, C] residual stream */
  float *normed; /* [T, C] LayerNorm output */
  float *q;      /* [T, C] */
  float *k;      /* [T, C] */
  float *v;      /* [T, C] */
  float *mixed;  /* [T, C] attention output before the output projection */
  float *hidden; /* [T, F] */
  float *scores; /* [T]    one query's attention weights */
} sequence_buffers;

size_t example_workspace_floats(const example_shape *shape, int64_t seq_len) {
  const size_t T = (size_t)seq_len;
  return T * (6 * (size_t)shape->d_model + (size_t)shape->d_ff) + T;
}

static sequence_buffers split_workspace(const example_shape *shape, int64_t seq_len, float *workspace) {
  const int64_t TC = seq_len * shape->d_model;
  sequence_buffers buffers;
  buffers.x = workspace;
  buffers.normed = buffers.x + TC;
  buffers.q = buffers.normed + TC;
  buffers.k = buffers.q + TC;
  buffers.v = buffers.k + TC;
  buffers.mixed = buffers.v + TC;
  buffers.hidden = buffers.mixed + TC;
  buffers.scores = buffers.hidden + seq_len * shape->d_ff;
  return buffers;
}

/* out[t, :] = in[t, :] @ w + b for t < rows, with w of shape [n_in, n_out]. */
static void linear(const float *in, int64_t rows, int64_t n_in, const float *w, const float *b, int64_t n_out,
                   float *out) {
  for (int64_t t = 0; t < rows; ++t) {
    for (int64_t j = 0; j < n_out; ++j) {
      double sum = b[j];
      for (int64_t i = 0; i < n_in; ++i) {
        sum += (double)in[t * n_in + i] * (double)w[i * n_out + j];
      }
      out[t * n_out + j] = (float)sum;
    }
  }
}

/* LayerNorm over each row of C values, with the biased variance. */
static void layer_norm(const float *in, int64_t rows, int64_t C, const float *gamma, const float *beta, float eps,
                       float *out) {
  for (int64_t t = 0; t < rows; ++t) {
    const float *row = in + t * C;
    double mean = 0.0;
    for (int64_t c = 0; c < C; ++c) mean += row[c];
    mean /= (double)C;

    double variance = 0.0;
    for (int64_t c = 0; c < C; ++c) variance += (row[c] - mean) * (row[c] - mean);
    variance /= (double)C;

    const double inverse_std = 1.0 / sqrt(variance + (double)eps);
    for (int64_t c = 0; c < C; ++c) {
      out[t * C + c] = (float)((row[c] - mean) * inverse_std * gamma[c] + beta[c]);
    }
  }
}

/* GELU, tanh form: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))). */
static float gelu(float x) {
  const double u = 0.7978845608028654 * ((double)x + 0.044715 * (double)x * (double)x * (double)x);
  return (float)(0.5 * (double)x * (1.0 + tanh(u)));
}

/* x[t, :] = tok_embedding[token_t] + PE[t], PE[t, 2i] = sin(t / 10000^(2i/C)) and
 * PE[t, 2i+1] = cos(t / 10000^(2i/C)). */
static void embed(const example_shape *shape, const example_weights *weights, const int32_t *tokens, int64_t seq_len,
                  float *x) {
  const int64_t C = shape->d_model;
  for (int64_t t = 0; t < seq_len; ++t) {
    const float *embedding = weights->tok_embedding + (int64_t)tokens[t] * C;
    for (int64_t c = 0; c < C; ++c) {
      const double angle = (double)t / pow(10000.0, (double)(c - c % 2) / (double)C);
      const double position = c % 2 == 0 ? sin(angle) : cos(angle);
      x[t * C + c] = (float)((double)embedding[c] + position);
    }
  }
}

/* mixed = causal softmax(q k^T / sqrt(HS)) v, per head. Heads are contiguous HS-wide
 * slices of the C columns. */
static void causal_attention(const example_shape *shape, int64_t seq_len, sequence_buffers *buffers) {
  const int64_t C = shape->d_model;
  const int64_t HS = C / shape->n_heads;
  const double scale = 1.0 / sqrt((double)HS);

  for (int64_t h = 0; h < shape->n_heads; ++h) {
    for (int64_t t = 0; t < seq_len; ++t) {
      const float *query = buffers->q + t * C + h * HS;

      float max_score = -INFINITY;
      for (int64_t j = 0; j <= t; ++j) {
        const float *key = buffers->k + j * C + h * HS;
        double dot = 0.0;
        for (int64_t i = 0; i < HS; ++i) dot += (double)query[i] * (double)key[i];
        buffers->scores[j] = (float)(dot * scale);
        if (buffers->scores[j] > max_score) max_score = buffers->scores[j];
      }

      double sum = 0.0;
      for (int64_t j = 0; j <= t; ++j) {
        buffers->scores[j] = (float)exp((double)(buffers->scores[j] - max_score));
        sum += buffers->scores[j];
      }

      float *out = buffers->mixed + t * C + h * HS;
      for (int64_t i = 0; i < HS; ++i) {
        double value = 0.0;
        for (int64_t j = 0; j <= t; ++j) value += (double)buffers->scores[j] * (double)buffers->v[j * C + h * HS + i];
        out[i] = (float)(value / sum);
      }
    }
  }
}

/* x += attn(LN1(x)) @ wo + bo, then x += GELU(LN2(x) @ w1 + b1) @ w2 + b2. */
static void run_block(const example_shape *shape, const example_block *block, int64_t seq_len,
                      sequence_buffers *buffers) {
  const int64_t C = shape->d_model;
  const int64_t F = shape->d_ff;
  const int64_t TC = seq_len * C;

  layer_norm(buffers->x, seq_len, C, block->ln1_gamma, block->ln1_beta, shape->layer_norm_eps, buffers->normed);
  linear(buffers->normed, seq_len, C, block->wq, block->bq, C, buffers->q);
  linear(buffers->normed, seq_len, C, block->wk, block->bk, C, buffers->k);
  linear(buffers->normed, seq_len, C, block->wv, block->bv, C, buffers->v);
  causal_attention(shape, seq_len, buffers);

  /* The output projection reuses normed, which is free until LN2. */
  linear(buffers->mixed, seq_len, C, block->wo, block->bo, C, buffers->normed);
  for (int64_t i = 0; i < TC; ++i) buffers->x[i] += buffers->normed[i];

  layer_norm(buffers->x, seq_len, C, block->ln2_gamma, block->ln2_beta, shape->layer_norm_eps, buffers->normed);
  linear(buffers->normed, seq_len, C, block->w1, block->b1, F, buffers->hidden);
  for (int64_t i = 0; i < seq_len * F; ++i) buffers->hidden[i] = gelu(buffers->hidden[i]);
  linear(buffers->hidden, seq_len, F, block->w2, block->b2, C, buffers->normed);
  for (int64_t i = 0; i < TC; ++i) buffers->x[i] += buffers->normed[i];
}

void example_forward(const example_shape *shape, const example_weights *weights, const int32_t *tokens,
                     int64_t batch_size, int64_t seq_len, float *logits, float *workspace) {
  const int64_t C = shape->d_model;
  const int64_t V = shape->vocab_size;
  sequence_buffers buffers = split_workspace(shape, seq_len, workspace);

  for (int64_t b = 0; b < batch_size; ++b) {
    embed(shape, weights, tokens + b * seq_len, seq_len, buffers.x);
    for (int64_t l = 0; l < shape->n_layers; ++l) {
      run_block(shape, &weights->blocks[l], seq_len, &buffers);
    }

    layer_norm(buffers.x, seq_len, C, weights->ln_f_gamma, weights->ln_f_beta, shape->layer_norm_eps, buffers.normed);
    linear(buffers.normed, seq_len, C, weights->lm_head_w, weights->lm_head_b, V, logits + b * seq_len * V);
  }
}
