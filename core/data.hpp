// Why this file exists: the toy datasets, generated from a seed with the core's own
// random generator, so the same seed gives bit-identical points natively and in wasm.
// Classification sets have labels +-1 in one column (the TensorFlow Playground
// convention, for squared loss with a tanh output); cross-entropy uses one_hot().
#pragma once

#include "network.hpp"
#include "result.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace landscape {

struct DataSpec {
  std::string kind = "inline"; // inline | circle | xor | gaussians | spiral | moons | plane | sine
  int points = 200;
  double noise = 0.0;           // scale of the label-independent jitter (kind-specific units)
  Matrix x, y;                  // inline points and targets
};

const std::vector<std::string>& dataset_kinds();

// Generates the points of a (validated) spec; inline data is returned as is.
Dataset make_dataset(const DataSpec& spec, std::uint64_t seed);

// Rows with labels +-1 (or class indices 0..k-1 with classes > 2) to one-hot rows.
Matrix one_hot(const Matrix& labels, int classes);

} // namespace landscape
