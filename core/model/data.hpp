// Why this file exists: the toy datasets, generated from a seed with the core's own
// random generator, so the same seed gives bit-identical points natively and in wasm.
// Classification sets have labels +-1 in one column (the TensorFlow Playground
// convention, for squared loss with a tanh output); cross-entropy uses one_hot(). The spiral
// and the Gaussians also come in 3 to 5 classes (labels 0..k-1, for softmax cross-entropy).
#pragma once

#include "input/result.hpp"
#include "model/network.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace landscape {

struct DataSpec {
  std::string kind = "inline";       // inline | circle | xor | gaussians | spiral | moons | plane | sine
  int points = 200;                  // generated points, training and test together
  double noise = 0.0;                // scale of the label-independent jitter (kind-specific units)
  double test_fraction = 0.0;        // generated data: this share of the (shuffled) points is held out
  int classes = 2;                   // spiral and gaussians: 2 (labels +-1) or 3..5 (labels 0..k-1)
  Matrix x, y;                       // inline training points and targets
  Matrix test_x, test_y;             // inline test points (optional)
  std::vector<std::string> features; // network inputs computed from x (empty: x itself)
  // Generated data: their own seed, so the same points can meet other initial weights (a
  // reader re-initialises, or many starts on one dataset); absent: the scenario's seed.
  std::optional<std::uint64_t> seed;
};

// "inline" and every generated kind (dataset_table()'s names): what data.kind accepts.
const std::vector<std::string>& dataset_kinds();

// What a generated data set is: the parser's defaults and the catalog both read this table.
struct DatasetKind {
  std::string name;
  bool classification = false; // labels +-1 (two classes); otherwise a regression target
  int inputs = 2;              // raw input columns, before the features
  int max_classes = 2;         // classification sets that also come in 3..max_classes classes
};
const std::vector<DatasetKind>& dataset_table();
// The entry of a generated kind; null for "inline" or an unknown name.
const DatasetKind* find_dataset_kind(const std::string& name);
// The generated kinds that come in more than two classes (spiral, gaussians).
bool takes_classes(const std::string& kind);
constexpr int kMaxClasses = 5;
// "x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)" (the Playground's input features).
const std::vector<std::string>& feature_names();
// How a page shows a feature to a reader ("sin x₁" for "sin(x1)"): the playground's network
// diagram and an exercise's checkboxes. The name itself for one that is not a feature.
std::string feature_label(const std::string& name);

struct DataSplit {
  Dataset train, test; // test may be empty
};

// Generates the points of a (validated) spec and splits them; inline data is returned as
// is. Features are not applied yet (apply_features).
DataSplit make_dataset(const DataSpec& spec, std::uint64_t seed);

// Network inputs from raw points (rows): one column per feature, in the given order.
// An empty list returns the raw points. Names must come from feature_names() and may use
// x2 only when the points have two columns (validated by the scenario parser).
Matrix apply_features(const Matrix& raw, const std::vector<std::string>& features);

// Rows with labels +-1 (or class indices 0..k-1 with classes > 2) to one-hot rows. Labels
// are validated by the scenario parser; anything else still never reaches an integer cast
// (converting 1e300 to int is undefined behaviour): out of range goes to the nearest class,
// NaN to class 0.
Matrix one_hot(const Matrix& labels, int classes);

// Whether a label is a class index for `classes` softmax outputs: a whole number from 0 to
// classes - 1, or, with two classes, -1 (the +-1 convention, -1 meaning class 0).
bool is_class_label(double label, int classes);

} // namespace landscape
