// Why this file exists: what the core accepts (data sets, features, activations, losses,
// optimizers with their defaults, surfaces, limits, tolerances) is known once, here in the
// core, and reaches the pages through the bindings: a page builds its menus from the
// catalog instead of keeping a second copy of the lists that could drift from the parser's.
#pragma once

#include "model/network.hpp"

#include <string>

namespace landscape {

// {"datasets": [{name, problem, inputs}], "features", "activations", "losses", "regularizations",
//  "inits", "optimizers": [{name, label, full_batch, hessian, defaults, required}], "optimizer_common",
//  "surfaces": [{name, label, formula, tex, axes, window, lowest_value, parameters}] (formula and tex: the
//  surface with its default parameters, Surface::formula() and tex()), "limits", "tolerances",
//  "messages": {code: English template} (core/input/messages.hpp)}.
std::string catalog_json();

// Where each parameter lives in the flat vector (docs/javascript.md, "Parameter layout"):
// {"layers": [{"W": {offset, rows, cols}, "b": {offset, size} | null}], "neuron": {"a": {offset, size},
//  "b": {offset, size}, "W": {offset, rows, cols}} | null, "size": total}. neuron_on: the vector
// holds the added neuron's (a, b, W) after the network's parameters.
std::string parameter_layout_json(const NetworkSpec& network, bool neuron_on);

} // namespace landscape
