// Why this file exists: the network's hot loops vectorise across independent outputs
// (units, points), never across one sum, so every element keeps its own fixed order of
// operations and the bits match between the native (SSE2) and the wasm (simd128) build.
// GCC/Clang vector extensions say exactly that: element-wise IEEE +, -, *, / on two
// doubles, lowered to SSE2 natively and to wasm SIMD by em++, with no reassociation and
// no dependence on what the auto-vectoriser happens to do.
#pragma once

#include <cstdint>
#include <cstring>

namespace landscape::simd {

// 16 bytes: the width both targets have. Wider types split into 16-byte operations, which the
// tanh kernel uses on purpose (independent chains); passed by value to a function they would
// change the native ABI without AVX (GCC warns), so they stay inside inlined code.
using f64x2 = double __attribute__((vector_size(16)));
using i64x2 = std::int64_t __attribute__((vector_size(16)));

inline f64x2 load(const double* p) {
  f64x2 v;
  std::memcpy(&v, p, sizeof v); // unaligned load, no aliasing questions
  return v;
}
inline void store(double* p, f64x2 v) { std::memcpy(p, &v, sizeof v); }
inline f64x2 broadcast(double x) { return f64x2{x, x}; }
inline f64x2 pair(double a, double b) { return f64x2{a, b}; }

inline i64x2 bits(f64x2 v) {
  i64x2 b;
  std::memcpy(&b, &v, sizeof b);
  return b;
}
inline f64x2 from_bits(i64x2 b) {
  f64x2 v;
  std::memcpy(&v, &b, sizeof v);
  return v;
}
// mask ? a : b lane by lane, mask lanes all ones or all zeros (a vector comparison).
inline f64x2 select(i64x2 mask, f64x2 a, f64x2 b) { return from_bits((mask & bits(a)) | (~mask & bits(b))); }

} // namespace landscape::simd
