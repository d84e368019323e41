#include "curvature/curvature.hpp"
#include "model/network.hpp"
#include "numerics/random.hpp"
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

// 2-3-2 (or 2-3-3 with cross-entropy) with the activation in both layers, 6 random points.
NetworkObjective small_network(Activation activation, LossKind loss, bool neuron, std::uint64_t seed) {
  Random rng(seed);
  const int outputs = loss == LossKind::cross_entropy ? 3 : 2;
  Dataset data;
  data.x.resize(6, 2);
  data.y = Matrix::Zero(6, outputs);
  // data.x is (6, 2), data.y is (6, outputs): one-hot rows for cross-entropy
  for (int i = 0; i < 6; ++i) {
    data.x.row(i) << rng.normal(), rng.normal();
    if (loss == LossKind::cross_entropy)
      data.y(i, i % outputs) = 1.0;
    else
      data.y.row(i) << rng.normal(), rng.normal();
  }
  const NetworkSpec spec{2, {{3, activation, true}, {outputs, activation, true}}};
  return NetworkObjective(spec, loss, data, AddedNeuronSpec{neuron, 0.1});
}

// The deep linear networks of the tutorial's chapter 4: y = x1 + 2 x2 on the four unit vectors.
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

TEST_CASE("classification: signs of the eigenvalues, zeros within tau max |lambda|") {
  auto kind = [](std::initializer_list<double> eigenvalues, double gradient_norm = 0.0) {
    Vector e(Eigen::Index(eigenvalues.size()));
    std::copy(eigenvalues.begin(), eigenvalues.end(), e.data());
    return classify(gradient_norm, e, {1e-6, 1e-8}).kind;
  };
  CHECK(kind({1, 2, 3}) == PointKind::minimum);
  CHECK(kind({-3, -1}) == PointKind::maximum);
  CHECK(kind({-1, 2}) == PointKind::saddle);
  CHECK(kind({-1, 0, 2}) == PointKind::saddle);     // a descent direction decides, whatever the zeros
  CHECK(kind({0, 4}) == PointKind::degenerate);     // PSD with a zero: the hyperbola of (w1 w2 - 1)^2
  CHECK(kind({0, 0}) == PointKind::degenerate);     // the monkey saddle, the 3-layer origin
  CHECK(kind({-2, 0}) == PointKind::degenerate);    // NSD with a zero: -x^2 (flat in y) is a maximum
  CHECK(kind({-1e-9, 1}) == PointKind::degenerate); // |lambda| <= 1e-8 max |lambda| counts as zero
  CHECK(kind({-1e-7, 1}) == PointKind::saddle);
  CHECK(kind({-1, 2}, 2e-6) == PointKind::not_critical);
  const PointClassification c = classify(1e-3, (Vector(4) << -2, 0, 1, 3).finished());
  CHECK(c.kind == PointKind::not_critical); // the spectrum is still reported
  CHECK(c.negative == 1);
  CHECK(c.zero == 1);
  CHECK(c.positive == 2);
  CHECK(c.index == 0.25);
  CHECK(c.smallest_eigenvalue == -2.0);
  CHECK(c.largest_eigenvalue == 3.0);
}

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
  for (int i = 0; i < 30; ++i) {
    data.x.row(i) << rng.normal(), rng.normal(); // a comma after this would feed the initializer
    data.y(i, 0) = rng.normal();
  }
  const NetworkObjective net(
      {2, {{12, Activation::tanh, true}, {12, Activation::tanh, true}, {1, Activation::linear, true}}},
      LossKind::squared, data, {true, 0.1});
  Vector theta(net.dimension());
  for (Eigen::Index i = 0; i < theta.size(); ++i) theta[i] = rng.normal(0, 0.5);
  const Vector spectrum = hessian_spectrum(net, theta).eigenvalues;
  const ExtremeEigenvalues extremes = lanczos_extremes(net, theta, 120);
  CHECK(extremes.smallest == Approx(spectrum[0]).epsilon(1e-8));
  CHECK(extremes.largest == Approx(spectrum[spectrum.size() - 1]).epsilon(1e-8));
}

TEST_CASE("Lanczos works at any scale of the Hessian (breakdown is judged relative to T)") {
  const Matrix a = random_symmetric(60, 8);
  const Vector dense = hessian_spectrum(a).eigenvalues;
  for (double scale : {1e-14, 1.0, 1e10}) {
    INFO("scale " << scale);
    const ExtremeEigenvalues e = lanczos_extremes(QuadraticObjective(scale * a), Vector::Zero(60), 60);
    CHECK(e.iterations == 60);
    CHECK(e.smallest == Approx(scale * dense[0]).epsilon(1e-8));
    CHECK(e.largest == Approx(scale * dense[59]).epsilon(1e-8));
  }
}

TEST_CASE("Lanczos residuals bound the distance from each extreme Ritz value to an eigenvalue") {
  const Matrix a = random_symmetric(150, 9);
  const Vector dense = hessian_spectrum(a).eigenvalues;
  const QuadraticObjective quadratic(a);
  // Too few steps to converge: the Ritz values are off, and the residuals must say by how much.
  for (int steps : {4, 8, 16}) {
    INFO(steps << " steps");
    const ExtremeEigenvalues e = lanczos_extremes(quadratic, Vector::Zero(150), steps);
    const double off_smallest = (dense.array() - e.smallest).abs().minCoeff();
    const double off_largest = (dense.array() - e.largest).abs().minCoeff();
    CHECK(off_smallest <= e.smallest_residual * (1 + 1e-9) + 1e-12);
    CHECK(off_largest <= e.largest_residual * (1 + 1e-9) + 1e-12);
    if (steps == 4) CHECK(e.largest_residual > 1e-2); // not converged: the bound is not trivially 0
  }
  // An invariant subspace (a rank-2 Hessian) stops early with exact values and zero residual.
  Matrix low_rank = Matrix::Zero(50, 50);
  low_rank(3, 3) = -2.0;
  low_rank(7, 7) = 5.0;
  const ExtremeEigenvalues e = lanczos_extremes(QuadraticObjective(low_rank), Vector::Zero(50), 30);
  CHECK(e.iterations == 3); // the Krylov space of a start vector: span{v, Hv, H^2 v}
  CHECK(e.smallest == Approx(-2.0).epsilon(1e-12));
  CHECK(e.largest == Approx(5.0).epsilon(1e-12));
  CHECK(e.largest_residual < 1e-10);
}

TEST_CASE("power iteration returns the eigenvalue of largest magnitude") {
  const PowerIteration positive = power_iteration(
      QuadraticObjective(Eigen::Vector3d(10, -2, 3).asDiagonal().toDenseMatrix()), Vector::Zero(3));
  CHECK(positive.converged);
  CHECK(positive.eigenvalue == Approx(10.0).epsilon(1e-12));
  const PowerIteration negative = power_iteration(
      QuadraticObjective(Eigen::Vector3d(1, -5, 3).asDiagonal().toDenseMatrix()), Vector::Zero(3));
  CHECK(negative.converged);
  CHECK(negative.eigenvalue == Approx(-5.0).epsilon(1e-12));
  const Matrix a = random_symmetric(40, 12);
  const Vector dense = hessian_spectrum(a).eigenvalues;
  const double top = std::abs(dense[0]) > std::abs(dense[39]) ? dense[0] : dense[39];
  const PowerIteration random = power_iteration(QuadraticObjective(a), Vector::Zero(40), 100000);
  CHECK(random.converged);
  CHECK(random.eigenvalue == Approx(top).epsilon(1e-10));
  CHECK(power_iteration(QuadraticObjective(Matrix::Zero(4, 4)), Vector::Zero(4)).eigenvalue == 0.0);
}

TEST_CASE("power iteration does not claim convergence when the extremes are -lambda and +lambda") {
  // The saddle of (w1 w2 - 1)^2 has eigenvalues -2 and +2: the iterates alternate between two
  // vectors with the same Rayleigh quotient, which is neither eigenvalue.
  const PowerIteration p = power_iteration(
      QuadraticObjective(Eigen::Vector2d(-2, 2).asDiagonal().toDenseMatrix()), Vector::Zero(2), 500);
  CHECK_FALSE(p.converged);
  CHECK(p.iterations == 500);
  CHECK(p.residual > 0.1);
}

TEST_CASE("dense Hessians of networks are symmetric and match finite differences of gradients, for every "
          "activation, loss and the added neuron") {
  const Activation activations[] = {Activation::linear, Activation::tanh, Activation::sigmoid,
                                    Activation::relu, Activation::sine};
  std::uint64_t seed = 40;
  for (Activation activation : activations)
    for (LossKind loss : {LossKind::squared, LossKind::half_squared, LossKind::cross_entropy})
      for (bool neuron : {false, true}) {
        const NetworkObjective f = small_network(activation, loss, neuron, ++seed);
        Random rng(seed);
        Vector theta(f.dimension());
        for (Eigen::Index i = 0; i < theta.size(); ++i) theta[i] = rng.normal(0, 0.7);
        INFO(to_string(activation) << ", " << to_string(loss) << (neuron ? ", with neuron" : ""));
        const DenseHessian h = dense_hessian(f, theta);
        CHECK(h.asymmetry <= 1e-12 * std::max(1.0, h.matrix.cwiseAbs().maxCoeff()));
        // Column j against central differences of the gradient along e_j.
        Matrix columns(f.dimension(), f.dimension());
        for (Eigen::Index j = 0; j < f.dimension(); ++j)
          columns.col(j) =
              testing::finite_difference_hessian_vector(f, theta, Vector::Unit(f.dimension(), j));
        CHECK((columns - h.matrix).norm() / h.matrix.norm() < 1e-6);
      }
}

TEST_CASE("Hessian-vector products in packs equal the one-direction product bit for bit") {
  const Activation activations[] = {Activation::tanh, Activation::sigmoid, Activation::sine};
  std::uint64_t seed = 70;
  for (Activation activation : activations)
    for (LossKind loss : {LossKind::squared, LossKind::cross_entropy})
      for (bool neuron : {false, true}) {
        const NetworkObjective f = small_network(activation, loss, neuron, ++seed);
        Random rng(seed);
        Vector theta(f.dimension());
        for (Eigen::Index i = 0; i < theta.size(); ++i) theta[i] = rng.normal(0, 0.7);
        // 11 directions: one full pack of 8 and a partial one.
        Matrix directions(f.dimension(), 11), packed;
        for (Eigen::Index i = 0; i < directions.size(); ++i) directions.data()[i] = rng.normal();
        f.hessian_vectors(theta, directions, packed);
        REQUIRE(packed.cols() == 11);
        INFO(to_string(activation) << ", " << to_string(loss) << (neuron ? ", with neuron" : ""));
        for (Eigen::Index j = 0; j < directions.cols(); ++j) {
          Vector single;
          f.hessian_vector(theta, directions.col(j), single);
          CHECK(packed.col(j) == single);
        }
      }
}

TEST_CASE("network Hessians are symmetric up to rounding") {
  NetworkObjective f = deep_linear({3});
  Random rng(2);
  Vector theta(f.dimension());
  for (Eigen::Index i = 0; i < theta.size(); ++i) theta[i] = rng.normal();
  CHECK(dense_hessian(f, theta).asymmetry < 1e-12);
}

TEST_CASE("the 2-3-1 linear network: eigenvalues -1.11803 x3, 0 x3, +1.11803 x3 at the origin") {
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
