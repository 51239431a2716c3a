// Deterministic PRNG and normal sampler; see normal_rng.h. Compiled with
// -ffp-contract=off so no compiler fuses a multiply-add and changes a rounding.
#include "model/normal_rng.h"

#include <cmath>

namespace tb {

namespace {

uint64_t splitmix64(uint64_t& state) {
  state += 0x9E3779B97F4A7C15ull;
  uint64_t z = state;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

// FNV-1a, 64-bit: a fixed, well-known string hash.
uint64_t fnv1a64(std::string_view text) {
  uint64_t hash = 0xCBF29CE484222325ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001B3ull;
  }
  return hash;
}

}  // namespace

Rng::Rng(uint64_t seed) {
  uint64_t sm = seed;
  for (uint64_t& word : state_) word = splitmix64(sm);
}

Rng Rng::for_stream(uint64_t seed, std::string_view stream_name) {
  return Rng(seed ^ fnv1a64(stream_name));
}

uint64_t Rng::next_u64() {
  const uint64_t result = rotl(state_[1] * 5, 7) * 9;
  const uint64_t t = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= t;
  state_[3] = rotl(state_[3], 45);
  return result;
}

uint32_t Rng::below(uint32_t n) {
  const uint64_t high = next_u64() >> 32;
  return static_cast<uint32_t>((high * n) >> 32);
}

double Rng::normal() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_;
  }

  // Polar method: a uniform point in the unit disc, excluding the origin.
  double u = 0.0;
  double v = 0.0;
  double s = 0.0;
  do {
    u = static_cast<double>(next_u64() >> 11) * 0x1.0p-53 * 2.0 - 1.0;
    v = static_cast<double>(next_u64() >> 11) * 0x1.0p-53 * 2.0 - 1.0;
    s = u * u + v * v;
  } while (s >= 1.0 || s == 0.0);

  // sqrt is correctly rounded by IEEE 754, so only log needed a portable version.
  const double factor = std::sqrt(-2.0 * portable_log(s) / s);
  spare_ = v * factor;
  has_spare_ = true;
  return u * factor;
}

double portable_log(double x) {
  // x = m * 2^e with m in [sqrt(1/2), sqrt(2)), so y = (m-1)/(m+1) is below 0.172
  // in magnitude and the series 2(y + y^3/3 + y^5/5 + ...) converges fast.
  int e = 0;
  double m = std::frexp(x, &e);  // m in [0.5, 1), exact
  if (m < 0.70710678118654752) {
    m *= 2.0;
    e -= 1;
  }
  const double y = (m - 1.0) / (m + 1.0);
  const double y2 = y * y;

  // 0.172^2 = 0.0296 per term: 12 terms reach well below 2^-53 relative.
  double term = y;
  double sum = 0.0;
  for (int k = 0; k < 12; ++k) {
    sum += term / static_cast<double>(2 * k + 1);
    term *= y2;
  }
  constexpr double kLn2 = 0.69314718055994530942;
  return 2.0 * sum + static_cast<double>(e) * kLn2;
}

}  // namespace tb
