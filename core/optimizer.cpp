#include "optimizer.hpp"

#include <algorithm>
#include <cmath>

namespace landscape {

StepReport GradientDescent::step(const Objective& f, Vector& x) {
  StepReport report;
  report.value = f.value_and_gradient(x, gradient_);
  report.gradient_norm = gradient_.norm();
  report.step_size = learning_rate_;
  x.noalias() -= learning_rate_ * gradient_;
  return report;
}

ArmijoGradientDescent::ArmijoGradientDescent(double initial_step, double max_step)
    : initial_step_(initial_step), max_step_(std::max(initial_step, max_step)),
      eta_(initial_step) {}

void ArmijoGradientDescent::reset() {
  eta_ = initial_step_;
  elapsed_time_ = 0.0;
}

StepReport ArmijoGradientDescent::step(const Objective& f, Vector& x) {
  StepReport report;
  report.value = f.value_and_gradient(x, gradient_);
  const double g2 = gradient_.squaredNorm();
  report.gradient_norm = std::sqrt(g2);
  if (g2 == 0.0 || !std::isfinite(report.value)) {
    report.step_size = 0.0;
    return report;
  }
  // Halving 60 times takes eta below 1e-18 eta_max: past that the step cannot change x.
  for (int halvings = 0; halvings < 60; ++halvings) {
    trial_ = x - eta_ * gradient_;
    const double trial_value = f.value(trial_);
    if (std::isfinite(trial_value) && trial_value <= report.value - 1e-4 * eta_ * g2) {
      x.swap(trial_);
      report.step_size = eta_;
      elapsed_time_ += eta_;
      eta_ = std::min(2.0 * eta_, max_step_);
      return report;
    }
    eta_ *= 0.5;
  }
  report.step_size = 0.0; // no decrease found: x stays, the caller sees a zero step
  return report;
}

} // namespace landscape
