// Why this file exists: std::exp, std::log, std::sin, std::cos and std::tanh may differ
// in the last bit between glibc (native) and musl (wasm), and some training runs are
// chaotic (the rescue at a fixed step amplifies 1e-16 to 1e-3 in 200 steps). For the
// same scenario to give the same numbers natively, in node and in the browser, the
// random generator, the datasets and the network's activations use these versions,
// built only from IEEE-exact +, -, *, /, sqrt, frexp, ldexp and nearbyint (or exact bit
// operations doing the same), which round identically on every platform (with
// -ffp-contract=off: no fused multiply-add).
#pragma once

#include "numerics/simd.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

namespace landscape::portable {

// Natural logarithm (relative error ~1e-16); log(0) = -inf, log(x < 0) = NaN.
inline double log(double x) {
  if (!(x > 0.0)) return x == 0.0 ? -HUGE_VAL : std::numeric_limits<double>::quiet_NaN();
  if (std::isinf(x)) return x;
  int exponent = 0;
  double mantissa = std::frexp(x, &exponent); // x = mantissa 2^exponent, mantissa in [0.5, 1)
  if (mantissa < 0.70710678118654752440) {
    mantissa *= 2.0;
    exponent -= 1;
  }
  // log(m) = 2 atanh(s) with s = (m-1)/(m+1), |s| <= 0.1716: the odd series converges fast.
  const double s = (mantissa - 1.0) / (mantissa + 1.0);
  const double s2 = s * s;
  double term = s, sum = 0.0;
  for (int k = 1; k <= 41; k += 2) {
    sum += term / k;
    term *= s2;
  }
  constexpr double ln2_hi = 6.93147180369123816490e-01;
  constexpr double ln2_lo = 1.90821492927058770002e-10;
  return exponent * ln2_hi + (2.0 * sum + exponent * ln2_lo);
}

namespace detail {
// 1/n, rounded once at compile time: the series below multiply instead of dividing.
inline constexpr double kInverse[] = {0.0,      1.0,      1.0 / 2,  1.0 / 3,  1.0 / 4,  1.0 / 5,  1.0 / 6,
                                      1.0 / 7,  1.0 / 8,  1.0 / 9,  1.0 / 10, 1.0 / 11, 1.0 / 12, 1.0 / 13,
                                      1.0 / 14, 1.0 / 15, 1.0 / 16, 1.0 / 17, 1.0 / 18, 1.0 / 19, 1.0 / 20,
                                      1.0 / 21, 1.0 / 22, 1.0 / 23, 1.0 / 24, 1.0 / 25, 1.0 / 26};

// Taylor series on |r| <= pi/4, in Horner form: r (1 - r^2/(2 3) (1 - r^2/(4 5) (...))).
inline double sin_kernel(double r) {
  const double r2 = r * r;
  double p = 1.0;
  for (int k = 24; k >= 2; k -= 2) p = 1.0 - r2 * kInverse[k] * kInverse[k + 1] * p;
  return r * p;
}
inline double cos_kernel(double r) {
  const double r2 = r * r;
  double p = 1.0;
  for (int k = 23; k >= 1; k -= 2) p = 1.0 - r2 * kInverse[k] * kInverse[k + 1] * p;
  return p;
}
// Reduces x to r in [-pi/4, pi/4] with x = r + q pi/2 (Cody-Waite, three-part pi/2).
inline double reduce(double x, long long& quadrant) {
  constexpr double two_over_pi = 6.36619772367581382433e-01;
  constexpr double pio2_1 = 1.57079632673412561417e+00;
  constexpr double pio2_2 = 6.07710050650619224932e-11;
  constexpr double pio2_3 = 2.02226624879595063154e-21;
  const double q = std::nearbyint(x * two_over_pi);
  quadrant = static_cast<long long>(q);
  return ((x - q * pio2_1) - q * pio2_2) - q * pio2_3;
}
} // namespace detail

// e^x (relative error ~2e-16); overflows to +inf above ~709.78 like std::exp.
inline double exp(double x) {
  if (std::isnan(x)) return x;
  if (x > 709.782712893384) return HUGE_VAL;
  if (x < -745.2) return 0.0;
  constexpr double log2e = 1.44269504088896338700e+00;
  constexpr double ln2_hi = 6.93147180369123816490e-01;
  constexpr double ln2_lo = 1.90821492927058770002e-10;
  const double k = std::nearbyint(x * log2e);
  const double r = (x - k * ln2_hi) - k * ln2_lo; // |r| <= 0.347
  double p = 1.0;
  for (int n = 16; n >= 1; --n) p = 1.0 + r * p * detail::kInverse[n]; // Horner form of Taylor
  // p 2^k: multiplying by an exact power of two is exact (same bits as ldexp) while the
  // result is normal, and much cheaper than the library call.
  const int ki = static_cast<int>(k);
  if (ki > -1022 && ki < 1023) {
    const std::uint64_t bits = static_cast<std::uint64_t>(ki + 1023) << 52;
    double power; // std::bit_cast is missing from em++ 3.1.6's libc++
    std::memcpy(&power, &bits, sizeof power);
    return p * power;
  }
  return std::ldexp(p, ki);
}

// e^x - 1, accurate near 0 where exp(x) - 1 would cancel.
inline double expm1(double x) {
  if (!(std::fabs(x) < 0.34)) return exp(x) - 1.0;
  double p = 1.0;
  for (int n = 17; n >= 2; --n) p = 1.0 + x * p * detail::kInverse[n];
  return x * p;
}

namespace detail {
// tanh on every lane of a vector F of doubles (I: the 64-bit integers of the same size),
// branch-free, so the network applies it to a whole layer with vector instructions. Each lane
// runs the same IEEE operations in the same order whatever the width, so every width gives
// the scalar's bits: the kernels use eight lanes at a time (four independent chains of two-lane
// instructions, whose latencies overlap), the scalar below one lane of two. tanh |x| = E / (E + 2)
// with E = expm1(2|x|) = 2^k (e^r - 1) + (2^k - 1), where 2|x| = k ln2 + r, |r| <= ln2/2 and
// e^r - 1 is its Taylor polynomial (degree 13, error below 2e-17 relative). Within about
// 1.5 ulp of the true value. x and the result by reference, and no function returns a vector:
// a vector wider than 16 bytes passed by value would change the native ABI without AVX (GCC
// warns); the kernels inline all of it anyway.
template <class F, class I> inline void tanh_lanes(const F& x, F& result) {
  const I sign = I{} + std::numeric_limits<std::int64_t>::min(); // the sign bit of every lane
  const F ax = __builtin_bit_cast(F, __builtin_bit_cast(I, x) & ~sign);
  // Past 2|x| = 40, 2 / (E + 2) is below half an ulp of 1: tanh rounds to exactly 1. The
  // clamp also keeps 2^k a normal number; NaN fails the comparison and stays NaN.
  const F limit = F{} + 40.0;
  F u = ax + ax;
  const I above = u > limit;
  u = __builtin_bit_cast(F, (above & __builtin_bit_cast(I, limit)) | (~above & __builtin_bit_cast(I, u)));
  // k = round(u / ln2) by the 1.5 2^52 shifter, exact IEEE arithmetic (no nearbyint, which
  // SSE2 lacks): the sum's low mantissa bits are k itself.
  const F shifter = F{} + 6755399441055744.0;
  const F shifted = u * 1.44269504088896338700e+00 + shifter;
  const F k = shifted - shifter;
  const F r = (u - k * 6.93147180369123816490e-01) - k * 1.90821492927058770002e-10; // |r| <= 0.347
  // q = (e^r - 1 - r) / r^2 = sum_n r^(n-2) / n!, from n = 13 down to 2.
  F q = F{} + 1.0 / 6227020800.0;
  q = q * r + 1.0 / 479001600.0;
  q = q * r + 1.0 / 39916800.0;
  q = q * r + 1.0 / 3628800.0;
  q = q * r + 1.0 / 362880.0;
  q = q * r + 1.0 / 40320.0;
  q = q * r + 1.0 / 5040.0;
  q = q * r + 1.0 / 720.0;
  q = q * r + 1.0 / 120.0;
  q = q * r + 1.0 / 24.0;
  q = q * r + 1.0 / 6.0;
  q = q * r + 0.5;
  const F em1 = r + (r * r) * q; // e^r - 1, no cancellation near r = 0
  // 2^k from k's bits: (k + 1023) << 52, with 0 <= k <= 58.
  const F power =
      __builtin_bit_cast(F, (__builtin_bit_cast(I, shifted) - __builtin_bit_cast(I, shifter) + 1023) << 52);
  const F e = power * em1 + (power - 1.0); // 2^k em1 exact, one rounding
  const F t = e / (e + 2.0);
  result = __builtin_bit_cast(F, __builtin_bit_cast(I, t) | (__builtin_bit_cast(I, x) & sign));
}
} // namespace detail

inline simd::f64x2 tanh(simd::f64x2 x) {
  simd::f64x2 result;
  detail::tanh_lanes<simd::f64x2, simd::i64x2>(x, result);
  return result;
}

inline double tanh(double x) { return tanh(simd::broadcast(x))[0]; }

// sin and cos for |x| < 1e9 (argument reduction is exact enough there); NaN outside.
inline double sin(double x) {
  if (!(std::fabs(x) < 1e9)) return std::numeric_limits<double>::quiet_NaN();
  long long q = 0;
  const double r = detail::reduce(x, q);
  switch (((q % 4) + 4) % 4) {
  case 0: return detail::sin_kernel(r);
  case 1: return detail::cos_kernel(r);
  case 2: return -detail::sin_kernel(r);
  default: return -detail::cos_kernel(r);
  }
}
inline double cos(double x) {
  if (!(std::fabs(x) < 1e9)) return std::numeric_limits<double>::quiet_NaN();
  long long q = 0;
  const double r = detail::reduce(x, q);
  switch (((q % 4) + 4) % 4) {
  case 0: return detail::cos_kernel(r);
  case 1: return -detail::sin_kernel(r);
  case 2: return -detail::cos_kernel(r);
  default: return detail::sin_kernel(r);
  }
}

} // namespace landscape::portable
