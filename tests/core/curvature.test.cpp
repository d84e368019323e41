#include "curvature.hpp"
#include "network.hpp"
#include "random.hpp"
#include "test_support.hpp"

#include <Eigen/QR>
#include <catch2/catch.hpp>

using namespace landscape;

namespace {
Matrix random_symmetric(Eigen::Index n, std::uint64_t seed) {
  Random rng(seed);
  Matrix a(n, n);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j) a(i, j) = rng.normal();
  return 0.5 * (a + a.transpose());
}

// The deep linear networks of MATH.md 3.4: y = x1 + 2 x2 on the four unit vectors.
NetworkObjective deep_linear(std::vector<int> hidden) {
  Dataset data;
  data.x.resize(4, 2);
  data.x << 1, 0, 0, 1, -1, 0, 0, -1;
  data.y.resize(4, 1);
  data.y << 1, 2, -1, -2;
  NetworkSpec spec{2, {}};
  for (int units : hidden) spec.layers.push_back({units, Activation::linear, false});
  spec.layers.push_back({1, Activation::linear, false});
  return NetworkObjective(spec, LossKind::half_squared, data, {});
}
} // namespace

TEST_CASE("Lanczos extreme eigenvalues agree with the dense spectrum to 1e-8") {
  const QuadraticObjective quadratic(random_symmetric(120, 4));
  const Vector x = Vector::Zero(120);
  const Vector dense = hessian_spectrum(quadratic, x).eigenvalues;
  const ExtremeEigenvalues lanczos = lanczos_extremes(quadratic, x, 120);
  CHECK(lanczos.smallest == Approx(dense[0]).epsilon(1e-8));
  CHECK(lanczos.largest == Approx(dense[119]).epsilon(1e-8));

  // On a random network (tanh, 2-12-12-1, 30 points, with the added neuron).
  Random rng(5);
  Dataset data;
  data.x.resize(30, 2);
  data.y.resize(30, 1);
  for (int i = 0; i < 30; ++i) data.x.row(i) << rng.normal(), rng.normal(), data.y(i, 0) = rng.normal();
  const NetworkObjective net({2, {{12, Activation::tanh, true}, {12, Activation::tanh, true}, {1, Activation::linear, true}}},
                             LossKind::squared, data, {true, 0.1});
  Vector theta(net.dimension());
  for (Eigen::Index i = 0; i < theta.size(); ++i) theta[i] = rng.normal(0, 0.5);
  const Vector spectrum = hessian_spectrum(net, theta).eigenvalues;
  const ExtremeEigenvalues extremes = lanczos_extremes(net, theta, 120);
  CHECK(extremes.smallest == Approx(spectrum[0]).epsilon(1e-8));
  CHECK(extremes.largest == Approx(spectrum[spectrum.size() - 1]).epsilon(1e-8));
}

TEST_CASE("power iteration returns the eigenvalue of largest magnitude (MATH 6.7)") {
  CHECK(power_iteration(QuadraticObjective(Eigen::Vector2d(10, -2).asDiagonal().toDenseMatrix()), Vector::Zero(2)) ==
        Approx(10.0).epsilon(1e-6));
  CHECK(power_iteration(QuadraticObjective(Eigen::Vector2d(1, -5).asDiagonal().toDenseMatrix()), Vector::Zero(2)) ==
        Approx(-5.0).epsilon(1e-6));
}

TEST_CASE("network Hessians are symmetric up to rounding") {
  NetworkObjective f = deep_linear({3});
  Random rng(2);
  Vector theta(f.dimension());
  for (Eigen::Index i = 0; i < theta.size(); ++i) theta[i] = rng.normal();
  CHECK(dense_hessian(f, theta).asymmetry < 1e-12);
}

TEST_CASE("the 2-3-1 linear network: eigenvalues -1.11803 x3, 0 x3, +1.11803 x3 at the origin (MATH 3.4)") {
  const NetworkObjective f = deep_linear({3});
  REQUIRE(f.dimension() == 9);
  const Vector e = hessian_spectrum(f, Vector::Zero(9)).eigenvalues;
  for (int i = 0; i < 3; ++i) {
    CHECK(e[i] == Approx(-std::sqrt(1.25)).epsilon(1e-12));
    CHECK(e[3 + i] == Approx(0.0).margin(1e-12));
    CHECK(e[6 + i] == Approx(std::sqrt(1.25)).epsilon(1e-12));
  }
  CHECK(classify(f, Vector::Zero(9)).kind == PointKind::saddle);
  CHECK(classify(f, Vector::Zero(9)).index == Approx(1.0 / 3.0));
}

TEST_CASE("the 2-3-3-1 linear network's Hessian is zero at the origin: a saddle without negative curvature") {
  const NetworkObjective f = deep_linear({3, 3});
  CHECK(dense_hessian(f, Vector::Zero(f.dimension())).matrix.isZero(0.0));
  CHECK(classify(f, Vector::Zero(f.dimension())).kind == PointKind::degenerate);
}

TEST_CASE("a global minimum of the 2-3-1 network has exactly 7 zero eigenvalues and 2 positive") {
  const NetworkObjective f = deep_linear({3});
  // W (3x2, row-major) then v (3): choose W, then v with W^T v = (1, 2).
  Vector theta(9);
  theta << 0.7, -0.2, 0.4, 1.1, -0.5, 0.3, 0, 0, 0;
  Eigen::Matrix<double, 3, 2> w;
  w << 0.7, -0.2, 0.4, 1.1, -0.5, 0.3;
  const Eigen::Vector3d v = w.transpose().completeOrthogonalDecomposition().solve(Eigen::Vector2d(1, 2));
  theta.tail(3) = v;
  REQUIRE(f.value(theta) < 1e-28);
  const PointClassification c = classify(f, theta);
  CHECK(c.zero == 7);
  CHECK(c.positive == 2);
  CHECK(c.negative == 0);
}
