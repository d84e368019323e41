// Why this file exists: a forward-mode dual number d = value + eps * tangent. Running
// the network's reverse-mode gradient code on duals whose tangents hold a direction v
// gives, in the tangents of the gradient, the exact Hessian-vector product H v
// (forward-over-reverse, Pearlmutter's R-operator) from the same source code.
#pragma once

#include "numerics/portable_math.hpp"

#include <Eigen/Core>
#include <array>
#include <cmath>

namespace landscape {

struct Dual {
  double v = 0.0; // value
  double d = 0.0; // tangent: directional derivative along the seeded direction

  Dual() = default;
  Dual(double value) : v(value) {} // NOLINT: implicit, so constants mix with duals
  Dual(double value, double tangent) : v(value), d(tangent) {}

  Dual& operator+=(const Dual& o) {
    v += o.v;
    d += o.d;
    return *this;
  }
  Dual& operator-=(const Dual& o) {
    v -= o.v;
    d -= o.d;
    return *this;
  }
  Dual& operator*=(const Dual& o) {
    d = d * o.v + v * o.d;
    v *= o.v;
    return *this;
  }
  Dual& operator/=(const Dual& o) {
    d = (d * o.v - v * o.d) / (o.v * o.v);
    v /= o.v;
    return *this;
  }
};

inline Dual operator+(Dual a, const Dual& b) { return a += b; }
inline Dual operator-(Dual a, const Dual& b) { return a -= b; }
inline Dual operator*(Dual a, const Dual& b) { return a *= b; }
inline Dual operator/(Dual a, const Dual& b) { return a /= b; }
inline Dual operator-(const Dual& a) { return {-a.v, -a.d}; }
inline bool operator<(const Dual& a, const Dual& b) { return a.v < b.v; }
inline bool operator>(const Dual& a, const Dual& b) { return a.v > b.v; }
inline bool operator<=(const Dual& a, const Dual& b) { return a.v <= b.v; }
inline bool operator>=(const Dual& a, const Dual& b) { return a.v >= b.v; }
inline bool operator==(const Dual& a, const Dual& b) { return a.v == b.v && a.d == b.d; }
inline bool operator!=(const Dual& a, const Dual& b) { return !(a == b); }

// Elementary functions go through portable_math, so results are bit-identical in wasm.
inline Dual exp(const Dual& a) {
  const double e = portable::exp(a.v);
  return {e, e * a.d};
}
inline Dual log(const Dual& a) { return {portable::log(a.v), a.d / a.v}; }
inline Dual sin(const Dual& a) { return {portable::sin(a.v), portable::cos(a.v) * a.d}; }
inline Dual cos(const Dual& a) { return {portable::cos(a.v), -portable::sin(a.v) * a.d}; }
inline Dual tanh(const Dual& a) {
  const double t = portable::tanh(a.v);
  return {t, (1.0 - t * t) * a.d};
}
inline Dual sqrt(const Dual& a) {
  const double s = std::sqrt(a.v);
  return {s, a.d / (2.0 * s)};
}
inline Dual abs(const Dual& a) { return a.v < 0 ? -a : a; }
inline bool isfinite(const Dual& a) { return std::isfinite(a.v) && std::isfinite(a.d); }

// N duals that share one value: the tangents of N directions at once. The value part of
// the forward/backward pass (every tanh, every exp) is then computed once per N Hessian
// columns instead of once per column, which is what makes a dense Hessian cheap. Each
// tangent is computed by exactly the formula Dual uses, so column j is bit-identical to
// the Hessian-vector product along direction j.
template <int N> struct DualPack {
  double v = 0.0;
  std::array<double, N> d{};

  DualPack() = default;
  DualPack(double value) : v(value) {} // NOLINT: implicit, so constants mix with duals

  DualPack& operator+=(const DualPack& o) {
    v += o.v;
    for (int i = 0; i < N; ++i) d[i] += o.d[i];
    return *this;
  }
  DualPack& operator-=(const DualPack& o) {
    v -= o.v;
    for (int i = 0; i < N; ++i) d[i] -= o.d[i];
    return *this;
  }
  DualPack& operator*=(const DualPack& o) {
    for (int i = 0; i < N; ++i) d[i] = d[i] * o.v + v * o.d[i];
    v *= o.v;
    return *this;
  }
  DualPack& operator/=(const DualPack& o) {
    const double square = o.v * o.v;
    for (int i = 0; i < N; ++i) d[i] = (d[i] * o.v - v * o.d[i]) / square;
    v /= o.v;
    return *this;
  }
  // f(v) with derivative f'(v) applied to every tangent.
  static DualPack chain(double value, double slope, const DualPack& a) {
    DualPack r(value);
    for (int i = 0; i < N; ++i) r.d[i] = slope * a.d[i];
    return r;
  }
};

template <int N> DualPack<N> operator+(DualPack<N> a, const DualPack<N>& b) { return a += b; }
template <int N> DualPack<N> operator-(DualPack<N> a, const DualPack<N>& b) { return a -= b; }
template <int N> DualPack<N> operator*(DualPack<N> a, const DualPack<N>& b) { return a *= b; }
template <int N> DualPack<N> operator/(DualPack<N> a, const DualPack<N>& b) { return a /= b; }
template <int N> DualPack<N> operator-(const DualPack<N>& a) {
  DualPack<N> r(-a.v);
  for (int i = 0; i < N; ++i) r.d[i] = -a.d[i];
  return r;
}
template <int N> bool operator<(const DualPack<N>& a, const DualPack<N>& b) { return a.v < b.v; }
template <int N> bool operator>(const DualPack<N>& a, const DualPack<N>& b) { return a.v > b.v; }
template <int N> bool operator<=(const DualPack<N>& a, const DualPack<N>& b) { return a.v <= b.v; }
template <int N> bool operator>=(const DualPack<N>& a, const DualPack<N>& b) { return a.v >= b.v; }

template <int N> DualPack<N> exp(const DualPack<N>& a) {
  const double e = portable::exp(a.v);
  DualPack<N> r(e);
  for (int i = 0; i < N; ++i) r.d[i] = e * a.d[i];
  return r;
}
template <int N> DualPack<N> log(const DualPack<N>& a) {
  DualPack<N> r(portable::log(a.v));
  for (int i = 0; i < N; ++i) r.d[i] = a.d[i] / a.v;
  return r;
}
template <int N> DualPack<N> sin(const DualPack<N>& a) {
  return DualPack<N>::chain(portable::sin(a.v), portable::cos(a.v), a);
}
template <int N> DualPack<N> cos(const DualPack<N>& a) {
  return DualPack<N>::chain(portable::cos(a.v), -portable::sin(a.v), a);
}
template <int N> DualPack<N> tanh(const DualPack<N>& a) {
  const double t = portable::tanh(a.v);
  return DualPack<N>::chain(t, 1.0 - t * t, a);
}
template <int N> double value_of(const DualPack<N>& x) { return x.v; }

// Scalar-generic helpers, so templated code reads the same for double and Dual.
inline double value_of(double x) { return x; }
inline double value_of(const Dual& x) { return x.v; }
namespace portable {
inline Dual exp(const Dual& a) { return landscape::exp(a); }
inline Dual log(const Dual& a) { return landscape::log(a); }
inline Dual sin(const Dual& a) { return landscape::sin(a); }
inline Dual cos(const Dual& a) { return landscape::cos(a); }
inline Dual tanh(const Dual& a) { return landscape::tanh(a); }
template <int N> DualPack<N> exp(const DualPack<N>& a) { return landscape::exp(a); }
template <int N> DualPack<N> log(const DualPack<N>& a) { return landscape::log(a); }
template <int N> DualPack<N> sin(const DualPack<N>& a) { return landscape::sin(a); }
template <int N> DualPack<N> cos(const DualPack<N>& a) { return landscape::cos(a); }
template <int N> DualPack<N> tanh(const DualPack<N>& a) { return landscape::tanh(a); }
} // namespace portable

} // namespace landscape

namespace Eigen {
template <> struct NumTraits<landscape::Dual> : NumTraits<double> {
  using Real = landscape::Dual;
  using NonInteger = landscape::Dual;
  using Nested = landscape::Dual;
  using Literal = landscape::Dual;
  enum {
    IsComplex = 0,
    IsInteger = 0,
    IsSigned = 1,
    RequireInitialization = 1,
    ReadCost = 2,
    AddCost = 2,
    MulCost = 3
  };
};
} // namespace Eigen
