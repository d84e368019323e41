// Why this file exists: the scenario's "view" section (docs/landscape-views.md, the view
// section): which picture of the landscape a scenario asks for (a 2-D slice around the trained
// point, a 1-D interpolation, a trained curve between two minima, the sharpness of two end
// points) and its sizes. Parsed here, apart from the rest of the schema, and checked against
// the scenario's compare variants, so the CLI, the wasm module and the page refuse the same
// bad view with the same message naming the field.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace landscape {

class FirstFailure; // core/input/field_reader.hpp

enum class ViewKind { slice, interpolate, connect, sharpness };
std::string to_string(ViewKind kind);
const std::vector<std::string>& view_kinds();

// Every field of every kind; a kind uses some of them and refuses the others by name.
struct ViewSpec {
  ViewKind kind = ViewKind::slice;
  std::uint64_t seed = 1; // random directions, Lanczos starts, the curve's samples of t
  // slice
  std::string directions = "filter"; // filter | random | pca
  int resolution = 41;               // grid points per side
  double range = 1.0;                // alpha, beta in [-range, range]
  bool convexity = false;            // a "convexity" section was given
  int convexity_resolution = 11;
  int lanczos_steps = 20; // convexity map; sharpness uses its own default 40
  // interpolate, connect, sharpness: two compare variants' trained points (interpolate
  // without it: the scenario's initial and trained points)
  std::vector<std::string> between;
  int points = 41;            // interpolate, connect, sharpness: values of t on the line
  double t0 = -0.5, t1 = 1.5; // interpolate, sharpness: the line's extent ("range": [t0, t1])
  // connect
  std::string curve = "bezier"; // bezier | polychain
  int steps = 1000;             // curve training steps
  std::string method = "adam";  // sgd | adam
  double learning_rate = 0.01;
  int samples_per_step = 4;
  // sharpness: Dinh et al.'s rescaling of layer `rescale_layer` by each alpha
  int rescale_layer = 0;
  std::vector<double> rescale_alphas;
};

// Limits: a slice's side, a line's points, curve steps.
inline constexpr int kMaxViewResolution = 201;
inline constexpr int kMaxConvexityResolution = 51;
inline constexpr int kMaxCurveSteps = 1000000;

// Reads `section` (the value of "view") into `out`, or records in `failure` the first problem
// naming the field ("view.curve: unknown field (known: ...)"). `variants`: the names of the
// scenario's compare variants, which "between" must name.
void read_view_section(const nlohmann::json& section, const std::vector<std::string>& variants, ViewSpec& out,
                       FirstFailure& failure);

} // namespace landscape
