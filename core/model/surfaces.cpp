#include "model/surfaces.hpp"

#include "curvature/curvature.hpp"
#include "curvature/eigenvalue_signs.hpp"
#include "input/messages.hpp"
#include "input/scenario.hpp"
#include "input/text.hpp"
#include "training/optimizer.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace landscape {

Surface::Surface(std::string name, SurfaceFormula formula, std::array<std::string, 2> axes, Value f,
                 Gradient g, Hessian h, std::array<double, 4> window,
                 std::vector<KnownCriticalPoint> critical_points, double lowest_value)
    : name_(std::move(name)), formula_(std::move(formula)), axes_(std::move(axes)), f_(std::move(f)),
      g_(std::move(g)), h_(std::move(h)), window_(window), critical_points_(std::move(critical_points)),
      lowest_value_(lowest_value) {}

std::string Surface::written(Notation notation) const {
  const auto& symbols = notation == Notation::tex ? formula_.tex_symbols : formula_.text_symbols;
  return "L(" + symbols[0] + ", " + symbols[1] + ") = " + formula_.body(symbols[0], symbols[1], notation);
}

namespace {
const char* const kSuperscripts[] = {"\u2070", "\u00b9", "\u00b2", "\u00b3", "\u2074",
                                     "\u2075", "\u2076", "\u2077", "\u2078", "\u2079"};
} // namespace

std::string formula_number(double value, Notation notation) {
  char buffer[32];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*g", precision, value);
    if (std::strtod(buffer, nullptr) == value) break;
  }
  std::string digits(buffer), mantissa = digits, exponent;
  if (const auto e = digits.find('e'); e != std::string::npos) {
    mantissa = digits.substr(0, e);
    exponent = std::to_string(std::atoi(digits.c_str() + e + 1)); // "1e-07": "-7"
  }
  const bool tex = notation == Notation::tex;
  if (!tex && mantissa[0] == '-') mantissa = "\u2212" + mantissa.substr(1);
  if (exponent.empty()) return mantissa;
  if (tex) return mantissa + " \\times 10^{" + exponent + "}";
  std::string raised;
  for (char c : exponent) raised += c == '-' ? "\u207b" : kSuperscripts[c - '0'];
  return mantissa + "\u00d710" + raised;
}

namespace {
// The pieces the surfaces' formulas are written with, in either notation.
std::string power(const std::string& base, int exponent, Notation n) {
  return n == Notation::tex ? base + "^" + std::to_string(exponent) : base + kSuperscripts[exponent];
}
std::string times(const std::string& a, const std::string& b, Notation n) {
  return n == Notation::tex ? a + " " + b : a + b;
}
std::string minus(Notation n) { return n == Notation::tex ? " - " : " \u2212 "; }
// "(text - 1)", appended piece by piece: GCC 12 warns falsely (-Wrestrict, inside libstdc++) on
// a string literal plus a temporary string.
std::string minus_one_in_parentheses(const std::string& text, Notation n) {
  std::string out = "(";
  out += text;
  out += minus(n);
  out += "1)";
  return out;
}
// A coefficient in front of a term: nothing for 1.
std::string coefficient(double c, const std::string& term, Notation n) {
  return c == 1.0 ? term : times(formula_number(c, n), term, n);
}
} // namespace

double Surface::value_and_gradient(const Vector& x, Vector& gradient) const {
  const auto g = g_(x[0], x[1]);
  gradient.resize(2);
  gradient << g[0], g[1];
  return f_(x[0], x[1]);
}

void Surface::hessian_vector(const Vector& x, const Vector& v, Vector& hv) const {
  const auto h = h_(x[0], x[1]);
  hv.resize(2);
  hv << h[0] * v[0] + h[1] * v[1], h[1] * v[0] + h[2] * v[1];
}

const std::vector<std::string>& surface_names() {
  static const std::vector<std::string> names = {"saddle",     "product", "product3", "monkey",
                                                 "rosenbrock", "wells",   "quadratic"};
  return names;
}

const std::vector<SurfaceParameter>& surface_parameters(const std::string& name) {
  static const std::vector<SurfaceParameter> quadratic = {
      {"a", -2, 2, 0.25}, {"b", -2, 2, 0.25}, {"angle", 0, 180, 15}};
  static const std::vector<SurfaceParameter> others = {{"a", -1e3, 1e3, 0}, {"b", -1e3, 1e3, 0}};
  return name == "quadratic" ? quadratic : others;
}

std::string surface_label(const std::string& name) {
  static const std::vector<std::pair<std::string, std::string>> labels = {
      {"saddle", "saddle"},
      {"product", "two-weight network"},
      {"product3", "three-weight network (a slice)"},
      {"monkey", "monkey saddle"},
      {"rosenbrock", "Rosenbrock's valley"},
      {"wells", "four wells"},
      {"quadratic", "quadratic (a stretched bowl)"}};
  for (const auto& [known, label] : labels)
    if (known == name) return label;
  return name;
}

namespace {
// Roots of 4 t^3 - 4 t + c (the critical coordinates of (t^2 - 1)^2 + c t), by Newton's
// method from -1, 0 and 1; |c| < 1.5 gives three real roots.
std::array<double, 3> well_roots(double c) {
  std::array<double, 3> roots{-1.0, 0.0, 1.0};
  for (double& t : roots)
    for (int i = 0; i < 60; ++i) t -= (4 * t * t * t - 4 * t + c) / (12 * t * t - 4);
  return roots;
}
} // namespace

Result<std::unique_ptr<Surface>> make_surface(const std::string& name, double a, double b, double angle) {
  if (angle != 0.0 && name != "quadratic") return refused({"surface.angle", "angle_needs_quadratic", {name}});
  if (name == "saddle") {
    if (!(a > 0) || !(b > 0)) return refused({"surface.a, surface.b", "saddle_signs", {}});
    SurfaceFormula formula{
        {"x", "y"}, {"x", "y"}, [=](const std::string& x, const std::string& y, Notation n) {
          return coefficient(a, power(x, 2, n), n) + minus(n) + coefficient(b, power(y, 2, n), n);
        }};
    return std::make_unique<Surface>(
        name, std::move(formula), std::array<std::string, 2>{"x", "y"},
        [=](double x, double y) { return a * x * x - b * y * y; },
        [=](double x, double y) {
          return std::array<double, 2>{2 * a * x, -2 * b * y};
        },
        [=](double, double) {
          return std::array<double, 3>{2 * a, 0.0, -2 * b};
        },
        std::array<double, 4>{-2, 2, -2, 2}, std::vector<KnownCriticalPoint>{{0, 0, "saddle"}});
  }
  if (name == "product") {
    // One example, input x = a and target y = x, through a two-layer scalar linear network
    // w2 w1 x: (w1 w2 x - x)^2 = x^2 (w1 w2 - 1)^2 (the tutorial's x = y = 1: (w1 w2 - 1)^2).
    const double s = a * a;
    SurfaceFormula formula{
        {"w\u2081", "w\u2082"}, {"w_1", "w_2"}, [=](const std::string& u, const std::string& v, Notation n) {
          return coefficient(s, power(minus_one_in_parentheses(times(u, v, n), n), 2, n), n);
        }};
    return std::make_unique<Surface>(
        name, std::move(formula), std::array<std::string, 2>{"w1", "w2"},
        [=](double u, double v) { return s * (u * v - 1) * (u * v - 1); },
        [=](double u, double v) {
          return std::array<double, 2>{2 * s * (u * v - 1) * v, 2 * s * (u * v - 1) * u};
        },
        [=](double u, double v) {
          return std::array<double, 3>{2 * s * v * v, 2 * s * (2 * u * v - 1), 2 * s * u * u};
        },
        std::array<double, 4>{-2, 2, -2, 2},
        std::vector<KnownCriticalPoint>{{0, 0, "saddle"}, {1, 1, "degenerate"}, {-1, -1, "degenerate"}}, 0.0);
  }
  if (name == "product3") {
    // (w1 w2 w3 - 1)^2 on the plane through the origin spanned by the diagonal (1, 1, 1) and
    // (1, -1, 0): w1 = s + t, w2 = s - t, w3 = s, so w1 w2 w3 = p(s, t) = s^3 - s t^2 and
    // E = (p - 1)^2. The Hessian vanishes at the origin (a degenerate saddle with
    // no negative eigenvalue), and near it E ~ 1 - 2p descends in three sectors like the
    // monkey saddle, at third order. grad p = 0 only at the origin, so the slice's critical
    // points are the origin and the curve p = 1 of global minima, all critical in 3-D too.
    // (The simpler slice w1 = w2 would add a spurious line of critical points, s = 0, that
    // looks like non-strict minima for w3 < 0 though in 3-D they are saddles.)
    SurfaceFormula formula{
        {"s", "t"}, {"s", "t"}, [](const std::string& s, const std::string& t, Notation n) {
          const bool tex = n == Notation::tex;
          const std::string w1 = tex ? "w_1" : "w\u2081", w2 = tex ? "w_2" : "w\u2082",
                            w3 = tex ? "w_3" : "w\u2083";
          return power(minus_one_in_parentheses(times(times(w1, w2, n), w3, n), n), 2, n) +
                 (tex ? " \\text{ at } " : " at ") + "(" + w1 + ", " + w2 + ", " + w3 + ") = (" + s + " + " +
                 t + ", " + s + minus(n) + t + ", " + s + ")";
        }};
    return std::make_unique<Surface>(
        name, std::move(formula), std::array<std::string, 2>{"s", "t"},
        [](double s, double t) {
          const double r = s * s * s - s * t * t - 1;
          return r * r;
        },
        [](double s, double t) {
          const double r = s * s * s - s * t * t - 1;
          return std::array<double, 2>{2 * r * (3 * s * s - t * t), 2 * r * (-2 * s * t)};
        },
        [](double s, double t) {
          // H = 2 grad p grad p^T + 2 r hess p, hess p = [[6 s, -2 t], [-2 t, -2 s]].
          const double r = s * s * s - s * t * t - 1;
          const double ps = 3 * s * s - t * t, pt = -2 * s * t;
          return std::array<double, 3>{2 * ps * ps + 12 * r * s, 2 * ps * pt - 4 * r * t,
                                       2 * pt * pt - 4 * r * s};
        },
        std::array<double, 4>{-2, 2, -2, 2},
        // On p = 1: w = (1, 1, 1), (1, -2, -0.5) and (-2, 1, -0.5).
        std::vector<KnownCriticalPoint>{{0, 0, "degenerate"},
                                        {1, 0, "degenerate"},
                                        {-0.5, 1.5, "degenerate"},
                                        {-0.5, -1.5, "degenerate"}},
        0.0);
  }
  if (name == "monkey") {
    SurfaceFormula formula{
        {"x", "y"}, {"x", "y"}, [](const std::string& x, const std::string& y, Notation n) {
          return power(x, 3, n) + minus(n) + times(times("3", x, n), power(y, 2, n), n);
        }};
    return std::make_unique<Surface>(
        name, std::move(formula), std::array<std::string, 2>{"x", "y"},
        [](double x, double y) { return x * x * x - 3 * x * y * y; },
        [](double x, double y) {
          return std::array<double, 2>{3 * x * x - 3 * y * y, -6 * x * y};
        },
        [](double x, double y) {
          return std::array<double, 3>{6 * x, -6 * y, -6 * x};
        },
        std::array<double, 4>{-1.5, 1.5, -1.5, 1.5}, std::vector<KnownCriticalPoint>{{0, 0, "degenerate"}});
  }
  if (name == "rosenbrock") {
    SurfaceFormula formula{
        {"x", "y"}, {"x", "y"}, [](const std::string& x, const std::string& y, Notation n) {
          return power("(1" + minus(n) + x + ")", 2, n) + " + " +
                 times("100", power("(" + y + minus(n) + power(x, 2, n) + ")", 2, n), n);
        }};
    return std::make_unique<Surface>(
        name, std::move(formula), std::array<std::string, 2>{"x", "y"},
        [](double x, double y) { return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x); },
        [](double x, double y) {
          return std::array<double, 2>{-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)};
        },
        [](double x, double y) {
          return std::array<double, 3>{2 - 400 * (y - x * x) + 800 * x * x, -400 * x, 200.0};
        },
        std::array<double, 4>{-2, 2, -1, 3}, std::vector<KnownCriticalPoint>{{1, 1, "minimum"}}, 0.0);
  }
  if (name == "wells") {
    // Separable double wells tilted so the four minima have different depths.
    constexpr double cx = 0.3, cy = 0.15;
    std::vector<KnownCriticalPoint> points;
    const auto rx = well_roots(cx), ry = well_roots(cy);
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 3; ++j) {
        const bool x_min = i != 1, y_min = j != 1;
        points.push_back(
            {rx[i], ry[j], x_min && y_min ? "minimum" : (!x_min && !y_min ? "maximum" : "saddle")});
      }
    // Separable: the deepest minimum is at the lower root of each coordinate's tilted well.
    const auto well = [](double t, double c) { return (t * t - 1) * (t * t - 1) + c * t; };
    const double lowest = well(rx[0], cx) + well(ry[0], cy);
    SurfaceFormula formula{
        {"x", "y"}, {"x", "y"}, [=](const std::string& x, const std::string& y, Notation n) {
          const auto well = [&](const std::string& t, double c) {
            return power(minus_one_in_parentheses(power(t, 2, n), n), 2, n) + " + " +
                   times(formula_number(c, n), t, n);
          };
          return well(x, cx) + " + " + well(y, cy);
        }};
    return std::make_unique<Surface>(
        name, std::move(formula), std::array<std::string, 2>{"x", "y"},
        [](double x, double y) {
          return (x * x - 1) * (x * x - 1) + (y * y - 1) * (y * y - 1) + cx * x + cy * y;
        },
        [](double x, double y) {
          return std::array<double, 2>{4 * x * x * x - 4 * x + cx, 4 * y * y * y - 4 * y + cy};
        },
        [](double x, double y) {
          return std::array<double, 3>{12 * x * x - 4, 0.0, 12 * y * y - 4};
        },
        std::array<double, 4>{-1.8, 1.8, -1.8, 1.8}, std::move(points), lowest);
  }
  if (name == "quadratic") {
    if (!std::isfinite(a) || !std::isfinite(b) || !std::isfinite(angle))
      return refused({"surface.a, surface.b, surface.angle", "quadratic_not_finite", {}});
    // H = R diag(a, b) R^T, R's columns the directions u = (c, s) and v = (-s, c): along u the
    // loss curves with a, along v with b. In the coordinates d1 = u.w and d2 = v.w it is
    // (a d1^2 + b d2^2) / 2, the stretched bowl of the tutorial's primer, turned by the angle.
    const double t = angle * 3.14159265358979323846 / 180.0, c = std::cos(t), s = std::sin(t);
    const double hxx = a * c * c + b * s * s, hxy = (a - b) * c * s, hyy = a * s * s + b * c * c;
    // The origin is critical; its kind and the surface's floor follow the eigenvalues' signs,
    // judged by classify()'s rule (a tiny eigenvalue beside a large one counts as zero).
    Vector ascending(2);
    ascending << std::min(a, b), std::max(a, b);
    const PointClassification origin = classify(0.0, ascending);
    const double lowest = origin.negative == 0 ? 0.0 : std::numeric_limits<double>::quiet_NaN();
    SurfaceFormula formula{
        {"w\u2081", "w\u2082"}, {"w_1", "w_2"}, [=](const std::string& x, const std::string& y, Notation n) {
          const bool tex = n == Notation::tex;
          // The coordinate along each direction: x itself when the angle is 0.
          const auto along = [&](const std::string& first, const std::string& second, bool turned_sign) {
            if (angle == 0.0) return turned_sign ? y : x;
            // Degrees as written by hand (30, 22.5): formula_number would write 30 as 3 x 10^1.
            char number[32];
            std::snprintf(number, sizeof number, "%g", angle);
            const std::string degrees =
                (tex || angle >= 0 ? std::string(number) : "\u2212" + std::string(number + 1)) +
                (tex ? "^\\circ" : "\u00b0");
            const std::string cos = tex ? " \\cos " : " cos ", sin = tex ? " \\sin " : " sin ";
            return "(" + first + cos + degrees + (turned_sign ? minus(n) : std::string(" + ")) + second +
                   sin + degrees + ")";
          };
          const std::string d1 = along(x, y, false), d2 = along(y, x, true);
          const std::string second = b < 0 ? minus(n) + coefficient(-b, power(d2, 2, n), n)
                                           : " + " + coefficient(b, power(d2, 2, n), n);
          return (tex ? "\\tfrac12 (" : "\u00bd(") + coefficient(a, power(d1, 2, n), n) + second + ")";
        }};
    return std::make_unique<Surface>(
        name, std::move(formula), std::array<std::string, 2>{"w1", "w2"},
        // In the turned coordinates, so that a bowl with a zero eigenvalue is never below 0 by
        // rounding (w^T H w summed entry by entry can give -1e-17 on its floor).
        [=](double x, double y) {
          const double d1 = c * x + s * y, d2 = c * y - s * x;
          return 0.5 * (a * d1 * d1 + b * d2 * d2);
        },
        [=](double x, double y) {
          const double d1 = c * x + s * y, d2 = c * y - s * x;
          return std::array<double, 2>{a * d1 * c - b * d2 * s, a * d1 * s + b * d2 * c};
        },
        [=](double, double) {
          return std::array<double, 3>{hxx, hxy, hyy};
        },
        std::array<double, 4>{-2, 2, -2, 2}, std::vector<KnownCriticalPoint>{{0, 0, to_string(origin.kind)}},
        lowest);
  }
  std::string known;
  for (const auto& n : surface_names()) known += (known.empty() ? "" : ", ") + n;
  return refused({"surface", "unknown_choice", {printable(name), known}});
}

std::vector<std::array<double, 2>> optimizer_path(const Surface& surface, Optimizer& optimizer,
                                                  std::array<double, 2> start, int steps) {
  const auto& w = surface.window();
  const double reach = 10.0 * std::max(w[1] - w[0], w[3] - w[2]);
  std::vector<std::array<double, 2>> path{start};
  Vector x(2);
  x << start[0], start[1];
  for (int i = 0; i < steps; ++i) {
    optimizer.step(surface, x);
    if (!x.allFinite() || std::abs(x[0]) > reach || std::abs(x[1]) > reach) break;
    path.push_back({x[0], x[1]});
  }
  return path;
}

Result<std::vector<std::array<double, 2>>> surface_path(const Surface& surface, const OptimizerSpec& spec,
                                                        std::uint64_t seed, std::array<double, 2> start,
                                                        long long steps) {
  if (steps < 0 || steps > kMaxPathSteps)
    return refused(
        {"steps", "integer_out_of_range", {"0", std::to_string(kMaxPathSteps), std::to_string(steps)}});
  if (!std::isfinite(start[0]) || !std::isfinite(start[1])) return refused({"start", "not_two_finite", {}});
  auto optimizer = make_optimizer(spec, seed);
  if (!optimizer) return optimizer.failure();
  return optimizer_path(surface, **optimizer, start, int(steps));
}

Result<std::vector<double>> surface_grid(const Surface& surface, int nx, int ny) {
  if (nx < 2 || nx > kMaxGridSide || ny < 2 || ny > kMaxGridSide)
    return refused(
        {"grid", "grid_size", {std::to_string(kMaxGridSide), std::to_string(nx), std::to_string(ny)}});
  const auto& w = surface.window();
  std::vector<double> values(std::size_t(nx) * std::size_t(ny));
  Vector p(2);
  for (int r = 0; r < ny; ++r)
    for (int c = 0; c < nx; ++c) {
      p << w[0] + (w[1] - w[0]) * c / (nx - 1), w[3] - (w[3] - w[2]) * r / (ny - 1);
      values[std::size_t(r) * std::size_t(nx) + std::size_t(c)] = surface.value(p);
    }
  return values;
}

std::string surface_info_json(const Surface& surface) {
  nlohmann::ordered_json j;
  j["name"] = surface.name();
  j["label"] = surface_label(surface.name());
  j["formula"] = surface.formula();
  j["tex"] = surface.tex();
  j["axes"] = {surface.axes()[0], surface.axes()[1]};
  // The coordinates as the formula writes them (w₁, w₂): a plot's axes named like its formula.
  const auto& symbols = surface.formula_parts().text_symbols;
  j["symbols"] = {symbols[0], symbols[1]};
  j["window"] = surface.window();
  nlohmann::json points = nlohmann::json::array();
  for (const auto& p : surface.critical_points())
    points.push_back({{"x", p.x}, {"y", p.y}, {"kind", p.kind}});
  j["critical_points"] = points;
  if (std::isfinite(surface.lowest_value()))
    j["lowest_value"] = surface.lowest_value();
  else
    j["lowest_value"] = nullptr; // unbounded below
  nlohmann::ordered_json parameters = nlohmann::ordered_json::object();
  for (const SurfaceParameter& p : surface_parameters(surface.name())) {
    parameters[p.key] = {{"min", p.min}, {"max", p.max}};
    if (p.step > 0) parameters[p.key]["step"] = p.step;
  }
  j["parameters"] = parameters;
  return j.dump();
}

Result<std::string> surface_curvature_json(const Surface& surface, double x, double y) {
  Vector p(2), g;
  p << x, y;
  const double value = surface.value_and_gradient(p, g);
  const Matrix hessian = dense_hessian(surface, p).matrix;
  // Far outside the window (x = 1e200) the value or its derivatives overflow: say so, in the
  // same object, rather than report NaN eigenvalues as a kind of point.
  if (!std::isfinite(value) || !g.allFinite() || !hessian.allFinite())
    return refused({"x, y", "surface_not_finite", {}});
  const HessianSpectrum spectrum = hessian_spectrum(hessian);
  const PointClassification c = classify(g.norm(), spectrum.eigenvalues);
  nlohmann::ordered_json j;
  j["value"] = value;
  j["gradient"] = {g[0], g[1]};
  j["hessian"] = {{hessian(0, 0), hessian(0, 1)}, {hessian(1, 0), hessian(1, 1)}};
  j["eigenvalues"] = {spectrum.eigenvalues[0], spectrum.eigenvalues[1]};
  j["eigenvectors"] = {{spectrum.eigenvectors(0, 0), spectrum.eigenvectors(1, 0)},
                       {spectrum.eigenvectors(0, 1), spectrum.eigenvectors(1, 1)}};
  j["signs"] = eigenvalue_signs(spectrum.eigenvalues);
  j["kind"] = to_string(c.kind);
  j["definiteness"] = definiteness(c);
  j["index"] = c.index;
  const double lowest = surface.lowest_value();
  j["at_global_minimum"] =
      at_global_minimum(value, std::isfinite(lowest) ? std::optional<double>(lowest) : std::nullopt);
  return std::string(j.dump());
}

} // namespace landscape
