// One model instance of the scalar backend: its configuration, its copy of the
// weights and the activation buffers, and the forward pass that strings the layers
// together. The checks of the arguments of forward() live here too. Those of
// model_create live in config.cpp, weights.cpp and plugin.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include <transformer_bench/backend.h>

#include "config.h"
#include "weights.h"

namespace tb::scalar {

// Activation buffers for up to `tokens` = B*T rows and sequences of up to `seq_len`.
struct Activations {
  size_t tokens = 0;
  size_t seq_len = 0;

  // (T,C) positional encoding, filled only when T grows. Its T*C pow and sin/cos
  // calls took 36 us against 119 us for a whole 16d_1l_2h forward pass at B=1, T=32
  // (GCC 12 -O3 on a shared x86-64 machine), too much to repeat on every call.
  std::vector<float> position_encoding;

  std::vector<float> x;        // (B,T,C) residual stream
  std::vector<float> x_norm;   // (B,T,C) LayerNorm output
  std::vector<float> q, k, v;  // (B,T,C)
  std::vector<float> attn;     // (B,T,C) attention output before the projection
  std::vector<float> delta;    // (B,T,C) sublayer output added to the residual stream
  std::vector<float> hidden;   // (B,T,F) feed-forward hidden layer
  std::vector<float> scores;   // (T) attention scores of one query and head

  size_t bytes() const;
};

class Model {
 public:
  Model(const Config& config, Weights weights);

  // Checks n_threads >= 1 and otherwise ignores it: the forward pass always runs on
  // the calling thread alone, which stays within every limit n >= 1.
  void set_threads(int32_t n_threads);

  // Checks `args` completely, then writes exactly B*T*V logits. Throws Error with
  // TB_STATUS_INVALID_ARGUMENT for a NULL or short struct, NULL buffers, B < 1,
  // T < 1, a token outside [0, V) or a too small logits_capacity, and with
  // TB_STATUS_OUT_OF_RANGE for T above max_seq_len or B*T*V above SIZE_MAX.
  void forward(const tb_forward_args* args);

  tb_memory_info memory() const;

 private:
  // Grows the activations to hold B*T rows and sequences of T, and never shrinks
  // them, so calls with the largest shape seen so far or smaller do not allocate.
  void reserve_activations(size_t B, size_t T);

  void run_forward(const int32_t* tokens, size_t B, size_t T, float* logits);  // logits (B,T,V)

  Config config_;
  Weights weights_;
  Activations activations_;
};

}  // namespace tb::scalar
