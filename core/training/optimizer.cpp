#include "training/optimizer.hpp"

#include "curvature/curvature.hpp"
#include "input/scenario.hpp"
#include "numerics/sequential.hpp"

#include <algorithm>
#include <cmath>

namespace landscape {

namespace {
// The value and gradient at x, and the report every step starts with.
StepReport evaluate_at(const Objective& f, const Vector& x, Vector& gradient, double step_size) {
  StepReport report;
  report.value = f.value_and_gradient(x, gradient);
  report.gradient_norm = sequential_norm(gradient); // the same bits natively and in wasm
  report.step_size = step_size;
  return report;
}
} // namespace

StepReport GradientDescent::step(const Objective& f, Vector& x) {
  StepReport report = evaluate_at(f, x, gradient_, learning_rate_);
  x.noalias() -= learning_rate_ * gradient_;
  return report;
}

ArmijoGradientDescent::ArmijoGradientDescent(double initial_step, double max_step)
    : initial_step_(initial_step), max_step_(std::max(initial_step, max_step)), eta_(initial_step) {}

void ArmijoGradientDescent::reset() {
  eta_ = initial_step_;
  elapsed_time_ = 0.0;
}

StepReport ArmijoGradientDescent::step(const Objective& f, Vector& x) {
  StepReport report;
  report.value = f.value_and_gradient(x, gradient_);
  const double g2 = sequential_squared_norm(gradient_); // the same bits natively and in wasm
  report.gradient_norm = sequential_norm(gradient_);    // sqrt(g2), or scaled where g2 overflows
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

StepReport Momentum::step(const Objective& f, Vector& x) {
  StepReport report = evaluate_at(f, x, gradient_, learning_rate_);
  if (velocity_.size() != x.size()) velocity_ = Vector::Zero(x.size());
  velocity_ = momentum_ * velocity_ - learning_rate_ * gradient_;
  x += velocity_;
  return report;
}

StepReport Adam::step(const Objective& f, Vector& x) {
  StepReport report = evaluate_at(f, x, gradient_, learning_rate_);
  if (first_.size() != x.size()) {
    first_ = Vector::Zero(x.size());
    second_ = Vector::Zero(x.size());
    t_ = 0;
  }
  ++t_;
  first_ = beta1_ * first_ + (1 - beta1_) * gradient_;
  second_ = beta2_ * second_ + (1 - beta2_) * gradient_.cwiseProduct(gradient_);
  const double c1 = 1 - std::pow(beta1_, t_), c2 = 1 - std::pow(beta2_, t_);
  for (Eigen::Index i = 0; i < x.size(); ++i)
    x[i] -= learning_rate_ * (first_[i] / c1) / (std::sqrt(second_[i] / c2) + epsilon_);
  return report;
}

StepReport SpectralNewton::step(const Objective& f, Vector& x) {
  Vector g;
  StepReport report = evaluate_at(f, x, g, learning_rate_);
  if (!std::isfinite(report.value) || !std::isfinite(report.gradient_norm)) return report; // x stays
  const Matrix hessian = dense_hessian(f, x).matrix;
  // A non-finite entry would make every eigenvector, and so x, NaN: refuse to move instead.
  if (!hessian.allFinite()) {
    report.non_finite = "the Hessian";
    return report;
  }
  const HessianSpectrum spectrum = hessian_spectrum(hessian);
  // g and the step in the eigenbasis: coordinates_i = v_i . g, step_i = -coordinates_i / c(lambda_i).
  const Vector coordinates = spectrum.eigenvectors.transpose() * g;
  const double scale = std::max(1.0, spectrum.eigenvalues.cwiseAbs().maxCoeff());
  Vector scaled(coordinates.size());
  for (Eigen::Index i = 0; i < coordinates.size(); ++i) {
    const double c = curvature(spectrum.eigenvalues[i]);
    scaled[i] = std::abs(c) <= kSingularCurvature * scale ? 0.0 : coordinates[i] / c;
  }
  x -= learning_rate_ * (spectrum.eigenvectors * scaled);
  return report;
}

PerturbedGradientDescent::PerturbedGradientDescent(double learning_rate, double radius, double threshold,
                                                   int interval, std::uint64_t seed)
    : learning_rate_(learning_rate), radius_(radius), threshold_(threshold), interval_(interval),
      since_perturbation_(interval), rng_(seed) {}

StepReport PerturbedGradientDescent::step(const Objective& f, Vector& x) {
  StepReport report = evaluate_at(f, x, gradient_, learning_rate_);
  ++since_perturbation_;
  if (report.gradient_norm <= threshold_ && since_perturbation_ >= interval_) {
    // Uniform in the ball: a Gaussian direction, radius r u^(1/n).
    Vector direction(x.size());
    for (Eigen::Index i = 0; i < x.size(); ++i) direction[i] = rng_.normal();
    const double length = radius_ * std::pow(rng_.uniform(), 1.0 / double(x.size()));
    x += length * direction / sequential_norm(direction);
    since_perturbation_ = 0;
    ++perturbations_;
    return report;
  }
  x -= learning_rate_ * gradient_;
  return report;
}

const std::vector<OptimizerKind>& optimizer_table() {
  static const std::vector<OptimizerKind> table = {
      {"gd", "gradient descent", false, false, {"learning_rate"}},
      {"armijo", "gradient descent with Armijo steps", true, false, {"learning_rate", "max_learning_rate"}},
      {"sgd", "SGD (mini-batch)", false, false, {"learning_rate"}},
      {"momentum", "momentum", false, false, {"learning_rate", "momentum"}},
      {"adam", "Adam", false, false, {"learning_rate", "beta1", "beta2", "epsilon"}},
      {"newton", "Newton", true, true, {"learning_rate", "damping"}},
      {"saddle_free_newton", "saddle-free Newton", true, true, {"learning_rate", "damping"}},
      {"perturbed_gd",
       "perturbed gradient descent",
       false,
       false,
       {"learning_rate", "noise_radius", "gradient_threshold", "perturbation_interval"}}};
  return table;
}

const OptimizerKind* find_optimizer_kind(const std::string& name) {
  for (const OptimizerKind& kind : optimizer_table())
    if (kind.name == name) return &kind;
  return nullptr;
}

Result<std::unique_ptr<Optimizer>> make_optimizer(const OptimizerSpec& spec, std::uint64_t seed) {
  using Ptr = std::unique_ptr<Optimizer>;
  const double eta = spec.learning_rate;
  if (spec.kind == "gd" || spec.kind == "sgd") return Ptr(new GradientDescent(eta));
  if (spec.kind == "armijo") return Ptr(new ArmijoGradientDescent(eta, spec.max_learning_rate));
  if (spec.kind == "momentum") return Ptr(new Momentum(eta, spec.momentum));
  if (spec.kind == "adam") return Ptr(new Adam(eta, spec.beta1, spec.beta2, spec.epsilon));
  if (spec.kind == "newton") return Ptr(new DampedNewton(eta, spec.damping));
  if (spec.kind == "saddle_free_newton") return Ptr(new SaddleFreeNewton(eta, spec.damping));
  if (spec.kind == "perturbed_gd")
    return Ptr(new PerturbedGradientDescent(eta, spec.noise_radius, spec.gradient_threshold,
                                            spec.perturbation_interval, seed ^ 0x9E7D1ULL));
  return Error{"optimizer.kind: unknown kind '" + spec.kind + "'"};
}

} // namespace landscape
