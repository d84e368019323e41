#include "surfaces.hpp"
#include "critical_points.hpp"
#include "curvature.hpp"
#include "optimizer.hpp"
#include "scenario.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace landscape;
using namespace landscape::testing;

namespace {
Surface surface(const std::string& name, double a = 1.0, double b = 1.0) {
  return **make_surface(name, a, b);
}
Vector point(double x, double y) { return (Vector(2) << x, y).finished(); }
} // namespace

TEST_CASE("every surface's gradient and Hessian-vector product match finite differences") {
  for (const std::string& name : surface_names()) {
    const Surface f = surface(name, 5.0, 1.0);
    for (const auto& [x, y] : {std::pair{0.3, -0.7}, std::pair{-1.1, 0.4}, std::pair{0.9, 1.3}}) {
      INFO(name << " at (" << x << ", " << y << ")");
      Vector g;
      f.value_and_gradient(point(x, y), g);
      CHECK(relative_error(g, finite_difference_gradient(f, point(x, y))) < 1e-6);
      const Vector v = point(0.6, -0.8);
      Vector hv;
      f.hessian_vector(point(x, y), v, hv);
      CHECK(relative_error(hv, finite_difference_hessian_vector(f, point(x, y), v)) < 1e-6);
      CHECK(dense_hessian(f, point(x, y)).asymmetry == 0.0);
    }
  }
  CHECK_THAT(make_surface("volcano").error(), Catch::StartsWith("surface: unknown kind 'volcano'"));
}

TEST_CASE("(w1 w2 - 1)^2 x^2: the origin is a saddle with eigenvalues -2x^2, +2x^2") {
  const Surface f1 = surface("product", 1.0), f2 = surface("product", 2.0);
  const auto e1 = hessian_spectrum(f1, point(0, 0)).eigenvalues,
             e2 = hessian_spectrum(f2, point(0, 0)).eigenvalues;
  CHECK(e1[0] == Approx(-2.0));
  CHECK(e1[1] == Approx(2.0));
  CHECK(e2[0] == Approx(-8.0));
  CHECK(e2[1] == Approx(8.0));
  CHECK(f1.value(point(0, 0)) == 1.0);
  CHECK(classify(f1, point(0, 0)).kind == PointKind::saddle);
  CHECK(classify(f1, point(0, 0)).index == 0.5);
  // On the hyperbola: eigenvalues 0 and 2 (w1^2 + w2^2): 4, 8.5, 200.02; degenerate (PSD).
  const std::tuple<double, double, double> minima[] = {{1, 1, 4.0}, {2, 0.5, 8.5}, {10, 0.1, 200.02}};
  for (const auto& [u, v, top] : minima) {
    const auto e = hessian_spectrum(f1, point(u, v)).eigenvalues;
    CHECK(e[0] == Approx(0.0).margin(1e-12));
    CHECK(e[1] == Approx(top).epsilon(1e-12));
    CHECK(classify(f1, point(u, v)).kind == PointKind::degenerate);
  }
}

TEST_CASE("5x^2 - y^2: H = diag(10, -2), index 1/2") {
  const Surface f = surface("saddle", 5.0, 1.0);
  const DenseHessian h = dense_hessian(f, point(0.4, -0.3));
  CHECK(h.matrix(0, 0) == 10.0);
  CHECK(h.matrix(1, 1) == -2.0);
  CHECK(h.matrix(0, 1) == 0.0);
  const PointClassification c = classify(f, point(0, 0));
  CHECK(c.kind == PointKind::saddle);
  CHECK(c.index == 0.5);
  CHECK(c.negative == 1);
  CHECK(classify(f, point(0.1, 0)).kind == PointKind::not_critical);
}

TEST_CASE("the monkey saddle is degenerate at the origin, elsewhere its eigenvalues are +-6 r") {
  const Surface f = surface("monkey");
  CHECK(dense_hessian(f, point(0, 0)).matrix.isZero());
  CHECK(classify(f, point(0, 0)).kind == PointKind::degenerate);
  const auto e = hessian_spectrum(f, point(0.3, -0.4)).eigenvalues;
  CHECK(e[0] == Approx(-6 * 0.5));
  CHECK(e[1] == Approx(6 * 0.5));
}

TEST_CASE("the three-layer product's Hessian vanishes at the origin: a degenerate saddle") {
  const Surface f = surface("product3");
  CHECK(dense_hessian(f, point(0, 0)).matrix.isZero(0.0));
  CHECK(classify(f, point(0, 0)).kind == PointKind::degenerate);
  // ... yet the loss decreases at third order along the diagonal w1 = w2 = w3 = s: (1 - s^3)^2.
  CHECK(f.value(point(0.1, 0)) == Approx(std::pow(1 - 1e-3, 2)).epsilon(1e-14));
}

TEST_CASE("the three-layer slice is (w1 w2 w3 - 1)^2 at w = (s + t, s - t, s)") {
  for (const auto& [s, t] : {std::pair{0.3, -0.7}, std::pair{-1.1, 0.4}, std::pair{1.5, 1.2}}) {
    const double product = (s + t) * (s - t) * s;
    CHECK(surface("product3").value(point(s, t)) == Approx((product - 1) * (product - 1)).epsilon(1e-14));
  }
}

TEST_CASE("the listed critical points are critical and of the listed kind") {
  for (const std::string& name : surface_names()) {
    const Surface f = surface(name);
    for (const KnownCriticalPoint& p : f.critical_points()) {
      INFO(name << " (" << p.x << ", " << p.y << ") " << p.kind);
      const PointClassification c = classify(f, point(p.x, p.y));
      CHECK(c.gradient_norm < 1e-9);
      CHECK(to_string(c.kind) == p.kind);
    }
  }
  // The wells have four minima of four different depths.
  const Surface wells = surface("wells");
  std::vector<double> depths;
  for (const auto& p : wells.critical_points())
    if (p.kind == "minimum") depths.push_back(wells.value(point(p.x, p.y)));
  REQUIRE(depths.size() == 4);
  std::sort(depths.begin(), depths.end());
  CHECK(std::adjacent_find(depths.begin(), depths.end()) == depths.end());
}

TEST_CASE("the lowest value is the value of the deepest listed minimum, NaN where unbounded below") {
  for (const std::string& name : surface_names()) {
    const Surface f = surface(name);
    INFO(name);
    if (name == "saddle" || name == "monkey") {
      CHECK(std::isnan(f.lowest_value()));
      continue;
    }
    double deepest = 1e300;
    for (const KnownCriticalPoint& p : f.critical_points())
      if (p.kind == "minimum" ||
          (p.kind == "degenerate" && name.rfind("product", 0) == 0 && (p.x != 0 || p.y != 0)))
        deepest = std::min(deepest, f.value(point(p.x, p.y)));
    CHECK(f.lowest_value() == Approx(deepest).margin(1e-15));
    // Nothing on a fine grid of the window lies below it.
    const auto [x0, x1, y0, y1] = f.window();
    double grid_lowest = 1e300;
    for (int i = 0; i <= 200; ++i)
      for (int j = 0; j <= 200; ++j)
        grid_lowest =
            std::min(grid_lowest, f.value(point(x0 + (x1 - x0) * i / 200, y0 + (y1 - y0) * j / 200)));
    CHECK(grid_lowest >= f.lowest_value() - 1e-12);
    CHECK(grid_lowest < f.lowest_value() + 0.01);
  }
  CHECK(surface("wells").lowest_value() == Approx(-0.4567).margin(1e-3)); // the deepest of four wells
}

TEST_CASE("critical points found anywhere in a surface's window are listed, or lie on its curve of minima") {
  // Markers must not miss a critical point a reader can run into. From a 9 x 9 grid of starts
  // the finder converges to critical points; each must be a listed one or (product, product3)
  // a global minimum E = 0 of the curve, of which only a few points are listed.
  for (const std::string& name : surface_names()) {
    const Surface f = surface(name, 5.0, 1.0);
    const auto [x0, x1, y0, y1] = f.window();
    int converged = 0;
    for (int i = 0; i <= 8; ++i)
      for (int j = 0; j <= 8; ++j) {
        const Vector start = point(x0 + (x1 - x0) * (i + 0.37) / 9, y0 + (y1 - y0) * (j + 0.61) / 9);
        const CriticalPoint c = find_critical_point(f, start, {500, 1e-10});
        if (!c.converged) continue;
        ++converged;
        double nearest = 1e300;
        for (const KnownCriticalPoint& p : f.critical_points())
          nearest = std::min(nearest, (c.x - point(p.x, p.y)).norm());
        const bool on_minimum_curve = (name == "product" || name == "product3") && c.value < 1e-18;
        INFO(name << ": found (" << c.x[0] << ", " << c.x[1] << ") from (" << start[0] << ", " << start[1]
                  << ")");
        // The monkey saddle's degenerate origin is reached only linearly: within 1e-4 of it.
        CHECK((nearest < 1e-4 || on_minimum_curve));
      }
    INFO(name);
    CHECK(converged >= 20);
  }
}

TEST_CASE("optimizer paths on a surface: parsed from the scenario schema, stopped when they leave") {
  const Surface f = surface("product");
  auto newton = parse_optimizer(R"({"kind": "newton", "learning_rate": 1, "damping": 0})");
  REQUIRE(newton.ok());
  auto optimizer = std::move(*make_optimizer(*newton, 1));
  const auto path = optimizer_path(f, *optimizer, {0.2, 0.1}, 30);
  CHECK(path.size() == 31);
  CHECK(std::hypot(path.back()[0], path.back()[1]) < 1e-12); // Newton lands on the saddle
  // A step far too large: the path stops once it leaves the window by ten window sizes.
  auto wild = std::move(*make_optimizer(*parse_optimizer(R"({"kind": "gd", "learning_rate": 5})"), 1));
  CHECK(optimizer_path(f, *wild, {1.5, 1.5}, 100).size() < 10);
  CHECK_THAT(parse_optimizer(R"({"kind": "gd", "learning_rate": -1})").error(),
             Catch::StartsWith("optimizer.learning_rate: must be > 0"));
  CHECK_THAT(parse_optimizer(R"({"kind": "bfgs"})").error(),
             Catch::StartsWith("optimizer.kind: unknown kind 'bfgs'"));
}
