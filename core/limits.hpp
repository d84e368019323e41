// Why this file exists: the scenario's static limits (units, layers, points) say what is
// sensible, not what the machine can do: 100,000 points on a 2-1024-1024-1 network pass them
// all and then need gigabytes, which aborts the wasm module (a wasm32 heap stops at 2 GB), and
// Newton on 17,025 parameters asks for a 2.3 GB dense Hessian. These estimates are made from the
// scenario before anything is allocated, so such a request is refused with a message naming the
// field, the limit and what to do instead. One budget natively and in wasm: the same scenario
// is accepted or refused everywhere, with the same message.
#pragma once

#include "network.hpp"

#include <cstdint>
#include <string>

namespace landscape {

struct Scenario;

// The core's working memory for one scenario (data, every pass's buffers, Hessians) may not
// exceed this: a quarter of the wasm32 heap's 2 GB, leaving room for the page's own copies
// and for the allocator's fragmentation.
inline constexpr double kWorkingMemoryBudget = 512.0 * (1 << 20);

// Multiply-adds of one pass over the training data (points x the network's multiply-adds per
// point): the initial loss, every logged record and every full-batch step does one or more, and
// none can be interrupted by the page. 2e9 is about a second in wasm.
inline constexpr double kMaxPassWork = 2e9;

// Multiply-adds of one dense Hessian (parameters x points x multiply-adds per point; the n x n
// eigen-decomposition is bounded by kMaxDenseHessianParameters): a Newton step, or the
// spectrum of the page's curvature panel. 2e10 is about ten seconds in wasm.
inline constexpr double kMaxDenseHessianWork = 2e10;

// Multiply-adds of the network for one point (every layer's W times its input; the added
// neuron's exponents).
double network_work_per_point(const NetworkSpec& network);

// Bytes of one forward/backward pass over `points` points with scalars of `scalar_bytes`
// (8: double, 16: a Hessian-vector product's dual number, 72: the dense Hessian's pack of
// eight tangents): every layer's pre-activations and activations, the backward deltas.
double pass_bytes(const NetworkSpec& network, double points, double scalar_bytes);

// Bytes of the dense Hessian of n parameters on `points` points: its passes and the n x n
// matrices (the Hessian, its transpose, the eigenvectors, the solver's copy).
double dense_hessian_bytes(const NetworkSpec& network, double points, double n);

// "" when the scenario fits kWorkingMemoryBudget, kMaxPassWork and (for Newton-type
// optimizers) kMaxDenseHessianParameters and kMaxDenseHessianWork; otherwise the message,
// naming the field (data.points, model.layers, optimizer.kind) and the alternative.
std::string check_resources(const Scenario& scenario);

// "" when the dense Hessian (a spectrum, a critical-point search) of the scenario's model
// with n parameters fits the limits; otherwise the message, which starts with `what`.
std::string check_dense_hessian(const Scenario& scenario, long long n, const std::string& what);

// 17025 -> "17,025": the numbers of these messages are read by people.
std::string with_thousands(long long value);

} // namespace landscape
