// What the bindings used to compute themselves and now ask the core for: the raw points, the
// field over the input plane, the finder's random start, the surface grid and bounded paths.
#include "curvature/critical_points.hpp"
#include "input/scenario.hpp"
#include "model/surfaces.hpp"
#include "numerics/random.hpp"
#include "test_support.hpp"
#include "training/optimizer.hpp"
#include "training/training.hpp"

#include <catch2/catch.hpp>

using namespace landscape;

TEST_CASE("the raw points are the training points before the input features") {
  Scenario s =
      *parse_scenario(R"json({"seed": 4, "data": {"kind": "circle", "points": 40, "test_fraction": 0.25,
    "features": ["x1", "x2", "x1^2", "sin(x2)"]}, "model": {"inputs": 4, "layers": [{"units": 1}]}})json");
  const DataSplit raw = scenario_raw_data(s);
  const DataSplit features = scenario_data(s);
  REQUIRE(raw.train.size() == 30);
  REQUIRE(raw.test.size() == 10);
  CHECK(raw.train.x.cols() == 2);
  CHECK(apply_features(raw.train.x, s.data.features) == features.train.x);
  CHECK(apply_features(raw.test.x, s.data.features) == features.test.x);
  CHECK(raw.train.y == features.train.y);
  CHECK(raw_input_columns(s) == 2);
}

TEST_CASE("the input-plane field is the network's output at the grid points, then every hidden unit") {
  auto t = std::move(*Training::create(*parse_scenario(R"({"seed": 2, "data": {"kind": "xor", "points": 20,
    "features": ["x1", "x2", "x1*x2"]}, "model": {"inputs": 3, "layers": [{"units": 3}, {"units": 1}]}})")));
  const int n = 5;
  const auto field = input_plane_field(*t, n, {-6, 6, -4, 4}, true);
  REQUIRE(field.ok());
  REQUIRE(field->size() == std::size_t(n * n * (1 + 3)));
  // Point p = row r (from the top, y = 4) and column c (from x = -6).
  const int r = 1, c = 3;
  const double x = -6 + 12.0 * c / (n - 1), y = 4 - 8.0 * r / (n - 1);
  Matrix point(1, 3);
  point << x, y, x * y;
  const Matrix out = t->objective().predict(t->parameters(), point);
  CHECK((*field)[std::size_t(r * n + c)] == out(0, 0));
  const Matrix hidden = t->objective().layer_outputs(t->parameters(), point)[0];
  CHECK((*field)[std::size_t(n * n + 2 * n * n + r * n + c)] == hidden(0, 2));
  CHECK_THAT(input_plane_field(*t, 1, {-6, 6, -6, 6}, false).error(), Catch::StartsWith("n: must be from 2"));
  CHECK_THAT(input_plane_field(*t, 100000, {-6, 6, -6, 6}, false).error(), Catch::StartsWith("n: "));
}

TEST_CASE("the finder's random start is N(0, scale^2) from the core's generator, in order") {
  const Vector start = random_start(5, 7, 0.5);
  Random rng(7);
  for (Eigen::Index i = 0; i < 5; ++i) CHECK(start[i] == 0.5 * rng.normal());
  CHECK(random_start(5, 7, 0.5) == start);
  CHECK(random_start(5, 8, 0.5) != start);
}

TEST_CASE("surface grids and paths: the documented order, and absurd sizes refused with a message") {
  const Surface product = **make_surface("product");
  const auto grid = surface_grid(product, 3, 2);
  REQUIRE(grid.ok());
  REQUIRE(grid->size() == 6);
  Vector p(2);
  p << 0.0, 2.0; // row 0 is the top (y = 2), column 1 the middle (x = 0)
  CHECK((*grid)[1] == product.value(p));
  p << 2.0, -2.0;
  CHECK((*grid)[5] == product.value(p));
  CHECK_THAT(surface_grid(product, 100000, 100000).error(), Catch::StartsWith("grid: nx and ny must be"));
  CHECK_FALSE(surface_grid(product, 1, 10).ok());
  OptimizerSpec gd;
  gd.learning_rate = 0.02;
  CHECK_THAT(surface_path(product, gd, 1, {0.5, 0.5}, 2000000000LL).error(), Catch::StartsWith("steps: "));
  CHECK_FALSE(surface_path(product, gd, 1, {0.5, 0.5}, -1).ok());
  const auto path = surface_path(product, gd, 1, {0.5, 0.5}, 300);
  REQUIRE(path.ok());
  CHECK(path->size() == 301);
}
