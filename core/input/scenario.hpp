// Why this file exists: one JSON schema describes an experiment (data, model, loss,
// added neuron, optimizer, seed, steps, logging). It is parsed and validated once,
// here, so the CLI, the wasm module and the page all refuse bad input with the same
// message naming the field, and never crash on it. Schema: docs/scenarios.md, "Scenario files".
#pragma once

#include "input/result.hpp"
#include "input/view_scenario.hpp"
#include "model/data.hpp"
#include "model/network.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace landscape {

struct InitSpec {
  std::string kind = "normal"; // normal | uniform | zeros | params
  double scale = 1.0;          // normal: sd = scale / sqrt(fan_in); uniform: U(-scale, scale)
  double bias = 0.0;           // initial value of every bias (normal, uniform)
  std::vector<double> params;  // kind "params": the full network parameter vector
};

struct AddedNeuronPhase {
  AddedNeuronSpec spec;       // enabled, lambda
  int start_step = 0;         // plain steps before the neuron is switched on
  std::vector<double> params; // initial (a, b, W); empty: all zero
};

struct OptimizerSpec {
  std::string kind = "gd";                           // see optimizer_kinds()
  double learning_rate = 0.01;                       // gd, sgd, momentum, adam; armijo: the first trial step
  double max_learning_rate = 1.0;                    // armijo: the cap on the doubling step
  double momentum = 0.9;                             // momentum
  double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8; // adam
  double damping = 0.1;             // newton, saddle_free_newton: mu in (H + mu I) or (|H| + mu I)
  int batch_size = 0;               // points per step, any optimizer (0: all: full-batch)
  bool shuffle = true;              // batches: reshuffle every epoch (seeded), or the stored order
  double noise_radius = 1e-3;       // perturbed_gd: radius r of the uniform ball
  double gradient_threshold = 1e-3; // perturbed_gd: perturb when ||g|| <= this
  int perturbation_interval = 10;   // perturbed_gd: at least this many steps between perturbations
};

enum class Problem { classification, regression };

// A surface scenario's objective: one of surface_names() with its parameters.
struct SurfaceSpec {
  std::string name;
  double a = 1.0, b = 1.0;
  double angle = 0.0; // degrees: the quadratic's only (make_surface refuses it elsewhere)
};

// A named variant of a scenario ("compare"): the scenario with `patch` applied as a JSON merge
// patch (RFC 7386), validated like any scenario when the scenario is parsed.
struct ScenarioVariant {
  std::string name, label;
  std::string text; // the patched scenario's JSON, without "compare"
};

// The "critical_points" section (the index-versus-loss figure): `starts` runs of the
// critical-point finder from N(0, scale^2) parameters, then for each of `polish_starts` seeds a
// training with polish_init and polish_optimizer, polished by the finder at every stop.
struct CriticalPointsSpec {
  int starts = 30;
  double scale = 1.0;
  int iterations = 2000;
  int polish_starts = 0;
  std::vector<int> polish_stops; // increasing step counts
  int polish_iterations = 1000;
  InitSpec polish_init;
  OptimizerSpec polish_optimizer;
  int count() const { return starts + polish_starts * int(polish_stops.size()); }
};

struct Scenario {
  std::string name;
  std::string description;
  std::uint64_t seed = 0;
  DataSpec data;
  NetworkSpec network;
  LossKind loss = LossKind::squared;
  Problem problem = Problem::regression; // default: classification for class datasets and cross_entropy
  Regularization regularization;
  InitSpec init;
  AddedNeuronPhase added_neuron;
  OptimizerSpec optimizer;
  int steps = 1000;
  int log_every = 10;
  // Summary records leave out the per-point outputs and the parameters: a page logging
  // every epoch needs only the figures, and the arrays cost more than the epoch itself.
  // Training::current() always reports everything.
  bool log_arrays = true; // "log_detail": "full" (default) | "summary"
  // A surface scenario trains no network: its objective is a 2-D surface, run from `start`.
  std::optional<SurfaceSpec> surface;
  std::array<double, 2> start{0.0, 0.0};
  std::vector<ScenarioVariant> compare;
  std::optional<CriticalPointsSpec> critical_points;
  // The "view" section (core/input/view_scenario.hpp): the landscape picture of this scenario's runs.
  std::optional<ViewSpec> view;
};

const std::vector<std::string>& optimizer_kinds();
const std::vector<std::string>& init_kinds();           // model.init.kind
const std::vector<std::string>& regularization_kinds(); // regularization.kind
// A regularization's kind as pages write it ("L2"): the playground's menu and an exercise's
// answer form say the same words.
std::string regularization_label(const std::string& kind);

// Limits that keep a scenario interactive and memory-bounded (absurd sizes are refused).
inline constexpr int kMaxUnits = 1024;
inline constexpr int kMaxLayers = 16;
inline constexpr int kMaxPoints = 100000;
inline constexpr int kMaxInputs = 256;
inline constexpr long long kMaxParameters = 2000000;
inline constexpr int kMaxSteps = 100000000;
inline constexpr int kMaxVariants = 32; // compare entries
inline constexpr int kMaxCriticalPointSearches = 10000;
inline constexpr double kMaxRegularizationRate = 1e3;       // regularization.rate, from 0
inline constexpr std::size_t kMaxScenarioBytes = 16u << 20; // a scenario file read by the CLI

Result<Scenario> parse_scenario(const std::string& json_text);

// The scenario's variant `name` (from "compare") as JSON text, without "compare"; name "" is
// the scenario itself. Errors name the field, or say the variant is unknown.
Result<std::string> scenario_variant(const std::string& json_text, const std::string& name);

// {"name", "description", "kind": "network"|"surface", "steps", "compare": [{"name", "label"}],
//  "critical_point_searches": count (0 without the section)}: what a page needs before running;
//  a surface scenario's "surface": {"name", and each of its parameters (a, b; the quadratic's angle)}.
std::string scenario_info_json(const Scenario& scenario);

// An optimizer alone, with the scenario's "optimizer" schema (e.g. for paths on a surface).
Result<OptimizerSpec> parse_optimizer(const std::string& json_text);

// The training and test points of a scenario: generated from its seed (or inline), with
// the input features applied and one-hot targets for cross-entropy.
DataSplit scenario_data(const Scenario& scenario);
// The same points before the input features (labels +-1 or targets): what a page draws on the
// input plane.
DataSplit scenario_raw_data(const Scenario& scenario);
// Columns of those raw points (1 for sine and 1-D inline data, 2 otherwise).
int raw_input_columns(const Scenario& scenario);
// The objective's known floor, for at_global_minimum(): 0 for squared losses (every term of
// the trained objective, penalties included, is >= 0); none for cross-entropy.
std::optional<double> loss_floor(const Scenario& scenario);

// Its training points alone.
Dataset scenario_dataset(const Scenario& scenario);

// The initial network parameters (without the added neuron).
Vector initial_parameters(const Scenario& scenario);

} // namespace landscape
