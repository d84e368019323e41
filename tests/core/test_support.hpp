// Shared helpers of the core tests: finite differences and scenario files.
#pragma once

#include "input/scenario.hpp"
#include "model/objective.hpp"
#include "numerics/random.hpp"

#include <fstream>
#include <sstream>
#include <string>

namespace landscape::testing {

// n independent normal coordinates of standard deviation `scale`: a random point or direction.
inline Vector random_vector(Eigen::Index n, Random& rng, double scale = 0.7) {
  Vector v(n);
  for (Eigen::Index i = 0; i < n; ++i) v[i] = rng.normal(0.0, scale);
  return v;
}

// Central finite differences of the value, step h per coordinate.
inline Vector finite_difference_gradient(const Objective& f, const Vector& x, double h = 1e-6) {
  Vector g(x.size()), xp = x, xm = x;
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    xp[i] = x[i] + h;
    xm[i] = x[i] - h;
    g[i] = (f.value(xp) - f.value(xm)) / (2 * h);
    xp[i] = xm[i] = x[i];
  }
  return g;
}

// Central finite differences of the gradient along v: (g(x + h v) - g(x - h v)) / 2h.
inline Vector finite_difference_hessian_vector(const Objective& f, const Vector& x, const Vector& v,
                                               double h = 1e-5) {
  Vector gp, gm;
  f.value_and_gradient(x + h * v, gp);
  f.value_and_gradient(x - h * v, gm);
  return (gp - gm) / (2 * h);
}

inline double relative_error(const Vector& a, const Vector& b) {
  return (a - b).norm() / std::max({a.norm(), b.norm(), 1e-12});
}

inline std::string read_text(const std::string& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

// A file of the repository by its path from the root, e.g. "scenarios/rescue.json".
inline std::string read_source(const std::string& relative) {
  return read_text(std::string(LANDSCAPE_SOURCE_DIR) + "/" + relative);
}

inline Scenario load_scenario(const std::string& name) {
  auto parsed = parse_scenario(read_text(std::string(LANDSCAPE_SOURCE_DIR) + "/scenarios/" + name + ".json"));
  if (!parsed) throw std::runtime_error(parsed.error());
  return *parsed;
}

} // namespace landscape::testing
