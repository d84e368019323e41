#include "curvature/critical_points.hpp"
#include "curvature/critical_point_survey.hpp"
#include "model/network.hpp"
#include "model/surfaces.hpp"
#include "numerics/random.hpp"
#include "test_support.hpp"
#include "training/training.hpp"

#include <limits>

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

// The index-versus-loss widget's survey of the 1-3-3-1 network (66 searches: no minimum at high
// loss, minima of different depth) is asserted on the wasm core in tests/wasm/long-runs.test.mjs:
// under the sanitizers it took seven minutes.

// A page passes the seed, the scale and the iteration count as JavaScript numbers: 1e300,
// Infinity and 2^64 once all became one start (a cast to uint64), and 2^31 iterations were
// reported as -2147483648 (an int's wrap in the bindings). The core reads them now.
TEST_CASE("a page's critical-point request: every argument is read by the core and refused by name") {
  const std::string rescue = testing::read_text(std::string(LANDSCAPE_SOURCE_DIR) + "/scenarios/rescue.json");
  auto training = Training::create(*parse_scenario(rescue));
  REQUIRE(training);
  const Training& t = **training;
  for (double seed : {1e300, std::numeric_limits<double>::infinity(), 18446744073709551616.0, 0.5, -2.0,
                      std::numeric_limits<double>::quiet_NaN()}) {
    INFO(seed);
    auto refused = critical_point_request(t, seed, 1, 10);
    REQUIRE_FALSE(refused);
    CHECK_THAT(refused.error(),
               Catch::StartsWith("seed: must be a whole number from -1 to 9,007,199,254,740,992"));
  }
  CHECK(critical_point_request(t, 1e300, 1, 10).error() ==
        "seed: must be a whole number from -1 to 9,007,199,254,740,992 (got 1e+300); -1 starts from the "
        "current "
        "parameters");
  CHECK_THAT(critical_point_request(t, 1, std::numeric_limits<double>::quiet_NaN(), 10).error(),
             Catch::StartsWith("scale: must be a number above 0"));
  CHECK_THAT(critical_point_request(t, 1, 1e300, 10).error(),
             Catch::StartsWith("scale: must be a number above 0"));
  CHECK(critical_point_request(t, 1, 1, 2147483648.0).error() ==
        "iterations: must be a whole number from 0 to 100,000 (got 2147483648)");
  // Accepted: -0 is the seed 0; -1 polishes the current parameters; the same seed, the same point.
  auto zero = critical_point_request(t, -0.0, 1, 10);
  REQUIRE(zero);
  CHECK(*zero == *critical_point_request(t, 0, 1, 10));
  CHECK(critical_point_request(t, -1, 1, 10));
}

TEST_CASE("a critical-point request over the budget of work is refused before it runs") {
  // 1-40-40-1: 1,761 parameters on 3 points; 100,000 iterations of a dense Hessian of that size.
  const std::string text = R"({"data": {"kind": "inline", "x": [[0.5], [1], [2]], "y": [[1], [0], [1]]},
    "model": {"inputs": 1, "layers": [{"units": 40}, {"units": 40}, {"units": 1}]}, "steps": 1})";
  auto training = Training::create(*parse_scenario(text));
  REQUIRE(training);
  auto refused = critical_point_request(**training, 1, 1, 100000);
  REQUIRE_FALSE(refused);
  CHECK_THAT(
      refused.error(),
      Catch::StartsWith("iterations: 100,000 iterations of the finder on 1,761 parameters needs about"));
  CHECK_THAT(refused.error(), Catch::Contains("more than the 4e+09 one search may take"));
}
