#include "data.hpp"

#include "portable_math.hpp"
#include "random.hpp"

namespace landscape {

const std::vector<std::string>& dataset_kinds() {
  static const std::vector<std::string> kinds = {"inline", "circle", "xor",   "gaussians",
                                                 "spiral", "moons",  "plane", "sine"};
  return kinds;
}

namespace {
constexpr double kPi = 3.14159265358979323846;

// Shapes follow TensorFlow Playground's generators (inputs roughly in [-6, 6]^2), each
// drawn from our own generator.
Dataset generate(const std::string& kind, int n, double noise, Random& rng) {
  Dataset d;
  d.x.resize(n, kind == "sine" ? 1 : 2);
  d.y.resize(n, 1);
  for (int i = 0; i < n; ++i) {
    double x1 = 0, x2 = 0, label = 0;
    if (kind == "circle") {
      const bool inside = i < n / 2;
      const double radius = inside ? rng.uniform(0.0, 2.5) : rng.uniform(3.5, 5.0);
      const double angle = rng.uniform(0.0, 2 * kPi);
      x1 = radius * portable::sin(angle) + noise * rng.uniform(-5.0, 5.0);
      x2 = radius * portable::cos(angle) + noise * rng.uniform(-5.0, 5.0);
      label = inside ? 1 : -1;
    } else if (kind == "xor") {
      x1 = rng.uniform(-5.0, 5.0);
      x2 = rng.uniform(-5.0, 5.0);
      x1 += x1 > 0 ? 0.3 : -0.3; // keep a gap around the axes, as the Playground does
      x2 += x2 > 0 ? 0.3 : -0.3;
      label = x1 * x2 >= 0 ? 1 : -1;
      x1 += noise * rng.uniform(-5.0, 5.0);
      x2 += noise * rng.uniform(-5.0, 5.0);
    } else if (kind == "gaussians") {
      const bool positive = i < n / 2;
      const double centre = positive ? 2.0 : -2.0;
      const double spread = 0.5 + 3.5 * noise;
      x1 = rng.normal(centre, spread);
      x2 = rng.normal(centre, spread);
      label = positive ? 1 : -1;
    } else if (kind == "spiral") {
      const bool positive = i < n / 2;
      const int j = positive ? i : i - n / 2;
      const int per_arm = positive ? n / 2 : n - n / 2;
      const double r = 5.0 * j / per_arm;
      const double t = 1.75 * j / per_arm * 2 * kPi + (positive ? 0.0 : kPi);
      x1 = r * portable::sin(t) + noise * rng.uniform(-1.0, 1.0);
      x2 = r * portable::cos(t) + noise * rng.uniform(-1.0, 1.0);
      label = positive ? 1 : -1;
    } else if (kind == "moons") {
      const bool upper = i < n / 2;
      const double t = rng.uniform(0.0, kPi);
      x1 = upper ? 3.0 * portable::cos(t) - 1.5 : 3.0 * (1.0 - portable::cos(t)) - 1.5;
      x2 = upper ? 3.0 * portable::sin(t) - 0.75 : -3.0 * portable::sin(t) + 0.75;
      x1 += noise * rng.normal();
      x2 += noise * rng.normal();
      label = upper ? 1 : -1;
    } else if (kind == "plane") {
      x1 = rng.uniform(-6.0, 6.0);
      x2 = rng.uniform(-6.0, 6.0);
      label = (x1 + x2) / 12.0 + noise * rng.normal();
    } else if (kind == "sine") {
      x1 = rng.uniform(-3.0, 3.0);
      label = portable::sin(x1) + noise * rng.normal();
    }
    d.x(i, 0) = x1;
    if (d.x.cols() > 1) d.x(i, 1) = x2;
    d.y(i, 0) = label;
  }
  return d;
}
} // namespace

Dataset make_dataset(const DataSpec& spec, std::uint64_t seed) {
  if (spec.kind == "inline") return Dataset{spec.x, spec.y};
  Random rng(seed);
  return generate(spec.kind, spec.points, spec.noise, rng);
}

Matrix one_hot(const Matrix& labels, int classes) {
  Matrix out = Matrix::Zero(labels.rows(), classes);
  for (Eigen::Index i = 0; i < labels.rows(); ++i) {
    const double label = labels(i, 0);
    int index = classes == 2 ? (label > 0 ? 1 : 0) : static_cast<int>(label);
    if (index < 0) index = 0;
    if (index >= classes) index = classes - 1;
    out(i, index) = 1.0;
  }
  return out;
}

} // namespace landscape
