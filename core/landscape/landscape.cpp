#include "landscape/landscape.hpp"
#include "input/messages.hpp"

#include <Eigen/Eigenvalues>

#include <cmath>
#include <limits>
#include <sstream>

namespace landscape {

namespace {
// A value is acceptable as a grid bound or a learning rate when it is finite.
bool finite(double x) { return std::isfinite(x); }
} // namespace

Vector even_grid(double first, double last, int count) {
  if (count <= 0) return Vector();
  Vector grid(count);
  if (count == 1) {
    grid[0] = first;
    return grid;
  }
  const double intervals = double(count - 1);
  for (int i = 0; i < count; ++i) grid[i] = (double(count - 1 - i) * first + double(i) * last) / intervals;
  return grid;
}

LineSlice interpolate(const Objective& f, const Vector& theta0, const Vector& theta1, int count, double t0,
                      double t1) {
  LineSlice line{even_grid(t0, t1, count), Vector(std::max(count, 0))};
  Vector point(theta0.size());
  for (int i = 0; i < count; ++i) {
    const double t = line.t[i];
    point = (1.0 - t) * theta0 + t * theta1; // per entry: ((1 - t) theta0_j) + (t theta1_j)
    line.loss[i] = f.value(point);
  }
  return line;
}

LineSlice interpolate_data_loss(const NetworkObjective& f, const Vector& theta0, const Vector& theta1,
                                int count, double t0, double t1) {
  LineSlice line{even_grid(t0, t1, count), Vector(std::max(count, 0))};
  Vector point(theta0.size());
  for (int i = 0; i < count; ++i) {
    const double t = line.t[i];
    point = (1.0 - t) * theta0 + t * theta1; // the same points as interpolate()
    line.loss[i] = f.data_loss(point);
  }
  return line;
}

LineMonotony monotony_between(const LineSlice& line, double from, double to) {
  LineMonotony out;
  bool have_previous = false;
  double previous = 0.0;
  for (Eigen::Index i = 0; i < line.t.size(); ++i) {
    const double t = line.t[i];
    if (!(t >= from && t <= to)) continue;
    ++out.positions;
    const double loss = line.loss[i];
    if (!finite(loss)) { // nothing after a non-finite point is comparable
      out.decreasing = false;
      out.largest_rise = std::numeric_limits<double>::infinity();
      out.rise_at = t;
      break;
    }
    if (have_previous && loss > previous) {
      out.decreasing = false;
      if (loss - previous > out.largest_rise) {
        out.largest_rise = loss - previous;
        out.rise_at = t;
      }
    }
    previous = loss;
    have_previous = true;
  }
  return out;
}

LineSlice direction_slice(const Objective& f, const Vector& theta, const Vector& direction, int count,
                          double s0, double s1) {
  LineSlice line{even_grid(s0, s1, count), Vector(std::max(count, 0))};
  Vector point(theta.size());
  for (int i = 0; i < count; ++i) {
    point = theta + line.t[i] * direction;
    line.loss[i] = f.value(point);
  }
  return line;
}

Vector gaussian_direction(Eigen::Index n, Random& rng) {
  Vector d(n);
  for (Eigen::Index i = 0; i < n; ++i) d[i] = rng.normal();
  return d;
}

FilterBlocks filter_blocks(const NetworkSpec& network, bool added_neuron) {
  FilterBlocks blocks;
  Eigen::Index offset = 0, fan_in = network.inputs;
  // Per layer: W (units x fan_in, row-major: one row per neuron), then b (units).
  for (const LayerSpec& layer : network.layers) {
    for (int u = 0; u < layer.units; ++u) blocks.rows.push_back({offset + u * fan_in, fan_in});
    offset += layer.units * fan_in;
    if (layer.bias)
      for (int u = 0; u < layer.units; ++u) blocks.zeroed.push_back(offset++);
    fan_in = layer.units;
  }
  if (added_neuron) {
    // a (d_y), b (d_y), then W (d_y x d_x, row-major): row k is output unit k's neuron.
    const Eigen::Index dy = network.outputs(), dx = network.inputs;
    for (Eigen::Index j = 0; j < 2 * dy; ++j) blocks.zeroed.push_back(offset++);
    for (Eigen::Index k = 0; k < dy; ++k) blocks.rows.push_back({offset + k * dx, dx});
    offset += dy * dx;
  }
  blocks.dimension = offset;
  return blocks;
}

Vector filter_normalize(const Vector& direction, const Vector& theta, const FilterBlocks& blocks) {
  // Entries outside every row block (the zeroed ones) stay 0.
  Vector normalized = Vector::Zero(direction.size());
  for (const RowBlock& row : blocks.rows) {
    const double direction_norm = direction.segment(row.offset, row.length).norm();
    if (direction_norm == 0.0) continue;
    const double scale = theta.segment(row.offset, row.length).norm() / direction_norm;
    normalized.segment(row.offset, row.length) = scale * direction.segment(row.offset, row.length);
  }
  return normalized;
}

Plane gaussian_plane(const Vector& theta, std::uint64_t seed) {
  Random rng(seed);
  Vector d1 = gaussian_direction(theta.size(), rng);
  Vector d2 = gaussian_direction(theta.size(), rng);
  return Plane{theta, std::move(d1), std::move(d2)};
}

Plane filter_normalized_plane(const NetworkObjective& f, const Vector& theta, std::uint64_t seed) {
  const Plane raw = gaussian_plane(theta, seed);
  const FilterBlocks blocks = filter_blocks(f.network(), f.neuron().enabled);
  return Plane{theta, filter_normalize(raw.d1, theta, blocks), filter_normalize(raw.d2, theta, blocks)};
}

namespace {
// sum_j a_j b_j in ascending j (a plain loop: the order never depends on Eigen's blocking,
// which follows the machine's cache sizes for large products).
double ordered_dot(const double* a, const double* b, Eigen::Index n, Eigen::Index stride_a = 1,
                   Eigen::Index stride_b = 1) {
  double sum = 0.0;
  for (Eigen::Index j = 0; j < n; ++j) sum += a[j * stride_a] * b[j * stride_b];
  return sum;
}

// v minus its components along the (orthonormal) columns given, then normalised; a zero
// vector when nothing is left (relative to scale).
Vector orthonormalize(Vector v, const std::vector<const Vector*>& basis, double scale) {
  for (int pass = 0; pass < 2; ++pass)
    for (const Vector* b : basis) v -= v.dot(*b) * *b;
  const double norm = v.norm();
  if (!(norm > 1e-10 * scale)) return Vector::Zero(v.size());
  return v / norm;
}
} // namespace

PlaneCoordinates project_onto_plane(const Plane& plane, const Vector& theta) {
  const Eigen::Index n = theta.size();
  const Vector r = theta - plane.origin; // exactly 0 where theta is the origin
  const double g11 = ordered_dot(plane.d1.data(), plane.d1.data(), n);
  const double g12 = ordered_dot(plane.d1.data(), plane.d2.data(), n);
  const double g22 = ordered_dot(plane.d2.data(), plane.d2.data(), n);
  const double b1 = ordered_dot(plane.d1.data(), r.data(), n);
  const double b2 = ordered_dot(plane.d2.data(), r.data(), n);
  PlaneCoordinates out;
  const double determinant = g11 * g22 - g12 * g12;
  if (determinant > 1e-12 * g11 * g22) {
    out.alpha = (g22 * b1 - g12 * b2) / determinant;
    out.beta = (g11 * b2 - g12 * b1) / determinant;
  } else if (g11 > 0.0) {
    out.alpha = b1 / g11;
  }
  const Vector off = r - out.alpha * plane.d1 - out.beta * plane.d2;
  out.distance = std::sqrt(ordered_dot(off.data(), off.data(), n));
  return out;
}

Result<TrajectoryPca> trajectory_pca(const std::vector<Vector>& trajectory) {
  if (trajectory.size() < 2)
    return refused({"trajectory", "trajectory_too_short", {std::to_string(trajectory.size())}});
  const Vector& final_point = trajectory.back();
  const Eigen::Index n = final_point.size();
  if (n < 2) return refused({"trajectory", "trajectory_one_parameter", {}});
  for (std::size_t i = 0; i < trajectory.size(); ++i)
    if (trajectory[i].size() != n) {
      // Points of one run are of one network: a check of the caller's own code, plain English.
      std::ostringstream out;
      out << "trajectory[" << i << "]: has " << trajectory[i].size() << " parameters, the last point " << n;
      return Error{out.str()};
    }
  // rows is r x n: theta_i - theta_final for the r points before the last; centred is the
  // same minus the mean row (the PCA fit is centred, the coordinates are not).
  const Eigen::Index r = Eigen::Index(trajectory.size()) - 1;
  Matrix rows(r, n);
  for (Eigen::Index i = 0; i < r; ++i) rows.row(i) = (trajectory[std::size_t(i)] - final_point).transpose();
  Vector mean = Vector::Zero(n);
  for (Eigen::Index i = 0; i < r; ++i) mean += rows.row(i).transpose();
  mean /= double(r);
  const Matrix centred = rows.rowwise() - mean.transpose();

  // The principal directions are the top eigenvectors of centred^T centred (n x n). When
  // r <= n, the r x r Gram matrix centred centred^T has the same nonzero eigenvalues and
  // gives the directions as centred^T u, normalised: cheaper for long parameter vectors.
  Vector variances; // ascending
  Vector top[2];
  if (r <= n) {
    Matrix gram(r, r); // r x r, each entry summed over the n parameters in order
    for (Eigen::Index i = 0; i < r; ++i)
      for (Eigen::Index j = 0; j <= i; ++j)
        gram(i, j) = gram(j, i) = ordered_dot(centred.data() + i, centred.data() + j, n, r, r);
    Eigen::SelfAdjointEigenSolver<Matrix> solver(gram);
    variances = solver.eigenvalues();
    for (int k = 0; k < 2 && k < r; ++k) {
      const Vector u = solver.eigenvectors().col(r - 1 - k);
      top[k] = Vector::Zero(n); // centred^T u, summed over the rows in order
      for (Eigen::Index i = 0; i < r; ++i) top[k] += u[i] * centred.row(i).transpose();
    }
  } else {
    Matrix covariance(n, n); // n x n, each entry summed over the r rows in order
    for (Eigen::Index a = 0; a < n; ++a)
      for (Eigen::Index b = 0; b <= a; ++b)
        covariance(a, b) = covariance(b, a) =
            ordered_dot(centred.data() + a * r, centred.data() + b * r, r); // column-major columns
    Eigen::SelfAdjointEigenSolver<Matrix> solver(covariance);
    variances = solver.eigenvalues();
    top[0] = solver.eigenvectors().col(n - 1);
    top[1] = solver.eigenvectors().col(n - 2);
  }
  double total = 0.0;
  for (Eigen::Index i = 0; i < variances.size(); ++i) total += std::max(variances[i], 0.0);
  const double largest = variances[variances.size() - 1];
  if (!(largest > 0.0) || !std::isfinite(total)) return refused({"trajectory", "trajectory_all_equal", {}});

  TrajectoryPca pca;
  const double top_norm = top[0].norm(); // sqrt(largest) up to rounding: > 0
  if (!(top_norm > 0.0)) return refused({"trajectory", "trajectory_rounding_only", {}});
  pca.direction1 = top[0] / top_norm;
  const double second = variances.size() >= 2 ? std::max(variances[variances.size() - 2], 0.0) : 0.0;
  if (second > 1e-12 * largest) pca.direction2 = orthonormalize(top[1], {&pca.direction1}, top[1].norm());
  if (pca.direction2.size() != n || pca.direction2.norm() == 0.0) {
    // All motion on one line: any unit vector orthogonal to direction1 spans the plane; a
    // fixed seeded one, so the choice is reproducible.
    Random rng(1);
    pca.direction2 = orthonormalize(gaussian_direction(n, rng), {&pca.direction1}, 1.0);
  }
  pca.explained1 = largest / total;
  pca.explained2 = second / total;
  // Signs: the first point on the non-negative side of both directions.
  const Vector first = rows.row(0).transpose();
  if (first.dot(pca.direction1) < 0.0) pca.direction1 = -pca.direction1;
  if (first.dot(pca.direction2) < 0.0) pca.direction2 = -pca.direction2;
  // coordinates is (r + 1) x 2; the final point's row is 0 (theta_n - theta_n = 0 exactly).
  pca.coordinates = Matrix::Zero(r + 1, 2);
  for (Eigen::Index i = 0; i < r; ++i) {
    const Vector row = rows.row(i).transpose();
    pca.coordinates(i, 0) = row.dot(pca.direction1);
    pca.coordinates(i, 1) = row.dot(pca.direction2);
  }
  return pca;
}

std::string check_grid(const SliceGrid& grid) {
  std::ostringstream out;
  constexpr int kMaxSide = 2048;
  if (grid.columns < 1 || grid.columns > kMaxSide)
    out << "columns: must be 1.." << kMaxSide << " (got " << grid.columns << ")";
  else if (grid.rows < 1 || grid.rows > kMaxSide)
    out << "rows: must be 1.." << kMaxSide << " (got " << grid.rows << ")";
  else if (!finite(grid.alpha0) || !finite(grid.alpha1))
    out << "alpha range: must be finite (got " << grid.alpha0 << ", " << grid.alpha1 << ")";
  else if (!finite(grid.beta0) || !finite(grid.beta1))
    out << "beta range: must be finite (got " << grid.beta0 << ", " << grid.beta1 << ")";
  return out.str();
}

void fill_slice_rows(const Objective& f, const Plane& plane, const SliceGrid& grid, int first_row,
                     int end_row, Matrix& values) {
  if (values.rows() != grid.rows || values.cols() != grid.columns)
    values = Matrix::Zero(grid.rows, grid.columns);
  const Vector alphas = grid.alphas(), betas = grid.betas();
  Vector point(plane.origin.size());
  // values is rows x columns: row r is beta_r, column c is alpha_c.
  for (int r = std::max(first_row, 0); r < std::min(end_row, grid.rows); ++r)
    for (int c = 0; c < grid.columns; ++c) {
      point = plane.origin + alphas[c] * plane.d1 + betas[r] * plane.d2;
      values(r, c) = f.value(point);
    }
}

Matrix slice(const Objective& f, const Plane& plane, const SliceGrid& grid) {
  Matrix values(grid.rows, grid.columns);
  fill_slice_rows(f, plane, grid, 0, grid.rows, values);
  return values;
}

ConvexityMap make_convexity_map(const SliceGrid& grid) {
  return ConvexityMap{Matrix::Zero(grid.rows, grid.columns), Matrix::Zero(grid.rows, grid.columns),
                      Matrix::Zero(grid.rows, grid.columns)};
}

void fill_convexity_rows(const Objective& f, const Plane& plane, const SliceGrid& grid, int first_row,
                         int end_row, ConvexityMap& map, int lanczos_steps, std::uint64_t seed) {
  if (map.ratio.rows() != grid.rows || map.ratio.cols() != grid.columns) map = make_convexity_map(grid);
  const Vector alphas = grid.alphas(), betas = grid.betas();
  Vector point(plane.origin.size());
  // map's matrices are rows x columns, like slice().
  for (int r = std::max(first_row, 0); r < std::min(end_row, grid.rows); ++r)
    for (int c = 0; c < grid.columns; ++c) {
      point = plane.origin + alphas[c] * plane.d1 + betas[r] * plane.d2;
      const ExtremeEigenvalues e = lanczos_extremes(f, point, lanczos_steps, seed);
      map.smallest(r, c) = e.smallest;
      map.largest(r, c) = e.largest;
      // 0 / 0 (a flat point) counts as convex.
      map.ratio(r, c) = e.smallest == 0.0 ? 0.0 : std::abs(e.smallest / e.largest);
    }
}

std::string to_string(CurveKind kind) {
  switch (kind) {
  case CurveKind::bezier: return "bezier";
  case CurveKind::polychain: return "polychain";
  }
  return "?";
}

CurveCoefficients curve_coefficients(CurveKind kind, double t) {
  if (kind == CurveKind::polychain) {
    if (t <= 0.5) return {1.0 - 2.0 * t, 2.0 * t, 0.0};
    return {0.0, 2.0 - 2.0 * t, 2.0 * t - 1.0};
  }
  const double s = 1.0 - t;
  return {s * s, 2.0 * t * s, t * t};
}

Vector curve_point(CurveKind kind, const Vector& w1, const Vector& bend, const Vector& w2, double t) {
  const CurveCoefficients k = curve_coefficients(kind, t);
  return k.start * w1 + k.bend * bend + k.end * w2; // per entry: ((start w1) + (bend c)) + (end w2)
}

LineSlice curve_losses(const Objective& f, CurveKind kind, const Vector& w1, const Vector& bend,
                       const Vector& w2, int count) {
  LineSlice line{even_grid(0.0, 1.0, count), Vector(std::max(count, 0))};
  for (int i = 0; i < count; ++i) line.loss[i] = f.value(curve_point(kind, w1, bend, w2, line.t[i]));
  return line;
}

std::string check_curve_options(const CurveTrainingOptions& o) {
  std::ostringstream out;
  if (!(o.learning_rate > 0.0 && o.learning_rate <= 1e6))
    out << "learning_rate: must be > 0 and <= 1e+06 (got " << o.learning_rate << ")";
  else if (o.samples_per_step < 1 || o.samples_per_step > 4096)
    out << "samples_per_step: must be 1..4096 (got " << o.samples_per_step << ")";
  else if (o.method == CurveTrainingOptions::Method::adam &&
           (!(o.beta1 >= 0.0 && o.beta1 < 1.0) || !(o.beta2 >= 0.0 && o.beta2 < 1.0)))
    out << "beta1, beta2: must be in [0, 1) (got " << o.beta1 << ", " << o.beta2 << ")";
  else if (o.method == CurveTrainingOptions::Method::adam && !(o.epsilon > 0.0 && finite(o.epsilon)))
    out << "epsilon: must be > 0 (got " << o.epsilon << ")";
  return out.str();
}

CurveTrainer::CurveTrainer(const Objective& f, Vector w1, Vector w2, CurveTrainingOptions options)
    : f_(f), w1_(std::move(w1)), w2_(std::move(w2)), options_(options), rng_(options.seed) {
  bend_ = 0.5 * (w1_ + w2_); // on the straight line (Garipov et al.'s init_linear)
}

double CurveTrainer::step(int k) {
  double mean = std::numeric_limits<double>::quiet_NaN();
  const Eigen::Index n = bend_.size();
  const int samples = options_.samples_per_step;
  for (int s = 0; s < k; ++s) {
    // gradient_ (n) = sum over the samples, in draw order, of coeff_bend(t) grad L(phi(t)), / S.
    gradient_ = Vector::Zero(n);
    double total = 0.0;
    for (int j = 0; j < samples; ++j) {
      const double t = rng_.uniform();
      const CurveCoefficients c = curve_coefficients(options_.kind, t);
      total += f_.value_and_gradient(curve_point(options_.kind, w1_, bend_, w2_, t), point_gradient_);
      gradient_ += c.bend * point_gradient_;
    }
    gradient_ /= double(samples);
    mean = total / double(samples);
    ++steps_;
    // A non-finite loss leaves the bend where it was: the caller sees the NaN or inf it returns.
    if (!std::isfinite(mean) || !gradient_.allFinite()) continue;
    if (options_.method == CurveTrainingOptions::Method::sgd) {
      bend_ -= options_.learning_rate * gradient_;
      continue;
    }
    if (first_.size() != n) {
      first_ = Vector::Zero(n);
      second_ = Vector::Zero(n);
    }
    beta1_power_ *= options_.beta1;
    beta2_power_ *= options_.beta2;
    const double c1 = 1.0 - beta1_power_, c2 = 1.0 - beta2_power_;
    for (Eigen::Index i = 0; i < n; ++i) {
      first_[i] = options_.beta1 * first_[i] + (1.0 - options_.beta1) * gradient_[i];
      second_[i] = options_.beta2 * second_[i] + (1.0 - options_.beta2) * (gradient_[i] * gradient_[i]);
      bend_[i] -= options_.learning_rate * (first_[i] / c1) / (std::sqrt(second_[i] / c2) + options_.epsilon);
    }
  }
  return mean;
}

ExtremeEigenvalues sharpness(const Objective& f, const Vector& x, int lanczos_steps, std::uint64_t seed) {
  return lanczos_extremes(f, x, lanczos_steps, seed);
}

Result<Vector> rescale_layers(const NetworkSpec& network, bool added_neuron, const Vector& theta, int layer,
                              double alpha) {
  const int depth = int(network.layers.size());
  const Eigen::Index expected =
      network.parameter_count() + (added_neuron ? network.outputs() * (2 + network.inputs) : 0);
  if (layer < 0 || layer + 1 >= depth)
    return refused({"layer", "rescale_layer", {std::to_string(depth - 2), std::to_string(layer)}});
  std::ostringstream out;
  if (!(alpha > 0.0 && finite(alpha)))
    out << "alpha: must be > 0 and finite (got " << alpha << ")";
  else if (theta.size() != expected)
    out << "theta: has " << theta.size() << " parameters, the network " << expected;
  else {
    const Activation activation = network.layers[std::size_t(layer)].activation;
    if (activation != Activation::relu && activation != Activation::linear)
      return refused({"", "rescale_activation", {std::to_string(layer), to_string(activation)}});
    // A residual layer's identity path would not be rescaled with its branch.
    for (int l = layer; l <= layer + 1; ++l)
      if (network.residual(std::size_t(l))) return refused({"", "rescale_skip", {std::to_string(l)}});
  }
  if (!out.str().empty()) return Error{out.str()};

  Vector scaled = theta;
  Eigen::Index offset = 0, fan_in = network.inputs;
  for (int l = 0; l <= layer + 1; ++l) {
    const LayerSpec& spec = network.layers[std::size_t(l)];
    const Eigen::Index weights = spec.units * fan_in, biases = spec.bias ? spec.units : 0;
    if (l == layer) scaled.segment(offset, weights + biases) *= alpha; // W_l then b_l
    if (l == layer + 1) scaled.segment(offset, weights) /= alpha;      // W_{l+1} only
    offset += weights + biases;
    fan_in = spec.units;
  }
  return scaled;
}

} // namespace landscape
