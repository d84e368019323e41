// Why this file exists: Eigen's dot() and norm() sum with SIMD lanes natively but one
// by one in wasm, so their last bits differ between the builds. Numbers that steer or
// report a trajectory (gradient norms, Armijo's test) use these fixed-order sums, so
// native, node and browser agree bit for bit.
#pragma once

#include <Eigen/Core>
#include <algorithm>
#include <cmath>

namespace landscape {

inline double sequential_dot(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
  double sum = 0.0;
  for (Eigen::Index i = 0; i < a.size(); ++i) sum += a[i] * b[i];
  return sum;
}

inline double sequential_squared_norm(const Eigen::VectorXd& a) { return sequential_dot(a, a); }
// Finite entries above ~1e154 overflow their squares: then (only then, so every other norm keeps
// its bits) the sum is taken over a / max|a_i| and scaled back, so a finite gradient never reports
// an infinite norm.
inline double sequential_norm(const Eigen::VectorXd& a) {
  const double squares = sequential_dot(a, a);
  if (std::isfinite(squares) || !a.allFinite()) return std::sqrt(squares);
  double scale = 0.0;
  for (Eigen::Index i = 0; i < a.size(); ++i) scale = std::max(scale, std::abs(a[i]));
  double sum = 0.0;
  for (Eigen::Index i = 0; i < a.size(); ++i) sum += (a[i] / scale) * (a[i] / scale);
  return scale * std::sqrt(sum);
}

} // namespace landscape
