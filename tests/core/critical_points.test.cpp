#include "critical_points.hpp"
#include "network.hpp"
#include "random.hpp"
#include "surfaces.hpp"

#include <catch2/catch.hpp>

using namespace landscape;

namespace {
Vector point(double x, double y) { return (Vector(2) << x, y).finished(); }
} // namespace

TEST_CASE("the critical-point finder finds saddles as well as minima, and classifies them") {
  const Surface product = **make_surface("product");
  const CriticalPoint saddle = find_critical_point(product, point(0.2, -0.15));
  CHECK(saddle.converged);
  CHECK(saddle.x.norm() < 1e-8);
  CHECK(saddle.classification.kind == PointKind::saddle);
  const CriticalPoint minimum = find_critical_point(product, point(1.3, 0.9));
  CHECK(minimum.converged);
  CHECK(minimum.x[0] * minimum.x[1] == Approx(1.0).epsilon(1e-9));
  CHECK(minimum.classification.kind == PointKind::degenerate); // PSD with a zero: the hyperbola

  const Surface wells = **make_surface("wells");
  const CriticalPoint top = find_critical_point(wells, point(0.1, -0.1));
  CHECK(top.classification.kind == PointKind::maximum);
  const CriticalPoint low = find_critical_point(wells, point(-1.1, -0.9));
  CHECK(low.classification.kind == PointKind::minimum);
  const CriticalPoint pass = find_critical_point(wells, point(1.1, 0.1));
  CHECK(pass.classification.kind == PointKind::saddle);
  CHECK(pass.classification.index == 0.5);
}

TEST_CASE("critical points of a small tanh network: index tends to grow with the loss") {
  // Dauphin et al. 2014 in miniature: many starts, critical points, loss against index.
  Random rng(11);
  Dataset data;
  data.x.resize(12, 1);
  data.y.resize(12, 1);
  for (int i = 0; i < 12; ++i) data.x(i, 0) = -2 + 4.0 * i / 11, data.y(i, 0) = std::sin(2 * data.x(i, 0));
  const NetworkObjective f({1, {{4, Activation::tanh, true}, {1, Activation::linear, true}}},
                           LossKind::squared, data, {});
  std::vector<std::pair<double, double>> found; // (loss, index)
  for (int start = 0; start < 60; ++start) {
    Vector theta(f.dimension());
    for (Eigen::Index i = 0; i < theta.size(); ++i) theta[i] = rng.normal(0, 1.0);
    // Many starts drift to saturated units (critical points at infinity) and do not converge.
    const CriticalPoint c = find_critical_point(f, theta, {2000, 1e-8});
    if (c.converged) found.push_back({c.value, c.classification.index});
  }
  REQUIRE(found.size() >= 8);
  // The mean index of the higher-loss half exceeds that of the lower-loss half.
  std::sort(found.begin(), found.end());
  double low = 0, high = 0;
  const std::size_t half = found.size() / 2;
  for (std::size_t i = 0; i < half; ++i) low += found[i].second, high += found[found.size() - 1 - i].second;
  CHECK(high > low);
}
