/*
 * The forward pass of the benchmark's model (a pre-LayerNorm GPT decoder with
 * sinusoidal positions and tanh GELU), written for clarity rather than speed: one
 * thread, plain loops, double accumulators. It uses no ABI type, because model.c
 * validates the caller's input and owns the memory.
 */
#ifndef EXAMPLE_FORWARD_H
#define EXAMPLE_FORWARD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct example_shape {
  int64_t vocab_size; /* V */
  int64_t d_model;    /* C */
  int64_t n_layers;   /* L */
  int64_t n_heads;    /* NH; C is a multiple of NH */
  int64_t d_ff;       /* F */
  int64_t max_seq_len;
  float layer_norm_eps;
} example_shape;

/* One decoder block. Matrices are [in, out] row-major, so y = x @ W + b. */
typedef struct example_block {
  const float *ln1_gamma, *ln1_beta;      /* [C] */
  const float *wq, *wk, *wv, *wo;         /* [C, C] */
  const float *bq, *bk, *bv, *bo;         /* [C] */
  const float *ln2_gamma, *ln2_beta;      /* [C] */
  const float *w1, *b1;                   /* [C, F], [F] */
  const float *w2, *b2;                   /* [F, C], [C] */
} example_block;

typedef struct example_weights {
  const float *tok_embedding;             /* [V, C] */
  const example_block *blocks;            /* [L] */
  const float *ln_f_gamma, *ln_f_beta;    /* [C] */
  const float *lm_head_w, *lm_head_b;     /* [C, V], [V] */
} example_weights;

/* Returns the number of floats example_forward needs as workspace for sequences of
 * length seq_len. The workspace is reused for every sequence of a batch. */
size_t example_workspace_floats(const example_shape *shape, int64_t seq_len);

/* Computes logits [B, T, V] for tokens [B, T]. The caller has checked every size and
 * token id, and `workspace` has room for example_workspace_floats(shape, seq_len) floats. */
void example_forward(const example_shape *shape, const example_weights *weights, const int32_t *tokens,
                     int64_t batch_size, int64_t seq_len, float *logits, float *workspace);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* EXAMPLE_FORWARD_H */
