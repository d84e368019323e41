#include "curvature/curvature.hpp"
#include "curvature/eigenvalue_signs.hpp"
#include "input/messages.hpp"

#include "numerics/random.hpp"
#include "numerics/sequential.hpp"

#include <Eigen/Eigenvalues>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace landscape {

DenseHessian dense_hessian(const Objective& f, const Vector& x) {
  const Eigen::Index n = f.dimension();
  DenseHessian result;
  result.matrix.resize(n, n);
  // Columns in blocks of unit vectors, so objectives that share work across directions can.
  constexpr Eigen::Index kBlock = 32;
  Matrix units, columns;
  for (Eigen::Index first = 0; first < n; first += kBlock) {
    const Eigen::Index width = std::min(kBlock, n - first);
    units = Matrix::Zero(n, width);
    for (Eigen::Index j = 0; j < width; ++j) units(first + j, j) = 1.0;
    f.hessian_vectors(x, units, columns);
    result.matrix.middleCols(first, width) = columns;
  }
  result.asymmetry = n > 0 ? (result.matrix - result.matrix.transpose()).cwiseAbs().maxCoeff() : 0.0;
  result.matrix = 0.5 * (result.matrix + result.matrix.transpose()).eval();
  return result;
}

HessianSpectrum hessian_spectrum(const Matrix& symmetric) {
  Eigen::SelfAdjointEigenSolver<Matrix> solver(symmetric);
  return HessianSpectrum{solver.eigenvalues(), solver.eigenvectors()};
}

HessianSpectrum hessian_spectrum(const Objective& f, const Vector& x) {
  return hessian_spectrum(dense_hessian(f, x).matrix);
}

std::string to_string(PointKind kind) {
  switch (kind) {
  case PointKind::minimum: return "minimum";
  case PointKind::maximum: return "maximum";
  case PointKind::saddle: return "saddle";
  case PointKind::degenerate: return "degenerate";
  case PointKind::not_critical: return "not critical";
  }
  return "?";
}

std::vector<int> eigenvalue_signs(const Vector& eigenvalues, const ClassificationTolerances& tol) {
  std::vector<int> signs(std::size_t(eigenvalues.size()), 0);
  if (eigenvalues.size() == 0) return signs;
  const double scale = eigenvalues.cwiseAbs().maxCoeff();
  for (Eigen::Index i = 0; i < eigenvalues.size(); ++i)
    if (!(std::abs(eigenvalues[i]) <= tol.zero * scale)) signs[std::size_t(i)] = eigenvalues[i] < 0 ? -1 : 1;
  return signs;
}

PointClassification classify(double gradient_norm, const Vector& eigenvalues,
                             const ClassificationTolerances& tol) {
  PointClassification c;
  c.gradient_norm = gradient_norm;
  const Eigen::Index n = eigenvalues.size();
  if (n == 0) return c;
  c.smallest_eigenvalue = eigenvalues.minCoeff();
  c.largest_eigenvalue = eigenvalues.maxCoeff();
  for (const int sign : eigenvalue_signs(eigenvalues, tol)) {
    if (sign == 0)
      ++c.zero;
    else if (sign < 0)
      ++c.negative;
    else
      ++c.positive;
  }
  c.index = double(c.negative) / double(n);
  if (gradient_norm > tol.gradient)
    c.kind = PointKind::not_critical;
  else if (c.negative > 0 && c.positive > 0)
    c.kind = PointKind::saddle;
  else if (c.zero > 0)
    c.kind = PointKind::degenerate;
  else if (c.negative == n)
    c.kind = PointKind::maximum;
  else
    c.kind = PointKind::minimum;
  return c;
}

PointClassification classify(const Objective& f, const Vector& x, const ClassificationTolerances& tol) {
  Vector gradient;
  f.value_and_gradient(x, gradient);
  return classify(gradient.norm(), hessian_spectrum(f, x).eigenvalues, tol);
}

std::string definiteness(const PointClassification& c) {
  if (c.negative > 0 && c.positive > 0) return "indefinite";
  if (c.zero > 0 || (c.negative == 0 && c.positive == 0)) return "singular";
  return c.negative > 0 ? "negative definite" : "positive definite";
}

bool at_global_minimum(double value, std::optional<double> floor) {
  if (!floor || !std::isfinite(*floor) || !std::isfinite(value)) return false;
  return std::abs(value - *floor) <= kGlobalMinimumTolerance * std::max(1.0, std::abs(*floor));
}

Result<std::string> spectrum_json(const Objective& f, const Vector& x,
                                  const ClassificationTolerances& tolerances,
                                  std::optional<double> lowest_value) {
  Vector gradient;
  const double value = f.value_and_gradient(x, gradient);
  if (!x.allFinite()) return refused({"hessian", "parameter_not_finite", {}});
  if (!std::isfinite(value)) return refused({"hessian", "hessian_loss_not_finite", {}});
  if (!gradient.allFinite()) return refused({"hessian", "hessian_gradient_not_finite", {}});
  const Matrix hessian = dense_hessian(f, x).matrix;
  if (!hessian.allFinite()) return refused({"hessian", "hessian_entries_not_finite", {}});
  const Vector eigenvalues = hessian_spectrum(hessian).eigenvalues;
  if (!eigenvalues.allFinite()) return refused({"hessian", "eigen_not_converged", {}});
  // Eigen's norm() overflows past 1e154 entries; the scaled one is used only then (same bits otherwise).
  const double norm = gradient.norm();
  const PointClassification c =
      classify(std::isfinite(norm) ? norm : sequential_norm(gradient), eigenvalues, tolerances);
  nlohmann::ordered_json j;
  j["eigenvalues"] = std::vector<double>(eigenvalues.data(), eigenvalues.data() + eigenvalues.size());
  j["signs"] = eigenvalue_signs(eigenvalues, tolerances);
  j["index"] = c.index;
  j["negative"] = c.negative;
  j["zero"] = c.zero;
  j["positive"] = c.positive;
  j["kind"] = to_string(c.kind);
  j["grad_norm"] = c.gradient_norm;
  j["value"] = value;
  j["at_global_minimum"] = at_global_minimum(value, lowest_value);
  return std::string(j.dump());
}

ExtremeEigenvalues lanczos_extremes(const Objective& f, const Vector& x, int steps, std::uint64_t seed) {
  const Eigen::Index n = f.dimension();
  ExtremeEigenvalues result;
  if (n == 0) return result;
  const int k = static_cast<int>(std::min<Eigen::Index>(std::max(steps, 1), n));
  Random rng(seed);
  Matrix q(n, k); // the orthonormal Krylov basis, one vector per column
  Vector v(n);
  for (Eigen::Index i = 0; i < n; ++i) v[i] = rng.normal();
  q.col(0) = v / v.norm();
  std::vector<double> alpha, beta; // T's diagonal and off-diagonal
  double scale = 0.0;              // the largest |alpha_j|, beta_j so far: ||T|| within a factor 3
  double residual = 0.0;           // ||w|| after the last step, the next beta
  Vector w;
  for (int j = 0; j < k; ++j) {
    f.hessian_vector(x, q.col(j), w);
    alpha.push_back(q.col(j).dot(w));
    // Full re-orthogonalisation (twice, "twice is enough") against every basis vector so far;
    // this also removes the alpha_j q_j and beta_{j-1} q_{j-1} terms of the three-term recurrence.
    for (int pass = 0; pass < 2; ++pass) w -= q.leftCols(j + 1) * (q.leftCols(j + 1).transpose() * w);
    residual = w.norm();
    scale = std::max({scale, std::abs(alpha.back()), residual});
    if (j + 1 == k || residual <= 1e-12 * scale) break; // k steps, or an invariant subspace
    beta.push_back(residual);
    q.col(j + 1) = w / residual;
  }
  const Eigen::Index built = Eigen::Index(alpha.size());
  // T_k: alpha on the diagonal, beta beside it; its eigenvalues are the Ritz values.
  Matrix t = Matrix::Zero(built, built);
  for (Eigen::Index j = 0; j < built; ++j) {
    t(j, j) = alpha[std::size_t(j)];
    if (j + 1 < built) t(j, j + 1) = t(j + 1, j) = beta[std::size_t(j)];
  }
  Eigen::SelfAdjointEigenSolver<Matrix> solver(t);
  // The Ritz vector y = Q s has H y - theta y = residual * s_last * q_next.
  const Eigen::Index last = built - 1;
  result.smallest = solver.eigenvalues()[0];
  result.largest = solver.eigenvalues()[last];
  result.smallest_residual = residual * std::abs(solver.eigenvectors()(last, 0));
  result.largest_residual = residual * std::abs(solver.eigenvectors()(last, last));
  result.iterations = int(built);
  return result;
}

PowerIteration power_iteration(const Objective& f, const Vector& x, int max_iterations, double tolerance,
                               std::uint64_t seed) {
  const Eigen::Index n = f.dimension();
  PowerIteration result;
  if (n == 0) return result;
  Random rng(seed);
  Vector v(n), w;
  for (Eigen::Index i = 0; i < n; ++i) v[i] = rng.normal();
  v /= v.norm();
  for (int it = 0; it < max_iterations; ++it) {
    f.hessian_vector(x, v, w);
    result.iterations = it + 1;
    result.eigenvalue = v.dot(w);
    const double norm = w.norm();
    result.residual = (w - result.eigenvalue * v).norm();
    if (norm == 0.0 || result.residual <= tolerance * std::abs(result.eigenvalue)) {
      result.converged = true; // H v = 0 means H = 0 along v: eigenvalue 0, exactly
      return result;
    }
    v = w / norm;
  }
  return result;
}

} // namespace landscape
