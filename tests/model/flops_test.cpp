// forward_flops() against counts worked out by hand.
#include <gtest/gtest.h>

#include "model/model_config.h"

namespace {

tb::ModelConfig tiny_config(int n_layers) {
  tb::ModelConfig config;
  config.vocab_size = 20;
  config.d_model = 16;
  config.n_layers = n_layers;
  config.n_heads = 2;
  config.max_seq_len = 8;
  tb::validate(config);  // d_ff = 32
  return config;
}

TEST(ForwardFlops, TinyModelByHand) {
  // B=2, T=8, C=16, F=32, V=20, 2 FLOPs per multiply-add:
  //   q, k, v, o projections: 2 * B*T * 4*C*C   = 2 * 16 * 1024  = 32768
  //   FFN w1 and w2:          2 * B*T * 2*C*F   = 2 * 16 * 1024  = 32768
  //   QK^T and AV, causal:    2 * 2 * B*C * (1+2+...+8) = 4 * 32 * 36 = 4608
  //   per layer                                                = 70144
  //   head:                   2 * B*T * C*V     = 2 * 16 * 320   = 10240
  EXPECT_DOUBLE_EQ(tb::forward_flops(tiny_config(1), 2, 8), 70144.0 + 10240.0);
  EXPECT_DOUBLE_EQ(tb::forward_flops(tiny_config(3), 2, 8), 3 * 70144.0 + 10240.0);
}

TEST(ForwardFlops, SingleToken) {
  // B=1, T=1: projections 2*4*256 = 2048, FFN 2*2*512 = 2048, attention 4*16*1 = 64,
  // head 2*16*20 = 640.
  EXPECT_DOUBLE_EQ(tb::forward_flops(tiny_config(1), 1, 1), 2048.0 + 2048.0 + 64.0 + 640.0);
}

}  // namespace
