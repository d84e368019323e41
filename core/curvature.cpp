#include "curvature.hpp"

#include "random.hpp"

#include <Eigen/Eigenvalues>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace landscape {

DenseHessian dense_hessian(const Objective& f, const Vector& x) {
  const Eigen::Index n = f.dimension();
  DenseHessian result;
  result.matrix.resize(n, n);
  Vector unit = Vector::Zero(n), column;
  for (Eigen::Index j = 0; j < n; ++j) {
    unit[j] = 1.0;
    f.hessian_vector(x, unit, column);
    result.matrix.col(j) = column;
    unit[j] = 0.0;
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

PointClassification classify(double gradient_norm, const Vector& eigenvalues, const ClassificationTolerances& tol) {
  PointClassification c;
  c.gradient_norm = gradient_norm;
  const Eigen::Index n = eigenvalues.size();
  if (n == 0) return c;
  c.smallest_eigenvalue = eigenvalues.minCoeff();
  c.largest_eigenvalue = eigenvalues.maxCoeff();
  const double scale = eigenvalues.cwiseAbs().maxCoeff();
  for (Eigen::Index i = 0; i < n; ++i) {
    if (std::abs(eigenvalues[i]) <= tol.zero * scale) ++c.zero;
    else if (eigenvalues[i] < 0) ++c.negative;
    else ++c.positive;
  }
  c.index = double(c.negative) / double(n);
  if (gradient_norm > tol.gradient) c.kind = PointKind::not_critical;
  else if (c.negative > 0 && c.positive > 0) c.kind = PointKind::saddle;
  else if (c.zero > 0) c.kind = PointKind::degenerate;
  else if (c.negative == n) c.kind = PointKind::maximum;
  else c.kind = PointKind::minimum;
  return c;
}

PointClassification classify(const Objective& f, const Vector& x, const ClassificationTolerances& tol) {
  Vector gradient;
  f.value_and_gradient(x, gradient);
  return classify(gradient.norm(), hessian_spectrum(f, x).eigenvalues, tol);
}

std::string spectrum_json(const Objective& f, const Vector& x, const ClassificationTolerances& tolerances) {
  Vector gradient;
  f.value_and_gradient(x, gradient);
  const Vector eigenvalues = hessian_spectrum(f, x).eigenvalues;
  const PointClassification c = classify(gradient.norm(), eigenvalues, tolerances);
  nlohmann::ordered_json j;
  j["eigenvalues"] = std::vector<double>(eigenvalues.data(), eigenvalues.data() + eigenvalues.size());
  j["index"] = c.index;
  j["negative"] = c.negative;
  j["zero"] = c.zero;
  j["positive"] = c.positive;
  j["kind"] = to_string(c.kind);
  j["grad_norm"] = c.gradient_norm;
  return j.dump();
}

ExtremeEigenvalues lanczos_extremes(const Objective& f, const Vector& x, int steps, std::uint64_t seed) {
  const Eigen::Index n = f.dimension();
  const int k = static_cast<int>(std::min<Eigen::Index>(std::max(steps, 1), n));
  Random rng(seed);
  Matrix q(n, k); // the orthonormal Krylov basis, one vector per column
  Vector v(n);
  for (Eigen::Index i = 0; i < n; ++i) v[i] = rng.normal();
  q.col(0) = v / v.norm();
  Vector alpha(k), beta = Vector::Zero(k);
  Vector w;
  int built = 0;
  for (int j = 0; j < k; ++j) {
    f.hessian_vector(x, q.col(j), w);
    alpha[j] = q.col(j).dot(w);
    // Full re-orthogonalisation (twice, "twice is enough") against every basis vector so far.
    for (int pass = 0; pass < 2; ++pass) w -= q.leftCols(j + 1) * (q.leftCols(j + 1).transpose() * w);
    built = j + 1;
    if (j + 1 == k) break;
    beta[j] = w.norm();
    if (beta[j] <= 1e-12 * std::max(1.0, std::abs(alpha[j]))) break; // an invariant subspace: exact
    q.col(j + 1) = w / beta[j];
  }
  // T is tridiagonal with alpha on the diagonal and beta off it; its eigenvalues are the Ritz values.
  Matrix t = Matrix::Zero(built, built);
  for (int j = 0; j < built; ++j) {
    t(j, j) = alpha[j];
    if (j + 1 < built) t(j, j + 1) = t(j + 1, j) = beta[j];
  }
  Eigen::SelfAdjointEigenSolver<Matrix> solver(t, Eigen::EigenvaluesOnly);
  return ExtremeEigenvalues{solver.eigenvalues().minCoeff(), solver.eigenvalues().maxCoeff(), built};
}

double power_iteration(const Objective& f, const Vector& x, int max_iterations, double tolerance, std::uint64_t seed) {
  const Eigen::Index n = f.dimension();
  Random rng(seed);
  Vector v(n), w;
  for (Eigen::Index i = 0; i < n; ++i) v[i] = rng.normal();
  v /= v.norm();
  double estimate = 0.0;
  for (int it = 0; it < max_iterations; ++it) {
    f.hessian_vector(x, v, w);
    const double next = v.dot(w);
    const double norm = w.norm();
    if (norm == 0.0) return 0.0;
    v = w / norm;
    if (it > 0 && std::abs(next - estimate) <= tolerance * std::abs(next)) return next;
    estimate = next;
  }
  return estimate;
}

} // namespace landscape
