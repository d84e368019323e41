#include "critical_points.hpp"
#include "network.hpp"
#include "random.hpp"
#include "surfaces.hpp"
#include "test_support.hpp"
#include "training.hpp"

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

TEST_CASE("critical points of the 1-3-3-1 network: no minimum at high loss, minima of different depth") {
  // Dauphin et al. 2014 in miniature, as the index-versus-loss widget runs it on the network
  // of scenarios/spectrum-while-training.json: the finder from random starts (it reaches
  // saddles as readily as minima), and the finder polishing where saddle-free Newton got to
  // after 30, 100 and 1000 steps from other random starts (that reaches the minima).
  const Scenario base = testing::load_scenario("spectrum-while-training");
  struct Found {
    double loss;
    PointClassification point;
  };
  std::vector<Found> found;
  const auto keep = [&](const CriticalPoint& c) {
    if (c.converged) found.push_back({c.value, c.classification});
  };
  {
    auto t = std::move(*Training::create(base));
    for (std::uint64_t seed = 1; seed <= 30; ++seed) {
      Random rng(seed);
      Vector theta(t->parameters().size());
      for (Eigen::Index i = 0; i < theta.size(); ++i) theta[i] = rng.normal(0.0, 1.0);
      keep(find_critical_point(t->objective(), theta, {2000, 1e-8}));
    }
  }
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    Scenario s = base;
    s.seed = seed;
    s.data.seed = base.seed; // the same 40 points for every start
    s.init.scale = 0.5;
    s.optimizer.kind = "saddle_free_newton";
    s.optimizer.learning_rate = 1.0;
    s.optimizer.damping = 0.01;
    auto t = std::move(*Training::create(s));
    long long at = 0;
    for (long long stop : {30, 100, 1000}) {
      t->advance(stop - at);
      at = stop;
      keep(find_critical_point(t->objective(), t->parameters(), {1000, 1e-8}));
    }
  }
  REQUIRE(found.size() >= 20);
  // Found here: minima at L = 0.0089 and 0.0109, saddles of index 1/22 at 0.011, saddles of
  // index 2/22 to 5/22 at 0.022-0.024, and saddles or degenerate points at 0.2463 (the network
  // predicts the mean).
  double lowest_minimum = 1e300, highest_minimum = 0.0, low_index = 0.0, middle_index = 0.0;
  int minima = 0, low = 0, middle = 0, high = 0;
  for (const Found& f : found) {
    if (f.point.kind == PointKind::minimum) {
      ++minima;
      lowest_minimum = std::min(lowest_minimum, f.loss);
      highest_minimum = std::max(highest_minimum, f.loss);
    }
    if (f.loss > 0.015) CHECK(f.point.kind != PointKind::minimum); // no minimum at high loss
    if (f.loss < 0.015)
      ++low, low_index += f.point.index;
    else if (f.loss < 0.2)
      ++middle, middle_index += f.point.index;
    else
      ++high;
  }
  CHECK(minima >= 5);
  CHECK(high >= 5);
  REQUIRE(middle >= 3);
  CHECK(middle_index / middle > 2 * low_index / low); // the index grows with the loss
  CHECK(highest_minimum > 1.1 * lowest_minimum);      // a bad local minimum, if a shallow one
}
