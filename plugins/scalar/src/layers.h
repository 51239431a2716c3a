// The layers of the forward pass as plain float32 loops, one function per layer, in the
// style of llm.c's train_gpt2.c. Arrays are row-major, and the comment on each function
// gives the shapes, with N = B*T rows where batch and time do not matter. The
// functions allocate nothing, keep no state and run on the calling thread; the model
// in model.cpp owns every buffer. This is the readable reference, not a fast kernel
// library: there is no blocking, no BLAS and no intrinsics.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tb::scalar {

// Fills the sinusoidal positional encoding PE[pos, 2i] = sin(pos / 10000^(2i/C)) and
// PE[pos, 2i+1] = cos(pos / 10000^(2i/C)) for positions 0..T-1, computed in double
// and rounded to float. pe (T,C).
void positional_encoding(float* pe, size_t T, size_t C);

// out[b,t] = tok_embedding[tokens[b,t]] + pe[t]. out (B,T,C), tokens (B,T) each in
// [0, V), tok_embedding (V,C), pe (T,C) from positional_encoding().
void embedding_forward(float* out, const int32_t* tokens, const float* tok_embedding, const float* pe, size_t B,
                       size_t T, size_t C);

// out = (inp - mean) / sqrt(var + eps) * gamma + beta over the last axis, with the
// biased variance. out (N,C), inp (N,C), gamma (C), beta (C). out may equal inp.
void layernorm_forward(float* out, const float* inp, const float* gamma, const float* beta, size_t N, size_t C,
                       float eps);

// out = inp @ weight + bias. out (N,OC), inp (N,IC), weight (IC,OC), bias (OC).
// out must not alias inp.
void matmul_forward(float* out, const float* inp, const float* weight, const float* bias, size_t N, size_t IC,
                    size_t OC);

// Causal multi-head self-attention on projected q, k and v. Head h is the channel
// slice [h*hs, (h+1)*hs) with hs = C/NH, and query t attends to keys 0..t with
// scores scaled by 1/sqrt(hs). out (B,T,C), q, k, v (B,T,C), scores (T) scratch.
void attention_forward(float* out, float* scores, const float* q, const float* k, const float* v, size_t B, size_t T,
                       size_t C, size_t NH);

// GELU, tanh form: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))). out (N), inp (N);
// out may equal inp.
void gelu_forward(float* out, const float* inp, size_t N);

// x += delta. x (N), delta (N).
void residual_forward(float* x, const float* delta, size_t N);

// logits = LN_f(x) @ lm_head_w + lm_head_b. logits (N,V), x_norm (N,C) scratch for
// LN_f(x), x (N,C), gamma and beta (C), lm_head_w (C,V), lm_head_b (V).
void lm_head_forward(float* logits, float* x_norm, const float* x, const float* gamma, const float* beta,
                     const float* lm_head_w, const float* lm_head_b, size_t N, size_t C, size_t V, float eps);

}  // namespace tb::scalar
