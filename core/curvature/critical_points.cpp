#include "curvature/critical_points.hpp"

#include "numerics/random.hpp"

#include <nlohmann/json.hpp>

#include <cmath>

namespace landscape {

CriticalPoint find_critical_point(const Objective& f, Vector x, const CriticalPointSearch& search) {
  CriticalPoint result;
  Vector g, trial_g;
  f.value_and_gradient(x, g);
  double mu = search.initial_damping;
  int it = 0;
  for (; it < search.max_iterations && g.norm() > search.gradient_tolerance; ++it) {
    const HessianSpectrum spectrum = hessian_spectrum(f, x);
    // In the eigenbasis H^2 + mu I is diagonal: d_i = -lambda_i c_i / (lambda_i^2 + mu).
    const Vector c = spectrum.eigenvectors.transpose() * g;
    bool improved = false;
    for (int attempt = 0; attempt < 30 && !improved; ++attempt) {
      Vector scaled(c.size());
      for (Eigen::Index i = 0; i < c.size(); ++i) {
        const double lambda = spectrum.eigenvalues[i];
        scaled[i] = -lambda * c[i] / (lambda * lambda + mu);
      }
      const Vector trial = x + spectrum.eigenvectors * scaled;
      f.value_and_gradient(trial, trial_g);
      if (trial_g.allFinite() && trial_g.norm() < g.norm()) {
        x = trial;
        g = trial_g;
        mu = std::max(mu / 3.0, 1e-15);
        improved = true;
      } else {
        mu *= 4.0;
      }
    }
    if (!improved) break; // no step lowers ||g||: a minimum of ||g||^2 that is not critical
  }
  result.value = f.value_and_gradient(x, g);
  result.gradient_norm = g.norm();
  result.iterations = it;
  result.converged = result.gradient_norm <= search.gradient_tolerance;
  const HessianSpectrum spectrum = hessian_spectrum(f, x);
  result.eigenvalues = spectrum.eigenvalues;
  result.classification = classify(result.gradient_norm, spectrum.eigenvalues, search.tolerances);
  result.x = std::move(x);
  return result;
}

Vector random_start(Eigen::Index n, std::uint64_t seed, double scale) {
  Random rng(seed);
  Vector start(n);
  for (Eigen::Index i = 0; i < n; ++i) start[i] = rng.normal(0.0, scale);
  return start;
}

std::string critical_point_json(const CriticalPoint& c, std::optional<double> floor) {
  return nlohmann::ordered_json{{"value", c.value},
                                {"grad_norm", c.gradient_norm},
                                {"converged", c.converged},
                                {"iterations", c.iterations},
                                {"index", c.classification.index},
                                {"negative", c.classification.negative},
                                {"zero", c.classification.zero},
                                {"positive", c.classification.positive},
                                {"kind", to_string(c.classification.kind)},
                                {"at_global_minimum", at_global_minimum(c.value, floor)}}
      .dump();
}

} // namespace landscape
