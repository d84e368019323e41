// Why this file exists: optimizers are steps on an Objective behind one interface, so
// the trainer, the CLI and the page can swap gd for armijo, momentum, adam, newton,
// saddle-free newton or perturbed gd without knowing which one runs.
#pragma once

#include "input/result.hpp"
#include "model/objective.hpp"
#include "numerics/random.hpp"

#include <cmath>
#include <cstdint>

#include <memory>
#include <string>
#include <vector>

namespace landscape {

// What one step saw and did.
struct StepReport {
  double value = 0.0;         // objective at x before the step
  double gradient_norm = 0.0; // ||grad|| at x before the step
  double step_size = 0.0;     // learning rate actually used (Armijo: the accepted one)
  // Names a quantity of the step that was not finite (e.g. "the Hessian") when the step
  // refused to move x because of it; null otherwise. The value and the gradient norm above
  // speak for themselves: the caller checks them.
  const char* non_finite = nullptr;
};

class Optimizer {
public:
  virtual ~Optimizer() = default;
  // Moves x by one step on f. Never leaves x non-finite when the value at x is finite:
  // a step whose result would not be finite is reported by the caller's check.
  virtual StepReport step(const Objective& f, Vector& x) = 0;
  // Forgets internal state (momentum, adaptive step), e.g. when the objective changes.
  virtual void reset() {}
  virtual std::string name() const = 0;
};

// theta <- theta - eta grad L(theta)
class GradientDescent final : public Optimizer {
public:
  explicit GradientDescent(double learning_rate) : learning_rate_(learning_rate) {}
  StepReport step(const Objective& f, Vector& x) override;
  std::string name() const override { return "gd"; }

private:
  double learning_rate_;
  Vector gradient_;
};

// Backtracking (Armijo) gradient descent: try eta, halve it until
// L(x - eta g) <= L(x) - 1e-4 eta ||g||^2, then eta <- min(2 eta, eta_max) for the next step.
// elapsed_time() is the sum of accepted steps, the gradient-flow time T.
class ArmijoGradientDescent final : public Optimizer {
public:
  ArmijoGradientDescent(double initial_step, double max_step);
  StepReport step(const Objective& f, Vector& x) override;
  void reset() override;
  std::string name() const override { return "armijo"; }
  double elapsed_time() const { return elapsed_time_; }

private:
  double initial_step_, max_step_, eta_, elapsed_time_ = 0.0;
  Vector gradient_, trial_;
};

// Heavy ball: v <- mu v - eta grad, x <- x + v.
class Momentum final : public Optimizer {
public:
  Momentum(double learning_rate, double momentum) : learning_rate_(learning_rate), momentum_(momentum) {}
  StepReport step(const Objective& f, Vector& x) override;
  void reset() override { velocity_.resize(0); }
  std::string name() const override { return "momentum"; }

private:
  double learning_rate_, momentum_;
  Vector gradient_, velocity_;
};

// Adam (Kingma & Ba 2015) with bias correction.
class Adam final : public Optimizer {
public:
  Adam(double learning_rate, double beta1, double beta2, double epsilon)
      : learning_rate_(learning_rate), beta1_(beta1), beta2_(beta2), epsilon_(epsilon) {}
  StepReport step(const Objective& f, Vector& x) override;
  void reset() override {
    first_.resize(0);
    second_.resize(0);
    t_ = 0;
  }
  std::string name() const override { return "adam"; }

private:
  double learning_rate_, beta1_, beta2_, epsilon_;
  Vector gradient_, first_, second_;
  int t_ = 0;
};

// A Newton-type step in the Hessian's eigenbasis: d = -V diag(1 / c(lambda_i)) V^T g, with
// x <- x + eta d, from the exact dense Hessian (n Hessian-vector products and an n x n
// eigen-decomposition per step: for small models). The two methods differ only in c.
// Where |c(lambda_i)| <= kSingularCurvature * max(1, max_j |lambda_j|) the step leaves that
// eigendirection alone (the pseudo-inverse): the quadratic model is flat there and has no
// critical point to jump to.
class SpectralNewton : public Optimizer {
public:
  StepReport step(const Objective& f, Vector& x) override;
  static constexpr double kSingularCurvature = 1e-14;

protected:
  SpectralNewton(double learning_rate, double damping) : learning_rate_(learning_rate), damping_(damping) {}
  // The curvature the step divides by along an eigenvector with eigenvalue lambda.
  virtual double curvature(double lambda) const = 0;
  double learning_rate_, damping_;
};

// Damped Newton: c = lambda + mu, i.e. (H + mu I) d = -g. Deliberately NOT saddle-avoiding:
// along an eigenvector with lambda + mu < 0 the step goes uphill, towards the critical point
// of the quadratic model, so Newton is attracted to saddles and maxima as much as to minima
// (the method that finds the saddles of an index-versus-loss plot). Damping
// mu > 0 shortens steps where |lambda| is small but, for lambda < -mu, does not change their
// sign; where lambda + mu is (numerically) zero that direction is skipped (SpectralNewton),
// and a small nonzero |lambda + mu| gives a long step, which the caller sees in x.
class DampedNewton final : public SpectralNewton {
public:
  DampedNewton(double learning_rate, double damping) : SpectralNewton(learning_rate, damping) {}
  std::string name() const override { return "newton"; }

private:
  double curvature(double lambda) const override { return lambda + damping_; }
};

// Saddle-free Newton (Dauphin et al. 2014): c = |lambda| + mu, i.e. |H| = V |Lambda| V^T,
// damped. Negative-curvature directions are followed downhill, so saddles repel; mu > 0
// keeps the step bounded near zero eigenvalues.
class SaddleFreeNewton final : public SpectralNewton {
public:
  SaddleFreeNewton(double learning_rate, double damping) : SpectralNewton(learning_rate, damping) {}
  std::string name() const override { return "saddle_free_newton"; }

private:
  double curvature(double lambda) const override { return std::abs(lambda) + damping_; }
};

// Perturbed gradient descent (Jin et al. 2017, simplified): gradient
// steps, and when ||g|| <= threshold and no perturbation happened in the last `interval`
// steps, a jump xi drawn uniformly from the ball of radius r (seeded) instead of that step's
// gradient step. Jin et al.'s termination test (stop when f fell by less than f_thres within
// t_thres steps of a perturbation) is left out, since a step interface has no "stop": at a
// minimum PGD keeps jittering within about r of it, and drifts slowly along a flat valley of
// minima (the hyperbola of (w1 w2 - 1)^2), as the live paths show.
class PerturbedGradientDescent final : public Optimizer {
public:
  PerturbedGradientDescent(double learning_rate, double radius, double threshold, int interval,
                           std::uint64_t seed);
  StepReport step(const Objective& f, Vector& x) override;
  void reset() override { since_perturbation_ = interval_; }
  std::string name() const override { return "perturbed_gd"; }
  int perturbations() const { return perturbations_; }

private:
  double learning_rate_, radius_, threshold_;
  int interval_, since_perturbation_, perturbations_ = 0;
  Random rng_;
  Vector gradient_;
};

// What each optimizer.kind is: the parser's list of kinds, the catalog and the pages' labels
// all read this table.
struct OptimizerKind {
  std::string name;  // optimizer.kind
  std::string label; // for people: "saddle-free Newton"
  bool full_batch;   // meant for the whole objective: a line search or the Hessian of all points
  bool hessian;      // each step builds and decomposes the dense Hessian (small models only)
  std::vector<std::string> fields; // the spec's fields it reads, besides batch_size and shuffle
};
const std::vector<OptimizerKind>& optimizer_table();
const OptimizerKind* find_optimizer_kind(const std::string& name);

// The spec's optimizer, or an error naming the field.
struct OptimizerSpec;
Result<std::unique_ptr<Optimizer>> make_optimizer(const OptimizerSpec& spec, std::uint64_t seed);

} // namespace landscape
