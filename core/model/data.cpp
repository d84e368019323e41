#include "model/data.hpp"

#include "numerics/portable_math.hpp"
#include "numerics/random.hpp"

#include <algorithm>
#include <cmath>

namespace landscape {

const std::vector<DatasetKind>& dataset_table() {
  static const std::vector<DatasetKind> table = {{"circle", true, 2},
                                                 {"xor", true, 2},
                                                 {"gaussians", true, 2, kMaxClasses},
                                                 {"spiral", true, 2, kMaxClasses},
                                                 {"moons", true, 2},
                                                 {"plane", false, 2},
                                                 {"sine", false, 1}};
  return table;
}

const std::vector<std::string>& dataset_kinds() {
  static const std::vector<std::string> kinds = [] {
    std::vector<std::string> names{"inline"};
    for (const DatasetKind& kind : dataset_table()) names.push_back(kind.name);
    return names;
  }();
  return kinds;
}

const DatasetKind* find_dataset_kind(const std::string& name) {
  for (const DatasetKind& kind : dataset_table())
    if (kind.name == name) return &kind;
  return nullptr;
}

bool takes_classes(const std::string& kind) {
  const DatasetKind* entry = find_dataset_kind(kind);
  return entry && entry->max_classes > 2;
}

namespace {
constexpr double kPi = 3.14159265358979323846;

// Class c of k owns the points [c n / k, (c + 1) n / k): the classes are as even as n allows
// (integer arithmetic, so the same everywhere).
int class_of(int i, int n, int k) {
  int c = k - 1;
  while (c > 0 && i < c * n / k) --c;
  return c;
}

// Shapes follow TensorFlow Playground's generators (inputs roughly in [-6, 6]^2), each
// drawn from our own generator. Two classes take the Playground's code paths unchanged
// (labels +-1); more classes have their own branches (labels 0..k-1), so adding them
// changed no existing point by a bit.
Dataset generate(const std::string& kind, int n, double noise, int classes, Random& rng) {
  Dataset d;
  d.x.resize(n, find_dataset_kind(kind)->inputs);
  d.y.resize(n, 1);
  for (int i = 0; i < n; ++i) {
    double x1 = 0, x2 = 0, label = 0;
    if (kind == "spiral" && classes > 2) {
      // k arms, a turn of 2 pi / k apart; each turns 3.5 / k times (1.75 for two classes),
      // so neighbouring arms keep the two-class spiral's spacing and stay as separable.
      const int c = class_of(i, n, classes);
      const int first = c * n / classes, per_arm = (c + 1) * n / classes - first;
      const int j = i - first;
      const double r = 5.0 * j / per_arm;
      const double t = 3.5 / classes * j / per_arm * 2 * kPi + 2 * kPi * c / classes;
      x1 = r * portable::sin(t) + noise * rng.uniform(-1.0, 1.0);
      x2 = r * portable::cos(t) + noise * rng.uniform(-1.0, 1.0);
      label = c;
    } else if (kind == "gaussians" && classes > 2) {
      // k blobs evenly spaced on the circle through the two-class blobs' centres (2, 2) and
      // (-2, -2), starting at (2, 2).
      const int c = class_of(i, n, classes);
      const double angle = kPi / 4 + 2 * kPi * c / classes, radius = 2 * std::sqrt(2.0);
      const double spread = 0.5 + 3.5 * noise;
      x1 = rng.normal(radius * portable::cos(angle), spread);
      x2 = rng.normal(radius * portable::sin(angle), spread);
      label = c;
    } else if (kind == "circle") {
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

const std::vector<std::string>& feature_names() {
  static const std::vector<std::string> names = {"x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"};
  return names;
}

std::string feature_label(const std::string& name) {
  static const std::vector<std::string> labels = {"x₁", "x₂", "x₁²", "x₂²", "x₁x₂", "sin x₁", "sin x₂"};
  const auto& names = feature_names();
  const auto it = std::find(names.begin(), names.end(), name);
  return it == names.end() ? name : labels[std::size_t(it - names.begin())];
}

DataSplit make_dataset(const DataSpec& spec, std::uint64_t seed) {
  if (spec.kind == "inline") return DataSplit{Dataset{spec.x, spec.y}, Dataset{spec.test_x, spec.test_y}};
  Random rng(seed);
  const Dataset all = generate(spec.kind, spec.points, spec.noise, spec.classes, rng);
  // Shuffle (the generators emit one class after the other), then hold out the test share.
  const Eigen::Index m = all.size();
  std::vector<Eigen::Index> order(static_cast<std::size_t>(m));
  for (Eigen::Index i = 0; i < m; ++i) order[std::size_t(i)] = i;
  for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);
  const Eigen::Index test = static_cast<Eigen::Index>(std::floor(spec.test_fraction * double(m)));
  DataSplit split;
  split.train.x.resize(m - test, all.x.cols());
  split.train.y.resize(m - test, all.y.cols());
  split.test.x.resize(test, all.x.cols());
  split.test.y.resize(test, all.y.cols());
  for (Eigen::Index i = 0; i < m; ++i) {
    Dataset& target = i < m - test ? split.train : split.test;
    const Eigen::Index row = i < m - test ? i : i - (m - test);
    target.x.row(row) = all.x.row(order[std::size_t(i)]);
    target.y.row(row) = all.y.row(order[std::size_t(i)]);
  }
  return split;
}

Matrix apply_features(const Matrix& raw, const std::vector<std::string>& features) {
  if (features.empty()) return raw;
  Matrix out(raw.rows(), Eigen::Index(features.size()));
  for (std::size_t j = 0; j < features.size(); ++j) {
    const std::string& f = features[j];
    for (Eigen::Index i = 0; i < raw.rows(); ++i) {
      const double x1 = raw(i, 0), x2 = raw.cols() > 1 ? raw(i, 1) : 0.0;
      double v = x1;
      if (f == "x2")
        v = x2;
      else if (f == "x1^2")
        v = x1 * x1;
      else if (f == "x2^2")
        v = x2 * x2;
      else if (f == "x1*x2")
        v = x1 * x2;
      else if (f == "sin(x1)")
        v = portable::sin(x1);
      else if (f == "sin(x2)")
        v = portable::sin(x2);
      out(i, Eigen::Index(j)) = v;
    }
  }
  return out;
}

Matrix one_hot(const Matrix& labels, int classes) {
  Matrix out = Matrix::Zero(labels.rows(), classes);
  for (Eigen::Index i = 0; i < labels.rows(); ++i) {
    const double label = labels(i, 0);
    // Converting a double outside int's range is undefined behaviour: compare first, and
    // cast only a value already known to lie in [0, classes - 1).
    int index = 0;
    if (classes == 2)
      index = label > 0 ? 1 : 0;
    else if (label >= double(classes - 1))
      index = classes - 1;
    else if (label > 0)
      index = static_cast<int>(label);
    out(i, index) = 1.0;
  }
  return out;
}

bool is_class_label(double label, int classes) {
  if (!std::isfinite(label) || std::floor(label) != label) return false;
  return (label >= 0 && label < double(classes)) || (classes == 2 && label == -1);
}

} // namespace landscape
