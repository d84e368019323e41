// Why this file exists: Newton-type methods find saddles as readily as minima, which is
// what Dauphin et al. (2014) needed to plot index against loss at critical points. This
// finder minimises ||grad L||^2 / 2 with Levenberg-Marquardt steps: the gradient of that
// is H g and its Gauss-Newton matrix H^2, so d = -(H^2 + mu I)^{-1} H g, with mu adapted.
#pragma once

#include "curvature/curvature.hpp"
#include "model/objective.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace landscape {

struct CriticalPointSearch {
  int max_iterations = 200;
  double gradient_tolerance = 1e-10; // stop when ||grad|| falls below this
  double initial_damping = 1e-3;
  ClassificationTolerances tolerances{1e-6, 1e-8};
};

struct CriticalPoint {
  Vector x;
  double value = 0.0;
  double gradient_norm = 0.0;
  int iterations = 0;
  bool converged = false;
  PointClassification classification;
  Vector eigenvalues; // ascending, at x
};

CriticalPoint find_critical_point(const Objective& f, Vector start, const CriticalPointSearch& search = {});

// A random start for the finder: n parameters drawn N(0, scale^2) from the core's generator
// seeded with `seed`, in order (the index-versus-loss figure's random starts).
Vector random_start(Eigen::Index n, std::uint64_t seed, double scale);

// {"value", "grad_norm", "converged", "iterations", "index", "negative", "zero", "positive", "kind",
//  "at_global_minimum"}: what the page plots. floor: the objective's known lowest value.
std::string critical_point_json(const CriticalPoint& point, std::optional<double> floor);

} // namespace landscape
