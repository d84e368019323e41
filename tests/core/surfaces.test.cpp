#include "model/surfaces.hpp"
#include "apps/catalog.hpp"
#include "curvature/critical_points.hpp"
#include "curvature/curvature.hpp"
#include "input/scenario.hpp"
#include "input/surface_scenario.hpp"
#include "test_support.hpp"
#include "training/optimizer.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
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
      {"saddle",
       1,
       1,
       {0, 0},
       "L(x, y) = x^2 - y^2",
       "L(x, y) = x\u00b2 \u2212 y\u00b2",
       [](double x, double y) { return x * x - y * y; }},
      {"saddle",
       5,
       0.5,
       {0, 0},
       "L(x, y) = 5 x^2 - 0.5 y^2",
       "L(x, y) = 5x\u00b2 \u2212 0.5y\u00b2",
       [](double x, double y) { return 5 * x * x - 0.5 * y * y; }},
      {"product",
       1,
       1,
       {0, 0},
       "L(w_1, w_2) = (w_1 w_2 - 1)^2",
       "L(w\u2081, w\u2082) = (w\u2081w\u2082 \u2212 1)\u00b2",
       [](double u, double v) { return (u * v - 1) * (u * v - 1); }},
      // Input x = 2, target y = x: (2 w1 w2 - 2)^2 = 4 (w1 w2 - 1)^2.
      {"product",
       2,
       1,
       {0, 0},
       "L(w_1, w_2) = 4 (w_1 w_2 - 1)^2",
       "L(w\u2081, w\u2082) = 4(w\u2081w\u2082 \u2212 1)\u00b2",
       [](double u, double v) { return (2 * u * v - 2) * (2 * u * v - 2); }},
      {"product",
       1,
       1,
       {0.25, -1.5},
       "L(w_1, w_2) = ((w_1 - 0.25) (w_2 + 1.5) - 1)^2",
       "L(w\u2081, w\u2082) = ((w\u2081 \u2212 0.25)(w\u2082 + 1.5) \u2212 1)\u00b2",
       [](double u, double v) { return ((u - 0.25) * (v + 1.5) - 1) * ((u - 0.25) * (v + 1.5) - 1); }},
      {"product3",
       1,
       1,
       {0, 0},
       "L(s, t) = (w_1 w_2 w_3 - 1)^2 \\text{ at } (w_1, w_2, w_3) = (s + t, s - t, s)",
       "L(s, t) = (w\u2081w\u2082w\u2083 \u2212 1)\u00b2 at (w\u2081, w\u2082, w\u2083) = (s + t, s \u2212 "
       "t, s)",
       [](double s, double t) {
         const double w1 = s + t, w2 = s - t, w3 = s;
         return (w1 * w2 * w3 - 1) * (w1 * w2 * w3 - 1);
       }},
      {"monkey",
       1,
       1,
       {0, 0},
       "L(x, y) = x^3 - 3 x y^2",
       "L(x, y) = x\u00b3 \u2212 3xy\u00b2",
       [](double x, double y) { return x * x * x - 3 * x * y * y; }},
      {"rosenbrock",
       1,
       1,
       {0, 0},
       "L(x, y) = (1 - x)^2 + 100 (y - x^2)^2",
       "L(x, y) = (1 \u2212 x)\u00b2 + 100(y \u2212 x\u00b2)\u00b2",
       [](double x, double y) { return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x); }},
      {"wells",
       1,
       1,
       {0, 0},
       "L(x, y) = (x^2 - 1)^2 + 0.3 x + (y^2 - 1)^2 + 0.15 y",
       "L(x, y) = (x\u00b2 \u2212 1)\u00b2 + 0.3x + (y\u00b2 \u2212 1)\u00b2 + 0.15y",
       [](double x, double y) {
         return (x * x - 1) * (x * x - 1) + 0.3 * x + (y * y - 1) * (y * y - 1) + 0.15 * y;
       }},
      {"quadratic",
       1.5,
       -0.5,
       {0, 0},
       "L(w_1, w_2) = \\tfrac12 (1.5 w_1^2 - 0.5 w_2^2)",
       "L(w\u2081, w\u2082) = \u00bd(1.5w\u2081\u00b2 \u2212 0.5w\u2082\u00b2)",
       [](double x, double y) { return 0.5 * (1.5 * x * x - 0.5 * y * y); }},
      {"quadratic",
       1,
       0,
       {0.5, -1},
       "L(w_1, w_2) = \\tfrac12 ((w_1 - 0.5)^2 + 0 (w_2 + 1)^2)",
       "L(w\u2081, w\u2082) = \u00bd((w\u2081 \u2212 0.5)\u00b2 + 0(w\u2082 + 1)\u00b2)",
       [](double x, double) { return 0.5 * (x - 0.5) * (x - 0.5); }},
      {"monkey",
       1,
       1,
       {-0.5, 2},
       "L(x, y) = (x + 0.5)^3 - 3 (x + 0.5) (y - 2)^2",
       "L(x, y) = (x + 0.5)\u00b3 \u2212 3(x + 0.5)(y \u2212 2)\u00b2",
       [](double x, double y) {
         return (x + 0.5) * (x + 0.5) * (x + 0.5) - 3 * (x + 0.5) * (y - 2) * (y - 2);
       }},
  };
  std::set<std::string> named;
  for (const Case& c : cases) {
    INFO(c.name << " a = " << c.a << ", b = " << c.b << ", moved to (" << c.center[0] << ", " << c.center[1]
                << ")");
    SurfaceSpec spec;
    spec.name = c.name;
    spec.a = c.a;
    spec.b = c.b;
    const auto made = make_centred_surface(spec, c.center);
    REQUIRE(made);
    const Surface& f = **made;
    CHECK(f.tex() == c.tex);
    CHECK(f.formula() == c.text);
    for (const auto& [x, y] :
         {std::pair{0.0, 0.0}, std::pair{0.3, -0.7}, std::pair{-1.1, 0.4}, std::pair{1.7, 1.3}}) {
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

// The curvature primer's surface: H = R diag(a, b) R^T, R turning by the angle. Its
// eigen-decomposition gives back a along (cos t, sin t) and b across it, and the signs name the
// matrix and the point by classify()'s one rule: definite, indefinite, singular.
TEST_CASE(
    "the quadratic 1/2 w^T H w: H's eigenvalues and eigenvectors are the ones set, its kind their signs") {
  const double pi = std::acos(-1.0), c = std::cos(pi / 6), s = std::sin(pi / 6);
  const Surface f = **make_surface("quadratic", 3.0, -1.0, 30.0);
  const DenseHessian h = dense_hessian(f, point(0.7, -0.2));
  // R diag(3, -1) R^T at 30 degrees, the same at every point.
  CHECK(h.matrix(0, 0) == Approx(3 * c * c - s * s));
  CHECK(h.matrix(0, 1) == Approx(4 * c * s));
  CHECK(h.matrix(1, 1) == Approx(3 * s * s - c * c));
  const HessianSpectrum spectrum = hessian_spectrum(f, point(0, 0));
  CHECK(spectrum.eigenvalues[0] == Approx(-1.0));
  CHECK(spectrum.eigenvalues[1] == Approx(3.0));
  // Eigenvectors up to sign: -1 across the 30-degree direction, 3 along it.
  CHECK(std::abs(spectrum.eigenvectors(0, 0) * -s + spectrum.eigenvectors(1, 0) * c) == Approx(1.0));
  CHECK(std::abs(spectrum.eigenvectors(0, 1) * c + spectrum.eigenvectors(1, 1) * s) == Approx(1.0));
  // The value is (a d1^2 + b d2^2) / 2 in the turned coordinates.
  const double x = 0.4, y = -1.3, d1 = c * x + s * y, d2 = -s * x + c * y;
  CHECK(f.value(point(x, y)) == Approx(0.5 * (3 * d1 * d1 - d2 * d2)));
  CHECK(f.tex() ==
        "L(w_1, w_2) = \\tfrac12 (3 (w_1 \\cos 30^\\circ + w_2 \\sin 30^\\circ)^2 - (w_2 \\cos 30^\\circ - "
        "w_1 \\sin 30^\\circ)^2)");
  CHECK(f.formula() ==
        "L(w\u2081, w\u2082) = \u00bd(3(w\u2081 cos 30\u00b0 + w\u2082 sin 30\u00b0)\u00b2 \u2212 "
        "(w\u2082 cos 30\u00b0 \u2212 w\u2081 sin 30\u00b0)\u00b2)");

  struct Kind {
    double a, b;
    const char *definiteness, *kind;
    std::vector<int> signs; // ascending
    bool bounded_below;
  };
  const Kind kinds[] = {
      {1.5, 0.25, "positive definite", "minimum", {1, 1}, true},
      {-2, -0.5, "negative definite", "maximum", {-1, -1}, false},
      {-1, 2, "indefinite", "saddle", {-1, 1}, false},
      {0, 1, "singular", "degenerate", {0, 1}, true},
      {-1, 0, "singular", "degenerate", {-1, 0}, false},
      {0, 0, "singular", "degenerate", {0, 0}, true},
      // classify()'s rule: an eigenvalue 1e-10 beside 1 counts as zero, here as everywhere.
      {1e-10, 1, "singular", "degenerate", {0, 1}, true},
  };
  for (const Kind& k : kinds) {
    for (const double angle : {0.0, 30.0, 135.0}) {
      INFO("a = " << k.a << ", b = " << k.b << ", angle " << angle);
      const Surface q = **make_surface("quadratic", k.a, k.b, angle);
      const auto j = nlohmann::json::parse(*surface_curvature_json(q, 0.0, 0.0));
      CHECK(j["definiteness"] == k.definiteness);
      CHECK(j["kind"] == k.kind);
      CHECK(j["signs"] == nlohmann::json(k.signs));
      CHECK(j["eigenvalues"][0].get<double>() == Approx(std::min(k.a, k.b)).margin(1e-12));
      CHECK(j["eigenvalues"][1].get<double>() == Approx(std::max(k.a, k.b)).margin(1e-12));
      CHECK(j["hessian"][0][1] == j["hessian"][1][0]);
      // The listed critical point and the floor say the same.
      REQUIRE(q.critical_points().size() == 1);
      CHECK(q.critical_points()[0].kind == k.kind);
      CHECK(std::isnan(q.lowest_value()) == !k.bounded_below);
    }
  }
  // Away from the origin the gradient is not zero: not critical, yet H is what it is.
  const auto away =
      nlohmann::json::parse(*surface_curvature_json(**make_surface("quadratic", -1, 2), 0.5, 0.5));
  CHECK(away["kind"] == "not critical");
  CHECK(away["definiteness"] == "indefinite");
  // Only the quadratic turns; non-finite parameters are refused by name.
  CHECK_THAT(make_surface("saddle", 1, 1, 30).error(),
             Catch::StartsWith("surface.angle: only the quadratic"));
  CHECK_THAT(make_surface("quadratic", std::nan(""), 1).error(),
             Catch::StartsWith("surface.a, surface.b, surface.angle"));
}

TEST_CASE("definiteness() names what classify() counted, whatever the gradient") {
  const auto named = [](std::initializer_list<double> values, double gradient = 0.0) {
    Vector e(Eigen::Index(values.size()));
    Eigen::Index i = 0;
    for (double v : values) e[i++] = v;
    return definiteness(classify(gradient, e));
  };
  CHECK(named({0.5, 2}) == "positive definite");
  CHECK(named({-3, -1}, 10.0) == "negative definite");
  CHECK(named({-1, 0, 1}) == "indefinite"); // a saddle whatever its zero, as classify() says
  CHECK(named({0, 0, 4}) == "singular");
  CHECK(named({-4, -1e-12}) == "singular");
  CHECK(named({0, 0}) == "singular");
}

TEST_CASE("a surface scenario with its surface's parameters set (the primer's sliders), validated") {
  const std::string primer =
      R"({"name": "p", "description": "the primer", "surface": {"name": "quadratic", "a": 1,
    "b": 0.25, "angle": 30}, "start": [1, 1], "optimizer": {"kind": "gd", "learning_rate": 0.1}, "steps": 5})";
  auto text = scenario_with_surface_parameters(primer, -1.5, 0, 45);
  REQUIRE(text);
  auto scenario = SurfaceScenario::create(*text);
  REQUIRE(scenario);
  CHECK((*scenario)->scenario().surface->a == -1.5);
  CHECK((*scenario)->scenario().surface->b == 0.0);
  CHECK((*scenario)->scenario().surface->angle == 45.0);
  const auto j = nlohmann::json::parse(*surface_curvature_json((*scenario)->surface(), 0, 0));
  CHECK(j["definiteness"] == "singular");
  CHECK(nlohmann::json::parse(*scenario_with_surface_parameters(primer, 1, 1, 0))["surface"].count("angle") ==
        0);
  CHECK_THAT(scenario_with_surface_parameters(primer, std::nan(""), 1, 0).error(),
             Catch::StartsWith("surface.a: must be a finite number"));
  CHECK_THAT(scenario_with_surface_parameters(primer, 1, 2000, 0).error(), Catch::Contains("surface.b"));
  const std::string saddle =
      R"({"name": "s", "description": "a saddle", "surface": {"name": "saddle"}, "start": [1, 1],
    "optimizer": {"kind": "gd", "learning_rate": 0.1}, "steps": 5})";
  CHECK_THAT(scenario_with_surface_parameters(saddle, 1, 1, 30).error(),
             Catch::Contains("surface.angle: only the quadratic"));
  CHECK_FALSE(scenario_with_surface_parameters(R"({"name": "n"})", 1, 1, 0));
}

TEST_CASE("the quadratic's parameter ranges are published once and are the parser's limits (the primer's "
          "sliders)") {
  // Published: in the surface's description and in the catalog, the same numbers.
  const auto info = nlohmann::json::parse(surface_info_json(**make_surface("quadratic", 1, 0.25, 30)));
  const nlohmann::json eigenvalue = {{"min", -2}, {"max", 2}, {"step", 0.25}};
  CHECK(info["parameters"]["a"] == eigenvalue);
  CHECK(info["parameters"]["b"] == eigenvalue);
  CHECK(info["parameters"]["angle"] == nlohmann::json{{"min", 0}, {"max", 180}, {"step", 15}});
  const auto catalog = nlohmann::json::parse(catalog_json());
  for (const auto& entry : catalog["surfaces"]) {
    const auto ranges = nlohmann::json::parse(surface_info_json(**make_surface(entry["name"])))["parameters"];
    CHECK(entry["parameters"] == ranges);
    // Only the quadratic has an angle; the others' a and b have no slider.
    CHECK(entry["parameters"].contains("angle") == (entry["name"] == "quadratic"));
  }
  // Every value of the sliders is a scenario; one step beyond either end is refused, naming the field.
  const std::string primer =
      R"({"name": "p", "description": "the primer", "surface": {"name": "quadratic", "a": 1,
    "b": 0.25, "angle": 30}, "start": [1, 1], "optimizer": {"kind": "gd", "learning_rate": 0.1}, "steps": 5})";
  for (const SurfaceParameter& p : surface_parameters("quadratic")) {
    INFO(p.key);
    for (double value = p.min; value <= p.max; value += p.step) {
      const double a = std::string(p.key) == "a" ? value : 1, b = std::string(p.key) == "b" ? value : 1,
                   angle = std::string(p.key) == "angle" ? value : 0;
      CHECK(scenario_with_surface_parameters(primer, a, b, angle));
    }
    for (const double outside : {p.min - p.step, p.max + p.step}) {
      const double a = std::string(p.key) == "a" ? outside : 1, b = std::string(p.key) == "b" ? outside : 1,
                   angle = std::string(p.key) == "angle" ? outside : 0;
      CHECK_THAT(scenario_with_surface_parameters(primer, a, b, angle).error(),
                 Catch::StartsWith("surface." + std::string(p.key) + ": must be >= "));
    }
  }
  CHECK(scenario_with_surface_parameters(primer, 2.25, 1, 0).error() ==
        "surface.a: must be >= -2 and <= 2 (got 2.25)");
  // Another surface keeps its wider range (the saddle explorer's a = 5 below).
  CHECK(SurfaceScenario::create(R"({"surface": {"name": "saddle", "a": 5, "b": 1}})"));
}
