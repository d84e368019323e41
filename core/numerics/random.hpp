// Why this file exists: std::normal_distribution and Eigen's Random differ between
// libstdc++/glibc and the wasm libc, so a seed would give other data in the browser.
// This generator (xoshiro256**, seeded by splitmix64) and its distributions use
// only integer arithmetic and portable_math, so a seed gives bit-identical numbers
// natively, in node and in the browser.
#pragma once

#include "numerics/portable_math.hpp"

#include <cstdint>

namespace landscape {

class Random {
public:
  explicit Random(std::uint64_t seed) {
    std::uint64_t z = seed;
    for (auto& word : state_) word = splitmix64(z);
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }

  // Uniform on [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  double uniform(double low, double high) { return low + (high - low) * uniform(); }

  // Uniform integer in [0, n).
  std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : next() % n; }

  // Standard normal by Box-Muller (one value per call; the pair's second is discarded
  // so the stream position never depends on call history).
  double normal() {
    const double u1 = 1.0 - uniform(); // (0, 1]: log is finite
    const double u2 = uniform();
    constexpr double two_pi = 6.28318530717958647692;
    return std::sqrt(-2.0 * portable::log(u1)) * portable::cos(two_pi * u2);
  }
  double normal(double mean, double stddev) { return mean + stddev * normal(); }

private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static std::uint64_t splitmix64(std::uint64_t& z) {
    z += 0x9e3779b97f4a7c15ULL;
    std::uint64_t r = z;
    r = (r ^ (r >> 30)) * 0xbf58476d1ce4e5b9ULL;
    r = (r ^ (r >> 27)) * 0x94d049bb133111ebULL;
    return r ^ (r >> 31);
  }
  std::uint64_t state_[4];
};

} // namespace landscape
