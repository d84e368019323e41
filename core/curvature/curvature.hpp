// Why this file exists: exact second-order information about any Objective. The dense
// Hessian is built column by column from exact Hessian-vector products and decomposed
// (small models); Lanczos on Hessian-vector products gives the extreme eigenvalues of
// models too large for a dense Hessian. classify() turns a spectrum into what a reader
// asks: is this point a minimum, a saddle, a maximum, or degenerate?
#pragma once

#include "input/result.hpp"
#include "model/objective.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace landscape {

struct DenseHessian {
  Matrix matrix;          // n x n, symmetrised: (H + H^T) / 2
  double asymmetry = 0.0; // max |H_ij - H_ji| before symmetrising (exact HVPs: rounding only)
};
DenseHessian dense_hessian(const Objective& f, const Vector& x);

struct HessianSpectrum {
  Vector eigenvalues;  // ascending
  Matrix eigenvectors; // columns, orthonormal, in the order of the eigenvalues
};
HessianSpectrum hessian_spectrum(const Matrix& symmetric);
HessianSpectrum hessian_spectrum(const Objective& f, const Vector& x);

enum class PointKind { minimum, maximum, saddle, degenerate, not_critical };
std::string to_string(PointKind kind);

// Tolerances of classify(), with the reasons beside each.
struct ClassificationTolerances {
  double gradient = 1e-6; // ||grad|| above this: not a critical point
  double zero = 1e-8;     // |lambda_i| <= zero * max_j |lambda_j| counts as a zero eigenvalue
};

struct PointClassification {
  double gradient_norm = 0.0;
  double smallest_eigenvalue = 0.0, largest_eigenvalue = 0.0;
  Eigen::Index negative = 0, zero = 0, positive = 0; // eigenvalue counts
  double index = 0.0;                                // fraction of negative eigenvalues
  PointKind kind = PointKind::not_critical;
};

// From a gradient norm and an ascending spectrum. Kinds: not critical if the gradient is
// larger than the tolerance; otherwise minimum (all eigenvalues positive), maximum (all
// negative), saddle (some negative and some positive, zeros allowed: a negative direction
// makes it a saddle whatever the zeros), degenerate (zeros with one sign only, or all zero:
// the second-order test cannot decide, e.g. the hyperbola of (w1 w2 - 1)^2 or the monkey saddle).
PointClassification classify(double gradient_norm, const Vector& ascending_eigenvalues,
                             const ClassificationTolerances& tolerances = {});
PointClassification classify(const Objective& f, const Vector& x,
                             const ClassificationTolerances& tolerances = {});

// What the signs that classify() counted say of the matrix itself, whatever the gradient:
// "positive definite" (all positive), "negative definite" (all negative), "indefinite" (both
// signs, zeros allowed, as classify() calls such a point a saddle), "singular" (a zero
// eigenvalue and one sign only, or all zero: the case classify() calls degenerate).
std::string definiteness(const PointClassification& classification);

// Models up to this many parameters get the dense Hessian (spectrum, critical-point finder,
// Newton steps) in the page: its n Hessian-vector products and n x n eigen-decomposition
// take about a second at this size in wasm.
inline constexpr Eigen::Index kMaxDenseHessianParameters = 2000;

// "At a global minimum, up to rounding": the value is within kGlobalMinimumTolerance *
// max(1, |floor|) of a known floor (the lowest value the objective can take: 0 for squared
// losses, a surface's lowest_value). Near a curve of global minima the Hessian's tiny
// eigenvalues take either sign by the last rounding, so the second-order test alone would
// call such a point "minimum" or "degenerate" at random; the floor settles it. No floor
// known (nullopt, e.g. cross-entropy, whose infimum is not attained): false.
inline constexpr double kGlobalMinimumTolerance = 1e-8;
bool at_global_minimum(double value, std::optional<double> floor);

// {"eigenvalues" (ascending), "index", "negative", "zero", "positive", "kind", "grad_norm", "value",
// "at_global_minimum"} at x: what the CLI's `hessian` command prints and the page's spectrum
// panel reads. lowest_value: the objective's known floor (see at_global_minimum). An error,
// never NaN eigenvalues, when the loss, the gradient or an entry of the Hessian is not finite
// at x (an eigen-decomposition of a matrix with NaN gives NaN that classify() would count).
Result<std::string> spectrum_json(const Objective& f, const Vector& x,
                                  const ClassificationTolerances& tolerances = {},
                                  std::optional<double> lowest_value = std::nullopt);

struct ExtremeEigenvalues {
  double smallest = 0.0, largest = 0.0; // the extreme Ritz values (eigenvalues of T_k)
  // ||H y - theta y|| for the Ritz vector y of each: some eigenvalue of H lies within this
  // of theta. Small residuals say the steps were enough; 0 after an exact invariant subspace.
  double smallest_residual = 0.0, largest_residual = 0.0;
  int iterations = 0; // Hessian-vector products used (k, or fewer on early breakdown)
};

// Lanczos with full re-orthogonalisation, k steps (at most n), from a start vector drawn
// from the seed; the extreme Ritz values converge first. Breakdown (an invariant Krylov
// subspace, where the Ritz values are exact) is judged relative to the size of T, so a
// Hessian of tiny scale is treated like any other.
ExtremeEigenvalues lanczos_extremes(const Objective& f, const Vector& x, int steps, std::uint64_t seed = 1);

// The Krylov basis holds n x min(steps, n) doubles: a request from the page may ask for at most
// this many (256 MB), so it cannot exhaust the wasm heap.
inline constexpr long long kMaxLanczosBasis = 1LL << 25;

struct PowerIteration {
  double eigenvalue = 0.0; // Rayleigh quotient v^T H v of the last unit iterate v
  double residual = 0.0;   // ||H v - eigenvalue v||
  int iterations = 0;      // Hessian-vector products used
  bool converged = false;  // residual <= tolerance * |eigenvalue|, or H v = 0
};

// Power iteration: the eigenvalue of largest magnitude. Convergence is judged
// by the residual, not by the change of the estimate: when the two extreme eigenvalues have
// equal magnitude and opposite signs (the saddle of (w1 w2 - 1)^2: -2 and +2) the iterates
// alternate with a constant Rayleigh quotient that is neither, and only the residual shows
// it; then converged stays false. For the largest (signed) eigenvalue, use lanczos_extremes.
PowerIteration power_iteration(const Objective& f, const Vector& x, int max_iterations = 1000,
                               double tolerance = 1e-8, std::uint64_t seed = 1);

// A fixed symmetric matrix as an Objective (value x^T A x / 2): for tests and benchmarks of
// the eigen-solvers.
class QuadraticObjective final : public Objective {
public:
  explicit QuadraticObjective(Matrix symmetric) : a_(std::move(symmetric)) {}
  Eigen::Index dimension() const override { return a_.rows(); }
  double value(const Vector& x) const override { return 0.5 * x.dot(a_ * x); }
  double value_and_gradient(const Vector& x, Vector& gradient) const override {
    gradient = a_ * x;
    return 0.5 * x.dot(gradient);
  }
  void hessian_vector(const Vector&, const Vector& v, Vector& hv) const override { hv = a_ * v; }

private:
  Matrix a_;
};

} // namespace landscape
