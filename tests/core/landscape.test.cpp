#include "landscape/landscape.hpp"

#include "curvature/curvature.hpp"
#include "model/network.hpp"
#include "numerics/random.hpp"
#include "test_support.hpp"
#include "training/optimizer.hpp"

#include <Eigen/Cholesky>
#include <catch2/catch.hpp>

#include <cstring>

using namespace landscape;
using namespace landscape::testing;

namespace {

bool same_bits(const Matrix& a, const Matrix& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() &&
         std::memcmp(a.data(), b.data(), sizeof(double) * std::size_t(a.size())) == 0;
}

double relative_difference(double a, double b) {
  return std::abs(a - b) / std::max(std::abs(a), std::abs(b));
}

// 2 inputs, hidden layers of the given widths and activation, one linear output; m seeded
// points with targets from a fixed smooth function.
NetworkObjective seeded_network(std::vector<int> hidden, Activation activation, bool neuron, int points,
                                std::uint64_t seed) {
  Random rng(seed);
  Dataset data;
  data.x.resize(points, 2);
  data.y.resize(points, 1);
  // data.x is (points, 2), data.y is (points, 1)
  for (int i = 0; i < points; ++i) {
    data.x(i, 0) = rng.uniform(-1.5, 1.5);
    data.x(i, 1) = rng.uniform(-1.5, 1.5);
    data.y(i, 0) = std::sin(data.x(i, 0)) * data.x(i, 1);
  }
  NetworkSpec spec{2, {}};
  for (int units : hidden) spec.layers.push_back({units, activation, true});
  spec.layers.push_back({1, Activation::linear, true});
  return NetworkObjective(spec, LossKind::half_squared, data, AddedNeuronSpec{neuron, 0.1});
}

// The toy set of the mode-connectivity test, written out: 12 points of two classes (+-1)
// in the plane, an xor pattern with a little jitter, for a 2-4-1 tanh network.
NetworkObjective xor_network() {
  Dataset data;
  data.x.resize(12, 2);
  data.y.resize(12, 1);
  data.x << 1.0, 1.1, 0.9, 0.8, 1.2, 0.9, -1.0, -0.9, -0.8, -1.1, -1.1, -1.2, //
      1.0, -1.0, 0.8, -1.2, 1.1, -0.9, -1.0, 1.0, -1.2, 0.9, -0.9, 1.1;
  data.y << 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1, -1;
  NetworkSpec spec{2, {{4, Activation::tanh, true}, {1, Activation::tanh, true}}};
  return NetworkObjective(spec, LossKind::half_squared, data, {});
}

// Adam from seeded weights of size 0.5: a minimum of f (the seed picks which one).
Vector train(const Objective& f, std::uint64_t seed, int steps) {
  Random rng(seed);
  Vector x = random_vector(f.dimension(), rng, 0.5);
  Adam adam(0.02, 0.9, 0.999, 1e-8);
  for (int s = 0; s < steps; ++s) adam.step(f, x);
  return x;
}

} // namespace

TEST_CASE("filter normalisation: every row block has the norm of theta's block, biases and a, b are zero") {
  for (bool neuron : {false, true}) {
    NetworkObjective f = seeded_network({3, 4}, Activation::tanh, neuron, 9, 5);
    Random rng(11);
    const Vector theta = random_vector(f.dimension(), rng);
    const FilterBlocks blocks = filter_blocks(f.network(), neuron);
    REQUIRE(blocks.dimension == f.dimension());
    // Every entry belongs to exactly one row block or is zeroed.
    std::vector<int> covered(std::size_t(f.dimension()), 0);
    for (const RowBlock& row : blocks.rows)
      for (Eigen::Index j = 0; j < row.length; ++j) ++covered[std::size_t(row.offset + j)];
    for (Eigen::Index j : blocks.zeroed) ++covered[std::size_t(j)];
    CHECK(std::count(covered.begin(), covered.end(), 1) == f.dimension());
    // 2-3-4-1: rows 3 + 4 + 1 (+ 1 of the neuron's W), zeroed biases 3 + 4 + 1 (+ a, b).
    CHECK(blocks.rows.size() == (neuron ? 9u : 8u));
    CHECK(blocks.zeroed.size() == (neuron ? 10u : 8u));

    const Plane plane = filter_normalized_plane(f, theta, 3);
    for (const Vector* d : {&plane.d1, &plane.d2}) {
      for (const RowBlock& row : blocks.rows) {
        const double expected = theta.segment(row.offset, row.length).norm();
        CHECK(d->segment(row.offset, row.length).norm() == Approx(expected).epsilon(1e-14));
      }
      for (Eigen::Index j : blocks.zeroed) CHECK((*d)[j] == 0.0);
    }
    // The neuron's W row (the last block) is in the last d_x entries.
    if (neuron) CHECK(blocks.rows.back().offset == f.dimension() - 2);
  }
}

TEST_CASE("a 2-D slice at (0, 0) is the loss at theta exactly, and row chunks give the same bits") {
  NetworkObjective f = seeded_network({5}, Activation::tanh, true, 20, 2);
  Random rng(4);
  const Vector theta = random_vector(f.dimension(), rng);
  const Plane plane = filter_normalized_plane(f, theta, 9);
  SliceGrid grid;
  grid.columns = 9; // alpha = -1, -0.75, ..., 1: column 4 is 0
  grid.rows = 5;    // beta = -0.5, 0, ...: row 1 is 0
  grid.beta0 = -0.5;
  grid.beta1 = 1.5;
  REQUIRE(check_grid(grid).empty());
  const Matrix whole = slice(f, plane, grid);
  CHECK(grid.alphas()[4] == 0.0);
  CHECK(grid.betas()[1] == 0.0);
  CHECK(whole(1, 4) == f.value(theta));
  Matrix chunks = Matrix::Constant(grid.rows, grid.columns, -1.0);
  for (int r = 0; r < grid.rows; r += 2) fill_slice_rows(f, plane, grid, r, r + 2, chunks);
  CHECK(same_bits(whole, chunks));
  // Corner: the documented point (origin + alpha d1) + beta d2.
  CHECK(whole(4, 0) == f.value(Vector(theta + -1.0 * plane.d1 + 1.5 * plane.d2)));

  grid.columns = 0;
  CHECK(check_grid(grid) == "columns: must be 1..2048 (got 0)");
}

TEST_CASE("1-D interpolation at t = 0 and t = 1 is the end points' loss exactly") {
  NetworkObjective f = seeded_network({4}, Activation::tanh, false, 15, 8);
  Random rng(2);
  const Vector theta0 = random_vector(f.dimension(), rng), theta1 = random_vector(f.dimension(), rng);
  const LineSlice line = interpolate(f, theta0, theta1, 9); // t = -0.5, -0.25, ..., 1.5
  REQUIRE(line.t.size() == 9);
  CHECK(line.t[0] == -0.5);
  CHECK(line.t[2] == 0.0);
  CHECK(line.t[6] == 1.0);
  CHECK(line.t[8] == 1.5);
  CHECK(line.loss[2] == f.value(theta0));
  CHECK(line.loss[6] == f.value(theta1));
  // The default 401 points of Li et al. hit 0 and 1 too.
  const Vector t = even_grid(-0.5, 1.5, 401);
  CHECK(t[100] == 0.0);
  CHECK(t[300] == 1.0);
}

TEST_CASE("trajectory PCA: orthonormal directions, shares in [0, 1] summing to <= 1, the end at the origin") {
  NetworkObjective f = seeded_network({4}, Activation::tanh, false, 15, 3);
  Random rng(6);
  Vector x = random_vector(f.dimension(), rng);
  GradientDescent gd(0.1);
  std::vector<Vector> trajectory{x};
  for (int s = 1; s <= 400; ++s) {
    gd.step(f, x);
    if (s % 10 == 0) trajectory.push_back(x);
  }
  auto pca = trajectory_pca(trajectory);
  REQUIRE(pca.ok());
  CHECK(pca->direction1.norm() == Approx(1.0).epsilon(1e-14));
  CHECK(pca->direction2.norm() == Approx(1.0).epsilon(1e-14));
  CHECK(std::abs(pca->direction1.dot(pca->direction2)) < 1e-14);
  CHECK(pca->explained1 >= 0.0);
  CHECK(pca->explained1 <= 1.0);
  CHECK(pca->explained2 >= 0.0);
  CHECK(pca->explained2 <= pca->explained1);
  CHECK(pca->explained1 + pca->explained2 <= 1.0);
  CHECK(pca->explained1 > 0.5); // gradient descent paths are nearly one-dimensional
  REQUIRE(pca->coordinates.rows() == Eigen::Index(trajectory.size()));
  CHECK(pca->coordinates(pca->coordinates.rows() - 1, 0) == 0.0);
  CHECK(pca->coordinates(pca->coordinates.rows() - 1, 1) == 0.0);
  CHECK(pca->coordinates(0, 0) >= 0.0);
  // The covariance route (more points than parameters) agrees with the Gram route.
  std::vector<Vector> small;
  for (int i = 0; i < 8; ++i) small.push_back(trajectory[std::size_t(i)].head(5));
  auto gram = trajectory_pca(small);
  std::vector<Vector> smaller;
  for (int i = 0; i < 8; ++i) smaller.push_back(trajectory[std::size_t(i)].head(3));
  auto covariance = trajectory_pca(smaller); // 7 rows, 3 parameters
  REQUIRE(gram.ok());
  REQUIRE(covariance.ok());
  CHECK(std::abs(covariance->direction1.dot(covariance->direction2)) < 1e-14);
  CHECK(covariance->explained1 + covariance->explained2 <= 1.0 + 1e-15);
  CHECK(covariance->coordinates(7, 0) == 0.0);
}

TEST_CASE("trajectory PCA of a straight path: one direction explains it all; bad input is refused") {
  Vector start(4), end(4);
  start << 1, 2, 3, 4;
  end << 0, 0, 0, 0;
  std::vector<Vector> line;
  for (int i = 0; i <= 10; ++i) line.push_back((1.0 - i / 10.0) * start + (i / 10.0) * end);
  auto pca = trajectory_pca(line);
  REQUIRE(pca.ok());
  CHECK(pca->explained1 == Approx(1.0).epsilon(1e-12));
  CHECK(pca->explained2 < 1e-12);
  CHECK(std::abs(pca->direction1.dot(start.normalized())) == Approx(1.0).epsilon(1e-12));
  CHECK(std::abs(pca->direction1.dot(pca->direction2)) < 1e-14);
  CHECK(pca->direction2.norm() == Approx(1.0).epsilon(1e-14));

  CHECK_FALSE(trajectory_pca({start}).ok());
  CHECK_FALSE(trajectory_pca({start, start, end}).ok()); // the points before the last never move
  CHECK_THAT(trajectory_pca({start, Vector(3)}).error(), Catch::Contains("trajectory[0]"));
}

TEST_CASE(
    "rescaling a ReLU layer keeps every output, changes the sharpness, keeps filter-normalised slices") {
  NetworkObjective f = seeded_network({4, 3}, Activation::relu, false, 16, 21);
  Random rng(5);
  const Vector theta = random_vector(f.dimension(), rng);
  // The second hidden layer (relu) times 3, the output layer's W divided by 3.
  const double alpha = 3.0;
  auto rescaled = rescale_layers(f.network(), false, theta, 1, alpha);
  REQUIRE(rescaled.ok());

  const Matrix before = f.predict(theta, f.data().x), after = f.predict(*rescaled, f.data().x);
  for (Eigen::Index i = 0; i < before.rows(); ++i)
    CHECK(relative_difference(before(i, 0), after(i, 0)) < 1e-12);
  CHECK(relative_difference(f.value(theta), f.value(*rescaled)) < 1e-12);

  // The largest eigenvalue (Lanczos with n steps: exact up to rounding) changes a lot: measured
  // 1.877 -> 3.691. (Rescaling the first layer instead moves it by 1.4 % only: the top
  // eigenvector lies mostly outside the blocks that rescaling stretches.)
  const int n = int(f.dimension());
  const double sharp_before = sharpness(f, theta, n).largest,
               sharp_after = sharpness(f, *rescaled, n).largest;
  CHECK(sharp_before == Approx(hessian_spectrum(f, theta).eigenvalues.maxCoeff()).epsilon(1e-9));
  CHECK(sharp_before == Approx(1.877).epsilon(1e-3));
  CHECK(sharp_after == Approx(3.691).epsilon(1e-3));

  // The same Gaussian draw, filter-normalised at theta and at the rescaled theta: the slices agree.
  Random draw(17);
  const Vector gaussian = gaussian_direction(f.dimension(), draw);
  const FilterBlocks blocks = filter_blocks(f.network(), false);
  const LineSlice normalized = direction_slice(f, theta, filter_normalize(gaussian, theta, blocks), 21);
  const LineSlice normalized_after =
      direction_slice(f, *rescaled, filter_normalize(gaussian, *rescaled, blocks), 21);
  for (int i = 0; i < 21; ++i)
    CHECK(relative_difference(normalized.loss[i], normalized_after.loss[i]) < 1e-10);
  // Along the raw Gaussian direction the two slices differ: the picture depends on the scale.
  const LineSlice raw = direction_slice(f, theta, gaussian, 21);
  const LineSlice raw_after = direction_slice(f, *rescaled, gaussian, 21);
  double largest_change = 0.0;
  for (int i = 0; i < 21; ++i)
    largest_change = std::max(largest_change, relative_difference(raw.loss[i], raw_after.loss[i]));
  CHECK(largest_change > 0.1);

  CHECK_THAT(rescale_layers(f.network(), false, theta, 1, 0.0).error(), Catch::Contains("alpha"));
  CHECK_THAT(rescale_layers(f.network(), false, theta, 2, 2.0).error(),
             Catch::Contains("layer: must be 0..1"));
  NetworkObjective smooth = seeded_network({3}, Activation::tanh, false, 4, 1);
  CHECK_THAT(rescale_layers(smooth.network(), false, Vector::Zero(smooth.dimension()), 0, 2.0).error(),
             Catch::Contains("model.layers[0].activation"));
}

TEST_CASE(
    "curves: the coefficients sum to 1, phi(0) = w1 and phi(1) = w2 exactly, the chain bends at t = 1/2") {
  Random rng(3);
  const Vector w1 = random_vector(6, rng), c = random_vector(6, rng), w2 = random_vector(6, rng);
  for (CurveKind kind : {CurveKind::bezier, CurveKind::polychain}) {
    CHECK(same_bits(curve_point(kind, w1, c, w2, 0.0), w1));
    CHECK(same_bits(curve_point(kind, w1, c, w2, 1.0), w2));
    for (double t : {0.0, 0.1, 0.3, 0.5, 0.77, 1.0}) {
      const CurveCoefficients k = curve_coefficients(kind, t);
      CHECK(k.start + k.bend + k.end == Approx(1.0).epsilon(1e-15));
    }
  }
  CHECK(same_bits(curve_point(CurveKind::polychain, w1, c, w2, 0.5), c));
  CHECK(relative_error(curve_point(CurveKind::bezier, w1, c, w2, 0.5), 0.25 * w1 + 0.5 * c + 0.25 * w2) <
        1e-15);
}

TEST_CASE("a trained Bezier curve keeps its end points and stays below the straight line's barrier") {
  NetworkObjective f = xor_network();
  const Vector w1 = train(f, 1, 3000), w2 = train(f, 2, 3000);
  const double end_loss = std::max(f.value(w1), f.value(w2));
  const LineSlice line = interpolate(f, w1, w2, 41, 0.0, 1.0);
  const double line_barrier = line.loss.maxCoeff();

  for (CurveKind kind : {CurveKind::bezier, CurveKind::polychain}) {
    CurveTrainingOptions options;
    options.kind = kind;
    options.learning_rate = 0.02;
    CurveTrainer trainer(f, w1, w2, options);
    trainer.step(1500);
    CHECK(trainer.steps() == 1500);
    CHECK(same_bits(trainer.start(), w1));
    CHECK(same_bits(trainer.end(), w2));
    const LineSlice curve = trainer.losses(41);
    CHECK(curve.loss[0] == f.value(w1));
    CHECK(curve.loss[40] == f.value(w2));
    const double curve_barrier = curve.loss.maxCoeff();
    INFO(to_string(kind) << ": end points " << end_loss << ", line max " << line_barrier << ", curve max "
                         << curve_barrier);
    // Measured: end points 4.5e-5, the line's barrier 0.969, the Bezier curve's largest loss
    // 0.0065 and the chain's 0.0095 after 1,500 steps: the two minima are connected.
    CHECK(curve_barrier < 0.02 * line_barrier);
    CHECK(curve_barrier < 0.012);
  }
}

TEST_CASE("the convexity map of a quadratic is |lambda_min / lambda_max| everywhere") {
  Matrix a = Matrix::Zero(3, 3);
  a.diagonal() << -1.0, 2.0, 4.0;
  QuadraticObjective f(a);
  Plane plane{Vector::Zero(3), Vector::Unit(3, 0), Vector::Unit(3, 1)};
  SliceGrid grid;
  grid.columns = 3;
  grid.rows = 2;
  ConvexityMap map = make_convexity_map(grid);
  fill_convexity_rows(f, plane, grid, 0, grid.rows, map, 3);
  for (int r = 0; r < grid.rows; ++r)
    for (int c = 0; c < grid.columns; ++c) {
      CHECK(map.smallest(r, c) == Approx(-1.0).epsilon(1e-12));
      CHECK(map.largest(r, c) == Approx(4.0).epsilon(1e-12));
      CHECK(map.ratio(r, c) == Approx(0.25).epsilon(1e-12));
    }
}

TEST_CASE("the same seed gives the same bits: directions, slices, convexity, PCA and curve training") {
  NetworkObjective f = seeded_network({4}, Activation::tanh, true, 12, 4);
  Random rng(8);
  const Vector theta = random_vector(f.dimension(), rng);
  const Plane p1 = filter_normalized_plane(f, theta, 42), p2 = filter_normalized_plane(f, theta, 42);
  CHECK(same_bits(p1.d1, p2.d1));
  CHECK(same_bits(p1.d2, p2.d2));
  CHECK_FALSE(same_bits(p1.d1, filter_normalized_plane(f, theta, 43).d1));
  CHECK_FALSE(same_bits(p1.d1, p1.d2));
  const Plane g1 = gaussian_plane(theta, 42), g2 = gaussian_plane(theta, 42);
  CHECK(same_bits(g1.d2, g2.d2));

  SliceGrid grid;
  grid.columns = grid.rows = 7;
  CHECK(same_bits(slice(f, p1, grid), slice(f, p2, grid)));
  ConvexityMap m1 = make_convexity_map(grid), m2 = make_convexity_map(grid);
  fill_convexity_rows(f, p1, grid, 0, 2, m1, 10, 5);
  fill_convexity_rows(f, p2, grid, 0, 2, m2, 10, 5);
  CHECK(same_bits(m1.ratio, m2.ratio));

  CurveTrainingOptions options;
  options.seed = 7;
  const Vector w2 = theta + p1.d1;
  CurveTrainer t1(f, theta, w2, options), t2(f, theta, w2, options);
  CHECK(t1.step(25) == t2.step(25));
  CHECK(same_bits(t1.bend(), t2.bend()));
  options.seed = 8;
  CurveTrainer t3(f, theta, w2, options);
  t3.step(25);
  CHECK_FALSE(same_bits(t1.bend(), t3.bend()));
  // Stepping 10 + 15 is stepping 25.
  CurveTrainer t4(f, theta, w2, t1.options());
  t4.step(10);
  t4.step(15);
  CHECK(same_bits(t1.bend(), t4.bend()));
}

TEST_CASE(
    "projecting on a plane: a point of the plane gives back its coordinates, the origin (0, 0) exactly") {
  Random rng(31);
  const Vector theta = random_vector(40, rng);
  const Plane plane = gaussian_plane(theta, 8); // two raw Gaussian directions: not orthogonal
  const PlaneCoordinates origin = project_onto_plane(plane, theta);
  CHECK(origin.alpha == 0.0);
  CHECK(origin.beta == 0.0);
  CHECK(origin.distance == 0.0);
  const PlaneCoordinates on = project_onto_plane(plane, theta + 0.3 * plane.d1 - 0.7 * plane.d2);
  CHECK(std::abs(on.alpha - 0.3) < 1e-12);
  CHECK(std::abs(on.beta + 0.7) < 1e-12);
  CHECK(on.distance < 1e-12 * theta.norm());
  // A component orthogonal to both directions moves nothing but the distance.
  Vector off = random_vector(40, rng);
  const Matrix basis = (Matrix(40, 2) << plane.d1, plane.d2).finished();
  off -= basis * (basis.transpose() * basis).ldlt().solve(basis.transpose() * off);
  const PlaneCoordinates beside = project_onto_plane(plane, theta + 0.3 * plane.d1 - 0.7 * plane.d2 + off);
  CHECK(std::abs(beside.alpha - 0.3) < 1e-10);
  CHECK(std::abs(beside.beta + 0.7) < 1e-10);
  CHECK(relative_difference(beside.distance, off.norm()) < 1e-10);
  // Parallel directions: the projection on d1 alone, no division by a zero determinant.
  const Plane flat{theta, plane.d1, 2.0 * plane.d1};
  const PlaneCoordinates along = project_onto_plane(flat, theta + 0.5 * plane.d1);
  CHECK(std::abs(along.alpha - 0.5) < 1e-12);
  CHECK(along.beta == 0.0);
}

TEST_CASE("on a trajectory's pca plane the projection is the pca coordinates, the final point the origin") {
  const NetworkObjective f = seeded_network({5}, Activation::tanh, false, 20, 6);
  Random rng(2);
  Vector x = random_vector(f.dimension(), rng, 0.5);
  Adam adam(0.02, 0.9, 0.999, 1e-8);
  std::vector<Vector> trajectory{x};
  for (int s = 0; s < 30; ++s) {
    for (int k = 0; k < 10; ++k) adam.step(f, x);
    trajectory.push_back(x);
  }
  auto pca = trajectory_pca(trajectory);
  REQUIRE(pca);
  const Plane plane = pca->plane(trajectory.back());
  const PlaneCoordinates end = project_onto_plane(plane, trajectory.back());
  CHECK(end.alpha == 0.0);
  CHECK(end.beta == 0.0);
  const double scale = pca->coordinates.cwiseAbs().maxCoeff();
  for (std::size_t i = 0; i < trajectory.size(); ++i) {
    const PlaneCoordinates c = project_onto_plane(plane, trajectory[i]);
    CHECK(std::abs(c.alpha - pca->coordinates(Eigen::Index(i), 0)) < 1e-12 * scale);
    CHECK(std::abs(c.beta - pca->coordinates(Eigen::Index(i), 1)) < 1e-12 * scale);
  }
}

TEST_CASE("monotony of a line between t = 0 and 1: rises are found, points outside are ignored") {
  LineSlice line{even_grid(-0.5, 1.5, 9), Vector(9)};
  // t: -0.5 -0.25 0 0.25 0.5 0.75 1 1.25 1.5
  line.loss << 0.1, 5.0, 4.0, 3.0, 2.0, 1.5, 1.0, 7.0, 9.0;
  LineMonotony m = monotony_between(line);
  CHECK(m.decreasing);
  CHECK(m.largest_rise == 0.0);
  CHECK(std::isnan(m.rise_at));
  CHECK(m.positions == 5);
  line.loss[4] = 3.5; // 3.0 -> 3.5 at t = 0.5
  line.loss[5] = 3.7; // 3.5 -> 3.7: a smaller rise
  m = monotony_between(line);
  CHECK_FALSE(m.decreasing);
  CHECK(m.largest_rise == 3.5 - 3.0);
  CHECK(m.rise_at == 0.5);
  line.loss[5] = std::nan("");
  m = monotony_between(line);
  CHECK_FALSE(m.decreasing);
  CHECK(std::isinf(m.largest_rise));
  CHECK(m.rise_at == 0.75);
}

TEST_CASE("the data term along a line uses interpolate's points: equal to the loss without a penalty") {
  const NetworkObjective f = seeded_network({4}, Activation::tanh, false, 15, 9);
  Random rng(4);
  const Vector a = random_vector(f.dimension(), rng), b = random_vector(f.dimension(), rng);
  const LineSlice loss = interpolate(f, a, b, 9), data = interpolate_data_loss(f, a, b, 9);
  CHECK(same_bits(loss.t, data.t));
  CHECK(same_bits(loss.loss, data.loss)); // no penalty: value is the data term
  CHECK(data.loss[2] == f.data_loss(a));  // t = 0
  CHECK(data.loss[6] == f.data_loss(b));  // t = 1
}
