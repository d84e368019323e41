// Why this file exists: 2-D analytic surfaces where saddles and minima can be seen and
// their numbers checked by hand. They are Objectives like a
// network's loss, so the same optimizers and curvature tools run on both.
#pragma once

#include "input/result.hpp"
#include "model/objective.hpp"

#include <array>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace landscape {

// A known critical point of a surface, for markers and tests.
struct KnownCriticalPoint {
  double x = 0.0, y = 0.0;
  std::string kind; // "minimum", "saddle", "maximum", "degenerate"
};

// How a formula is written: plain text for reading and screen readers (Unicode: w₁, x², −),
// or TeX for typesetting, in the tutorial's notation (w_1, w_2; L the loss).
enum class Notation { text, tex };

// The formula of a surface's value: body(x, y, notation) writes the right-hand side with the two
// coordinates written as x and y (a symbol, or an expression in parentheses for a moved
// surface); symbols are the coordinates' own symbols in each notation.
struct SurfaceFormula {
  std::array<std::string, 2> text_symbols, tex_symbols;
  std::function<std::string(const std::string& x, const std::string& y, Notation)> body;
};

// A 2-D surface given by its value, gradient and (exact) Hessian formulas.
class Surface final : public Objective {
public:
  using Value = std::function<double(double, double)>;
  using Gradient = std::function<std::array<double, 2>(double, double)>;
  using Hessian = std::function<std::array<double, 3>(double, double)>; // h_xx, h_xy, h_yy

  Surface(std::string name, SurfaceFormula formula, std::array<std::string, 2> axes, Value f, Gradient g,
          Hessian h, std::array<double, 4> window, std::vector<KnownCriticalPoint> critical_points,
          double lowest_value = std::numeric_limits<double>::quiet_NaN());

  Eigen::Index dimension() const override { return 2; }
  double value(const Vector& x) const override { return f_(x[0], x[1]); }
  double value_and_gradient(const Vector& x, Vector& gradient) const override;
  void hessian_vector(const Vector& x, const Vector& v, Vector& hv) const override;

  const std::string& name() const { return name_; }
  // The surface's value as a formula with its own parameters written in, e.g.
  // "L(w₁, w₂) = (w₁w₂ − 1)²" (formula()) and "L(w_1, w_2) = (w_1 w_2 - 1)^2" (tex()): the
  // one source of every formula a page shows of a surface.
  std::string formula() const { return written(Notation::text); }
  std::string tex() const { return written(Notation::tex); }
  std::string written(Notation notation) const;
  const SurfaceFormula& formula_parts() const { return formula_; }
  // Labels of the two coordinates, e.g. {"w1", "w2"}.
  const std::array<std::string, 2>& axes() const { return axes_; }
  // x_min, x_max, y_min, y_max of a window that shows the interesting part.
  const std::array<double, 4>& window() const { return window_; }
  // Every isolated critical point in the window; where the minima form a curve (product,
  // product3), a few points of it.
  const std::vector<KnownCriticalPoint>& critical_points() const { return critical_points_; }
  // The surface's global minimum value; NaN where it is unbounded below. A point this close to
  // it is a global minimum whatever the signs of its tiny eigenvalues (near a curve of minima
  // the second-order test says "minimum" or "degenerate" depending on the last rounding).
  double lowest_value() const { return lowest_value_; }

private:
  std::string name_;
  SurfaceFormula formula_;
  std::array<std::string, 2> axes_;
  Value f_;
  Gradient g_;
  Hessian h_;
  std::array<double, 4> window_;
  std::vector<KnownCriticalPoint> critical_points_;
  double lowest_value_;
};

// Names and their parameters (others ignore a and b):
//   "saddle"     a x^2 - b y^2 (a, b > 0)
//   "product"    (w1 w2 x - y)^2 = x^2 (w1 w2 - 1)^2: one example with input x = a and target
//                y = x through w2 w1 x; a saddle at the origin, a hyperbola of minima
//   "product3"   (w1 w2 w3 - 1)^2 on the plane w1 = s + t, w2 = s - t, w3 = s (see surfaces.cpp)
//   "monkey"     x^3 - 3 x y^2
//   "rosenbrock" (1 - x)^2 + 100 (y - x^2)^2
//   "wells"      four minima of different depths, four saddles and a maximum
//   "quadratic"  1/2 w^T H w, H with eigenvalue a along (cos t, sin t) and b along (-sin t, cos t),
//                t = angle degrees (the only surface with an angle): the tutorial's primer on
//                curvature, whose reader sets a, b and the angle; any signs, zero included
const std::vector<std::string>& surface_names();

// A parameter a scenario sets on a surface ("a", "b"; the quadratic's "angle"): the range the
// scenario parser accepts for it, and the step of the slider a page offers for it (0: no slider).
struct SurfaceParameter {
  const char* key;
  double min, max, step;
};
// The parameters of the surface `name`, in the order a page lists them: the one table the parser
// reads them with (a value outside is refused naming "surface.<key>") and surface_info_json()
// publishes. The quadratic's are the curvature primer's sliders: each eigenvalue (a, b) from -2
// to 2 in quarters (0 reachable exactly: the singular case), the angle of the first eigenvalue's
// direction from 0 to 180 degrees in steps of 15 (half a turn: an eigenvector's sign is
// arbitrary). The other surfaces take a and b from -1000 to 1000, and no angle.
const std::vector<SurfaceParameter>& surface_parameters(const std::string& name);
// What a reader calls the surface `name` ("product": "two-weight network"), for menus; the name
// itself for an unknown one.
std::string surface_label(const std::string& name);

// Limits that keep a request from the page bounded (absurd sizes are refused, never an abort).
inline constexpr int kMaxPathSteps = 1000000;
inline constexpr int kMaxGridSide = 2000;

class Optimizer;
struct OptimizerSpec;
// The points an optimizer visits from `start` (start included), at most `steps` steps; stops
// early at a non-finite point or once it leaves the window by more than ten window sizes.
std::vector<std::array<double, 2>> optimizer_path(const Surface& surface, Optimizer& optimizer,
                                                  std::array<double, 2> start, int steps);
Result<std::unique_ptr<Surface>> make_surface(const std::string& name, double a = 1.0, double b = 1.0,
                                              double angle = 0.0);

// The optimizer of `spec` (seeded, for perturbed_gd) from start, at most `steps` steps
// (0..kMaxPathSteps, else an error naming "steps").
Result<std::vector<std::array<double, 2>>> surface_path(const Surface& surface, const OptimizerSpec& spec,
                                                        std::uint64_t seed, std::array<double, 2> start,
                                                        long long steps);

// Values on an nx x ny grid over the window, row by row from the top (y_max) down, column by
// column from x_min; nx and ny from 2 to kMaxGridSide, else an error naming them.
Result<std::vector<double>> surface_grid(const Surface& surface, int nx, int ny);

// A number as a formula writes it: the shortest decimal that reads back as `value` (4, 0.3,
// 1e-07 as 1 \times 10^{-7} in TeX).
std::string formula_number(double value, Notation notation);

// {"name", "label", "formula" (plain text), "tex" (TeX), "axes", "symbols" (the coordinates as
// the plain formula writes them), "window", "critical_points": [{x, y, kind}], "lowest_value" (null
// where unbounded below), "parameters": {key: {"min", "max", "step" (where a page offers a
// slider)}} (surface_parameters())}.
std::string surface_info_json(const Surface& surface);

// At (x, y): {"value", "gradient", "hessian" ([[h_xx, h_xy], [h_xy, h_yy]]), "eigenvalues"
// (ascending), "eigenvectors" (one per eigenvalue), "signs" (-1, 0 or +1 for each eigenvalue, as
// classify() counts it), "kind", "definiteness" (of the Hessian, definiteness()), "index",
// "at_global_minimum" (within tolerance of lowest_value)}.
// An error instead of NaN where the value or its derivatives overflow (far outside the window).
Result<std::string> surface_curvature_json(const Surface& surface, double x, double y);

} // namespace landscape
