// Why this file exists: the pictures of a loss landscape as
// functions of an Objective, not of the page, so a widget, the CLI and a test draw the same
// numbers: 1-D interpolation between two parameter vectors, 2-D slices along random or
// filter-normalised directions (evaluable a few rows at a time, so a page can show a slice
// while it is computed), the plane of a trajectory's top two principal directions, the
// convexity map |lambda_min / lambda_max| over a slice, mode-connecting curves (quadratic
// Bezier, polygonal chain) with a trainable bend, the sharpness (largest Hessian eigenvalue)
// and the rescaling of a ReLU network that changes the sharpness but not the function.
// Random directions come from core/numerics/random.hpp and every sum runs in a fixed order, so a seed
// gives the same bits natively and in wasm.
#pragma once

#include "curvature/curvature.hpp"
#include "input/result.hpp"
#include "model/network.hpp"
#include "numerics/random.hpp"

#include <cstdint>
#include <limits>
#include <vector>

namespace landscape {

// ---------------------------------------------------------------------------------------
// 1-D views

// `count` evenly spaced values from first to last, both included; value i is computed as
// ((count - 1 - i) first + i last) / (count - 1), so the end points are exact, and so are
// the values whose numerator is exact and divides exactly: 0 and 1 on [-0.5, 1.5] with 9
// or 401 points, 0 on [-1, 1] with an odd count. count = 1 gives {first}.
Vector even_grid(double first, double last, int count);

struct LineSlice {
  Vector t;    // the positions, even_grid(t0, t1, count)
  Vector loss; // f at each position
};

// L((1 - t) theta0 + t theta1) at `count` values of t in [t0, t1] (Goodfellow et al. 2015).
// At t = 0 and t = 1 the points are theta0 and theta1 exactly.
LineSlice interpolate(const Objective& f, const Vector& theta0, const Vector& theta1, int count,
                      double t0 = -0.5, double t1 = 1.5);

// L(theta + s d) at `count` values of s in [s0, s1] (Li et al.'s 1-D plot).
LineSlice direction_slice(const Objective& f, const Vector& theta, const Vector& direction, int count,
                          double s0 = -1.0, double s1 = 1.0);

// The test (or any other) data term along the same line: data_loss((1 - t) theta0 + t theta1)
// of f (no weight penalty: what a record's test_loss reports), at the same positions as
// interpolate() with the same arguments.
LineSlice interpolate_data_loss(const NetworkObjective& f, const Vector& theta0, const Vector& theta1,
                                int count, double t0 = -0.5, double t1 = 1.5);

// Goodfellow et al.'s observation, as a fact about a computed line: between t = from and
// t = to (the positions of `line` inside [from, to], in order) the loss never rises from one
// position to the next. largest_rise is the largest rise found (0 when there is none; +inf
// when a loss in the range is not finite) and rise_at the t where that rise ends (NaN when
// none); positions counts the points inspected.
struct LineMonotony {
  bool decreasing = true;
  double largest_rise = 0.0;
  double rise_at = std::numeric_limits<double>::quiet_NaN();
  int positions = 0;
};
LineMonotony monotony_between(const LineSlice& line, double from = 0.0, double to = 1.0);

// ---------------------------------------------------------------------------------------
// Directions

// n independent standard normal entries, drawn in order from rng.
Vector gaussian_direction(Eigen::Index n, Random& rng);

// The filter blocks of Li et al.'s normalisation for our fully connected layers: each
// neuron's incoming weight row (row u of W_l, in the flat layout of network.hpp) and, with
// the added neuron, its W row k per output unit; and the entries a direction leaves at zero
// (the layers' biases; the added neuron's a and b).
struct RowBlock {
  Eigen::Index offset = 0, length = 0;
};
struct FilterBlocks {
  std::vector<RowBlock> rows;
  std::vector<Eigen::Index> zeroed;
  Eigen::Index dimension = 0; // of the parameter vector the blocks cover, every entry exactly once
};
FilterBlocks filter_blocks(const NetworkSpec& network, bool added_neuron);

// d with every row block rescaled to the norm of the same block of theta, and zeros at the
// zeroed entries. Li et al. divide by ||d_row|| + 1e-10 to avoid 0/0; a zero
// row of d stays zero here instead, so the norms agree to the last rounding.
Vector filter_normalize(const Vector& direction, const Vector& theta, const FilterBlocks& blocks);

// A plane through origin spanned by two directions: the point (alpha, beta) is
// origin + alpha d1 + beta d2.
struct Plane {
  Vector origin, d1, d2;
};

// Two raw Gaussian directions (d1 drawn first, then d2, from one generator seeded with seed).
Plane gaussian_plane(const Vector& theta, std::uint64_t seed);
// The same two Gaussian draws, filter-normalised against theta for f's network (with its
// added neuron when f has it on). Rescaling a ReLU layer of theta rescales these directions
// with it, which is what makes the plots comparable.
Plane filter_normalized_plane(const NetworkObjective& f, const Vector& theta, std::uint64_t seed);

// Where theta lies with respect to a plane: (alpha, beta) of the plane's point nearest to
// theta (least squares: the 2 x 2 Gram system of d1, d2, which are not orthogonal for random
// directions; for orthonormal directions the two dot products), and the distance from theta to
// that point (how much of theta - origin the plane misses). Sums run in ascending index order,
// so the bits do not depend on the build. theta equal to the origin gives (0, 0) exactly.
// Directions with a singular Gram matrix (d2 parallel to d1 or zero) project on d1 alone.
struct PlaneCoordinates {
  double alpha = 0.0, beta = 0.0, distance = 0.0;
};
PlaneCoordinates project_onto_plane(const Plane& plane, const Vector& theta);

// The top two principal directions of a trajectory theta_0, ..., theta_n:
// PCA of the rows theta_i - theta_n (i < n), centred as sklearn does. Coordinates use the
// uncentred rows, so the final point projects to (0, 0) exactly.
struct TrajectoryPca {
  Vector direction1, direction2;             // orthonormal
  double explained1 = 0.0, explained2 = 0.0; // shares of the variance, in [0, 1], sum <= 1
  Matrix coordinates;                        // (n + 1) x 2: <theta_i - theta_n, direction_j>
  // The plane of the two directions through origin (normally theta_n), for slice().
  Plane plane(const Vector& origin) const { return Plane{origin, direction1, direction2}; }
};
// Errors: fewer than two points, points of different sizes, or a trajectory that never moves.
// When all motion lies on one line, direction2 is a fixed unit vector orthogonal to
// direction1 (explained2 is then 0 up to rounding). Signs: the first point has coordinates >= 0.
Result<TrajectoryPca> trajectory_pca(const std::vector<Vector>& trajectory);

// ---------------------------------------------------------------------------------------
// 2-D slices

// columns values of alpha (even_grid(alpha0, alpha1, columns)) times rows values of beta.
struct SliceGrid {
  int columns = 51, rows = 51;
  double alpha0 = -1.0, alpha1 = 1.0, beta0 = -1.0, beta1 = 1.0;
  Vector alphas() const { return even_grid(alpha0, alpha1, columns); }
  Vector betas() const { return even_grid(beta0, beta1, rows); }
};
// Why a grid is unusable (naming the field: "columns: must be 1..2048 (got 0)"), or empty.
std::string check_grid(const SliceGrid& grid);

// values(r, c) = f(origin + alpha_c d1 + beta_r d2) for the rows r in [first_row, end_row);
// values is grid.rows x grid.columns (zeroed first if it has another shape), other rows are
// left alone. A page fills a few rows per request and draws them; the result does not
// depend on how the rows are split. value() only: no gradient. The point is formed as
// (origin + alpha d1) + beta d2, so at (0, 0) it is origin exactly.
void fill_slice_rows(const Objective& f, const Plane& plane, const SliceGrid& grid, int first_row,
                     int end_row, Matrix& values);
Matrix slice(const Objective& f, const Plane& plane, const SliceGrid& grid);

// The extreme Hessian eigenvalues at every point of a (coarser) grid on the plane, by
// Lanczos with `lanczos_steps` exact Hessian-vector products from the same seeded start,
// and Li et al.'s map |lambda_min / lambda_max|: small where the surface is
// convex or nearly so (a network's lambda_min >= 0 is tiny: it has many flat directions),
// large where negative curvature is strong; the sign of `smallest` tells which. A few
// Lanczos steps give the extremes only roughly (smallest errs towards 0): a map, not a proof.
struct ConvexityMap {
  Matrix smallest, largest, ratio; // grid.rows x grid.columns
};
ConvexityMap make_convexity_map(const SliceGrid& grid);
void fill_convexity_rows(const Objective& f, const Plane& plane, const SliceGrid& grid, int first_row,
                         int end_row, ConvexityMap& map, int lanczos_steps = 20, std::uint64_t seed = 1);

// ---------------------------------------------------------------------------------------
// Mode connectivity (Garipov et al. 2018)

enum class CurveKind { bezier, polychain };
std::string to_string(CurveKind kind);

// phi(t) = start w1 + bend c + end w2:
//   bezier:    (1-t)^2, 2t(1-t), t^2;
//   polychain: 1-2t, 2t, 0 for t <= 1/2 and 0, 2-2t, 2t-1 after (w1 -> c -> w2).
// The three sum to 1; at t = 0 and 1 the curve is w1 and w2 exactly.
struct CurveCoefficients {
  double start = 1.0, bend = 0.0, end = 0.0;
};
CurveCoefficients curve_coefficients(CurveKind kind, double t);
Vector curve_point(CurveKind kind, const Vector& w1, const Vector& bend, const Vector& w2, double t);

// L(phi(t)) at `count` values of t in [0, 1].
LineSlice curve_losses(const Objective& f, CurveKind kind, const Vector& w1, const Vector& bend,
                       const Vector& w2, int count);

struct CurveTrainingOptions {
  CurveKind kind = CurveKind::bezier;
  enum class Method { sgd, adam } method = Method::adam;
  double learning_rate = 0.01;
  int samples_per_step = 4; // t ~ U[0, 1] drawn per step; the step follows their mean loss
  double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8; // Adam
  std::uint64_t seed = 1;
};
// Why the options are unusable (naming the field), or empty.
std::string check_curve_options(const CurveTrainingOptions& options);

// Trains the bend c of a curve between two fixed end points to minimise the loss averaged
// over t ~ U[0, 1] (drawn from the seed): each step draws samples_per_step values of t and
// moves c along the gradient of their mean loss, sum_s coeff_bend(t_s) grad L(phi(t_s)) / S.
// Steppable, so a page can draw the curve while it trains. c starts at the midpoint, where
// the Bezier curve is the straight line. Adam's bias corrections use running products of
// beta1, beta2 (no pow), so the steps are the same bits in every build.
class CurveTrainer {
public:
  // f must outlive the trainer; w1 and w2 are copied and never change.
  CurveTrainer(const Objective& f, Vector w1, Vector w2, CurveTrainingOptions options);

  // k steps; returns the mean of L(phi(t_s)) over the last step's samples (NaN for k <= 0).
  double step(int k);
  int steps() const { return steps_; }
  const Vector& bend() const { return bend_; }
  const Vector& start() const { return w1_; }
  const Vector& end() const { return w2_; }
  const CurveTrainingOptions& options() const { return options_; }
  Vector point(double t) const { return curve_point(options_.kind, w1_, bend_, w2_, t); }
  LineSlice losses(int count) const { return curve_losses(f_, options_.kind, w1_, bend_, w2_, count); }

private:
  const Objective& f_;
  Vector w1_, w2_, bend_;
  CurveTrainingOptions options_;
  Random rng_;
  int steps_ = 0;
  Vector gradient_, point_gradient_, first_, second_; // first_, second_: Adam's moments
  double beta1_power_ = 1.0, beta2_power_ = 1.0;
};

// ---------------------------------------------------------------------------------------
// Sharpness

// The largest Hessian eigenvalue at x: the top Ritz value of lanczos_extremes (with its
// residual, which bounds the distance to a true eigenvalue).
ExtremeEigenvalues sharpness(const Objective& f, const Vector& x, int lanczos_steps = 40,
                             std::uint64_t seed = 1);

// Dinh et al.'s alpha-scale transformation: layer l's W and b times alpha,
// layer l+1's W times 1 / alpha. With a positively homogeneous activation (relu, linear) on
// layer l, the network computes the same function (the same loss without a weight penalty)
// while its Hessian, and so its sharpness, changes. The added neuron's parameters stay.
// Errors: l out of 0..layers-2, alpha not > 0 and finite, layer l neither relu nor linear,
// layer l or l+1 residual (skip), theta of the wrong size.
Result<Vector> rescale_layers(const NetworkSpec& network, bool added_neuron, const Vector& theta, int layer,
                              double alpha);

} // namespace landscape
