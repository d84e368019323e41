// Why this file exists: optimizers are steps on an Objective behind one interface, so
// the trainer, the CLI and the page can swap gd for armijo, momentum, adam, newton,
// saddle-free newton or perturbed gd without knowing which one runs.
#pragma once

#include "objective.hpp"

#include <memory>
#include <string>

namespace landscape {

// What one step saw and did.
struct StepReport {
  double value = 0.0;          // objective at x before the step
  double gradient_norm = 0.0;  // ||grad|| at x before the step
  double step_size = 0.0;      // learning rate actually used (Armijo: the accepted one)
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

// Backtracking (Armijo) gradient descent as in MATH.md section 0: try eta, halve it until
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

} // namespace landscape
