// Why this file exists: what a page (or any caller) asks of a running Training beside the
// training itself: its description, the Hessian's spectrum or extreme eigenvalues at the current
// parameters, and the curvature panel's measurement, whose policy (dense spectrum for small
// models, Lanczos beyond; what counts as a negative direction) is decided here, once, rather
// than in each caller. The bindings only pass these texts on.
#pragma once

#include "input/result.hpp"
#include "training/training.hpp"

#include <string>

namespace landscape {

// The curvature panel's policy (training_curvature_json): the dense spectrum up to this many
// parameters (its n Hessian-vector products and eigen-decomposition stay well under a second in
// wasm), and while training only up to the second, smaller count (it runs between bursts of
// training); Lanczos with this many Hessian-vector products beyond.
inline constexpr long long kPanelDenseParameters = 400;
inline constexpr long long kPanelDenseWhileTraining = 120;
inline constexpr int kPanelLanczosSteps = 30;

// {"name", "description", "parameter_count" (the network's, without the added neuron), "steps",
//  "log_every", "added_neuron", "neuron_start_step", "lambda", "optimizer", "learning_rate", "loss",
//  "problem", "inputs", "raw_inputs", "features", "layers": [{units, activation, bias}], "init",
//  "batch_size", "regularization": {kind, rate}, "data_kind", "noise", "test_points", "seed",
//  "data": {x, y}, "points": {x, y, test_x, test_y} (the raw points, before the input features),
//  "compare": [{name, label}]}.
std::string training_info_json(const Training& training);

// spectrum_json() at the current parameters, or the refusal naming the limit it passes
// (check_dense_hessian: kMaxDenseHessianParameters, memory, work) and the alternative.
Result<std::string> training_spectrum_json(const Training& training);

// Lanczos extreme eigenvalues after `steps` Hessian-vector products (a JavaScript number, read
// by whole_number): {smallest, largest, iterations, value, grad_norm, at_global_minimum,
// negative_curvature}; a refusal naming "steps" past kMaxLanczosBasis, or when the products are
// not finite.
Result<std::string> training_extremes_json(const Training& training, double steps);

// The curvature panel's measurement at the current parameters. full: the reader is looking (a
// pause, a step); otherwise training is running. The dense spectrum when the parameters (the
// added neuron's included, as many as the parameter layout counts) are at most
// kPanelDenseParameters (kPanelDenseWhileTraining while training) and the dense Hessian fits the
// core's limits; Lanczos otherwise. {"dense", "n", "smallest", "largest", "grad_norm",
// "critical" (the gradient norm within the classification tolerance), "negative_curvature" (a
// negative eigenvalue beyond the zero-eigenvalue tolerance), "at_global_minimum"; dense also
// "index", "negative", "zero", "positive", "kind"; Lanczos also "iterations"}.
Result<std::string> training_curvature_json(const Training& training, bool full);

} // namespace landscape
