// Why this file exists: the index-versus-loss figure (Dauphin et al. 2014 in miniature) is a
// list of independent searches for critical points, described by a scenario's
// "critical_points" section. The page runs them one at a time (to show progress and to
// cancel between them) and the CLI prints them all; both get the searches from here, so the
// figure's numbers are the CLI's numbers.
#pragma once

#include "curvature/critical_points.hpp"
#include "input/result.hpp"
#include "input/scenario.hpp"
#include "training/training.hpp"

#include <memory>
#include <string>

namespace landscape {

class CriticalPointSurvey {
public:
  // Refuses scenarios without a "critical_points" section (or surface scenarios).
  static Result<std::unique_ptr<CriticalPointSurvey>> create(Scenario scenario);

  // starts + polish_starts * stops: every search of the section.
  int count() const { return spec_.count(); }

  // Search i alone, whatever ran before (0 <= i < count(), else an error naming "search"):
  //  - i < starts: the finder from random_start(n, i + 1, scale) on the scenario's objective,
  //    `iterations` iterations at most;
  //  - then, for polish start s = 1..polish_starts and each stop in order: a training of the
  //    scenario with seed s (the data keep the scenario's seed), polish_init and
  //    polish_optimizer, run to that stop, and the finder from where it got to.
  // {"search", "method", value, grad_norm, converged, iterations, index, negative, zero,
  //  positive, kind, at_global_minimum}.
  Result<std::string> run(int i);

private:
  explicit CriticalPointSurvey(Scenario scenario);
  Scenario scenario_;
  CriticalPointsSpec spec_;
  std::unique_ptr<Training> base_;
  // The last polishing training: search i + 1 continues it instead of training again from the
  // start (the same steps either way, so the same numbers).
  std::unique_ptr<Training> polish_;
  int polish_start_ = 0;
};

// One search a page asks for on a training's objective (Training.criticalPoint in the
// bindings): from random_start(n, seed, scale), or from the training's current parameters when
// seed is -1 (to polish where training stopped). Every argument arrives as a JavaScript number
// and is read here: seed a whole number from -1 to 2^53 (1e300, Infinity and 2^64 are refused,
// not rounded to some start), scale finite and above 0, iterations a whole number from 0 to
// 100,000; the dense Hessian of every iteration within kMaxDenseHessianParameters and, all
// iterations together, within kMaxRequestWork (core/input/limits.hpp). The finder's result as
// critical_point_json(), or the message naming the argument or the limit passed
// (check_dense_hessian: "criticalPoint needs the dense Hessian, at most 2000 parameters ...").
Result<std::string> critical_point_request(const Training& training, double seed, double scale,
                                           double iterations);

} // namespace landscape
