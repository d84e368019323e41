#include "surfaces.hpp"
#include "critical_points.hpp"
#include "curvature.hpp"
#include "optimizer.hpp"
#include "scenario.hpp"
#include "surface_scenario.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <functional>
#include <set>

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

// Each surface's formula, as the pages show it, is the function the core minimises: the TeX and
// the plain text are checked word for word, and the value of each formula, written by hand
// below from the TeX, against the surface's own value at a few points (with its parameters and
// moved off the origin as an exercise's instance moves it).
TEST_CASE("every surface's formula is its value: TeX, text and the function agree") {
  struct Case {
    std::string name;
    double a, b;
    std::array<double, 2> center;
    std::string tex, text;
    std::function<double(double, double)> written; // the TeX, evaluated by hand
  };
  const std::vector<Case> cases = {
      {"saddle", 1, 1, {0, 0}, "L(x, y) = x^2 - y^2", "L(x, y) = x\u00b2 \u2212 y\u00b2",
       [](double x, double y) { return x * x - y * y; }},
      {"saddle", 5, 0.5, {0, 0}, "L(x, y) = 5 x^2 - 0.5 y^2", "L(x, y) = 5x\u00b2 \u2212 0.5y\u00b2",
       [](double x, double y) { return 5 * x * x - 0.5 * y * y; }},
      {"product", 1, 1, {0, 0}, "L(w_1, w_2) = (w_1 w_2 - 1)^2",
       "L(w\u2081, w\u2082) = (w\u2081w\u2082 \u2212 1)\u00b2",
       [](double u, double v) { return (u * v - 1) * (u * v - 1); }},
      // Input x = 2, target y = x: (2 w1 w2 - 2)^2 = 4 (w1 w2 - 1)^2.
      {"product", 2, 1, {0, 0}, "L(w_1, w_2) = 4 (w_1 w_2 - 1)^2",
       "L(w\u2081, w\u2082) = 4(w\u2081w\u2082 \u2212 1)\u00b2",
       [](double u, double v) { return (2 * u * v - 2) * (2 * u * v - 2); }},
      {"product", 1, 1, {0.25, -1.5}, "L(w_1, w_2) = ((w_1 - 0.25) (w_2 + 1.5) - 1)^2",
       "L(w\u2081, w\u2082) = ((w\u2081 \u2212 0.25)(w\u2082 + 1.5) \u2212 1)\u00b2",
       [](double u, double v) { return ((u - 0.25) * (v + 1.5) - 1) * ((u - 0.25) * (v + 1.5) - 1); }},
      {"product3", 1, 1, {0, 0}, "L(s, t) = (w_1 w_2 w_3 - 1)^2 \\text{ at } (w_1, w_2, w_3) = (s + t, s - t, s)",
       "L(s, t) = (w\u2081w\u2082w\u2083 \u2212 1)\u00b2 at (w\u2081, w\u2082, w\u2083) = (s + t, s \u2212 t, s)",
       [](double s, double t) {
         const double w1 = s + t, w2 = s - t, w3 = s;
         return (w1 * w2 * w3 - 1) * (w1 * w2 * w3 - 1);
       }},
      {"monkey", 1, 1, {0, 0}, "L(x, y) = x^3 - 3 x y^2", "L(x, y) = x\u00b3 \u2212 3xy\u00b2",
       [](double x, double y) { return x * x * x - 3 * x * y * y; }},
      {"rosenbrock", 1, 1, {0, 0}, "L(x, y) = (1 - x)^2 + 100 (y - x^2)^2",
       "L(x, y) = (1 \u2212 x)\u00b2 + 100(y \u2212 x\u00b2)\u00b2",
       [](double x, double y) { return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x); }},
      {"wells", 1, 1, {0, 0}, "L(x, y) = (x^2 - 1)^2 + 0.3 x + (y^2 - 1)^2 + 0.15 y",
       "L(x, y) = (x\u00b2 \u2212 1)\u00b2 + 0.3x + (y\u00b2 \u2212 1)\u00b2 + 0.15y",
       [](double x, double y) { return (x * x - 1) * (x * x - 1) + 0.3 * x + (y * y - 1) * (y * y - 1) + 0.15 * y; }},
      {"monkey", 1, 1, {-0.5, 2}, "L(x, y) = (x + 0.5)^3 - 3 (x + 0.5) (y - 2)^2",
       "L(x, y) = (x + 0.5)\u00b3 \u2212 3(x + 0.5)(y \u2212 2)\u00b2",
       [](double x, double y) { return (x + 0.5) * (x + 0.5) * (x + 0.5) - 3 * (x + 0.5) * (y - 2) * (y - 2); }},
  };
  std::set<std::string> named;
  for (const Case& c : cases) {
    INFO(c.name << " a = " << c.a << ", b = " << c.b << ", moved to (" << c.center[0] << ", " << c.center[1] << ")");
    SurfaceSpec spec;
    spec.name = c.name;
    spec.a = c.a;
    spec.b = c.b;
    const auto made = make_centred_surface(spec, c.center);
    REQUIRE(made);
    const Surface& f = **made;
    CHECK(f.tex() == c.tex);
    CHECK(f.formula() == c.text);
    for (const auto& [x, y] : {std::pair{0.0, 0.0}, std::pair{0.3, -0.7}, std::pair{-1.1, 0.4}, std::pair{1.7, 1.3}}) {
      INFO("at (" << x << ", " << y << ")");
      const double expected = c.written(x, y);
      CHECK(f.value(point(x, y)) == Approx(expected).epsilon(1e-12).margin(1e-12));
    }
    named.insert(c.name);
  }
  // Every surface of the core is among them, and the catalog and info carry the same TeX.
  CHECK(named == std::set<std::string>(surface_names().begin(), surface_names().end()));
  const Surface product = surface("product");
  const auto info = nlohmann::json::parse(surface_info_json(product));
  CHECK(info["tex"] == "L(w_1, w_2) = (w_1 w_2 - 1)^2");
  CHECK(info["label"] == "two-weight network");
  CHECK(info["symbols"] == nlohmann::json({"w\u2081", "w\u2082"}));
  // Every surface has a label of its own for the menu.
  std::set<std::string> labels;
  for (const std::string& name : surface_names()) labels.insert(surface_label(name));
  CHECK(labels.size() == surface_names().size());
  CHECK(surface_label("volcano") == "volcano");
}

TEST_CASE("formula numbers: the shortest decimal, a power of ten written out") {
  CHECK(formula_number(4, Notation::tex) == "4");
  CHECK(formula_number(0.15, Notation::tex) == "0.15");
  CHECK(formula_number(-2.5, Notation::text) == "\u22122.5");
  CHECK(formula_number(1e-7, Notation::tex) == "1 \\times 10^{-7}");
  CHECK(formula_number(3e20, Notation::text) == "3\u00d710\u00b2\u2070");
}
