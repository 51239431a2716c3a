#!/usr/bin/env python3
"""Second implementation of the host's seeded generator, in plain Python.

Prints the values that rng_test.cpp and init_weights_test.cpp pin, so those tests check
the C++ code (host/model/normal_rng.cpp, weights.cpp) against an independent
transcription of SplitMix64, xoshiro256**, FNV-1a-64 and the Marsaglia polar method.
It uses math.log where the C++ code uses portable_log; both are within a few ulp, which
float32 rounding hides for the pinned values.

Run: python3 tests/model/reference_rng.py
"""
import math
import struct

MASK = (1 << 64) - 1


def splitmix64(state):
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return state, z ^ (z >> 31)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & MASK


def fnv1a64(text):
    value = 0xCBF29CE484222325
    for byte in text.encode():
        value ^= byte
        value = (value * 0x100000001B3) & MASK
    return value


class Rng:
    """xoshiro256** seeded by SplitMix64, as tb::Rng."""

    def __init__(self, seed):
        self.state = []
        sm = seed
        for _ in range(4):
            sm, word = splitmix64(sm)
            self.state.append(word)
        self.spare = None

    @classmethod
    def for_stream(cls, seed, name):
        return cls(seed ^ fnv1a64(name))

    def next_u64(self):
        s = self.state
        result = (rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result

    def below(self, n):
        return ((self.next_u64() >> 32) * n) >> 32

    def normal(self):
        if self.spare is not None:
            value, self.spare = self.spare, None
            return value
        while True:
            u = (self.next_u64() >> 11) * 2.0**-53 * 2.0 - 1.0
            v = (self.next_u64() >> 11) * 2.0**-53 * 2.0 - 1.0
            s = u * u + v * v
            if 0.0 < s < 1.0:
                break
        factor = math.sqrt(-2.0 * math.log(s) / s)
        self.spare = v * factor
        return u * factor


def to_float32(x):
    return struct.unpack("f", struct.pack("f", x))[0]


def init_values(seed, name, count):
    rng = Rng.for_stream(seed, name)
    return [to_float32(0.02 * rng.normal()).hex() for _ in range(count)]


def main():
    rng = Rng(0)
    print("Rng(0).next_u64():", [hex(rng.next_u64()) for _ in range(3)])
    print("FNV-1a-64('a'):", hex(fnv1a64("a")))
    print("seed 0, blocks.0.attn.wq[0:4]:", init_values(0, "blocks.0.attn.wq", 4))
    print("seed 42, tok_embedding[0:4]:", init_values(42, "tok_embedding", 4))
    tokens = Rng.for_stream(0, "tokens")
    print("make_tokens(1, 8, 20, 0):", [tokens.below(20) for _ in range(8)])
    tokens = Rng.for_stream(7, "tokens")
    print("make_tokens(2, 4, 101, 7):", [tokens.below(101) for _ in range(8)])


if __name__ == "__main__":
    main()
