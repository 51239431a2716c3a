// A seeded random number generator whose output is bit-identical on every platform,
// for weights and token ids. std::normal_distribution is not used because each
// standard library implements it differently; libm's log is avoided for the same
// reason. The algorithms are written down in docs/model.md.
#pragma once

#include <cstdint>
#include <string_view>

namespace tb {

// xoshiro256** seeded through SplitMix64, with the Marsaglia polar method for
// normal samples.
class Rng {
 public:
  explicit Rng(uint64_t seed);

  // A generator for one named stream, so that each tensor's values depend only on
  // the seed and the tensor's name, not on which other tensors exist.
  static Rng for_stream(uint64_t seed, std::string_view stream_name);

  uint64_t next_u64();

  // Uniform in [0, n) by multiply-shift of the high 32 bits; n must be in [1, 2^32).
  uint32_t below(uint32_t n);

  // Standard normal sample, computed in double.
  double normal();

 private:
  uint64_t state_[4];
  bool has_spare_ = false;
  double spare_ = 0.0;
};

// Natural logarithm from IEEE arithmetic only (exact range reduction by frexp, then
// a fixed-length atanh series), so it gives the same bits wherever double is IEEE
// binary64. Accurate to about 1 ulp for positive finite x.
double portable_log(double x);

}  // namespace tb
