// Why this file exists: the scenario's static limits (units, layers, points) say what is
// sensible, not what the machine can do: 100,000 points on a 2-1024-1024-1 network pass them
// all and then need gigabytes, which aborts the wasm module (a wasm32 heap stops at 2 GB), and
// Newton on 17,025 parameters asks for a 2.3 GB dense Hessian. These estimates are made from the
// scenario before anything is allocated, so such a request is refused with a message naming the
// field, the limit and what to do instead. One budget natively and in wasm: the same scenario
// is accepted or refused everywhere, with the same message.
#pragma once

#include "input/messages.hpp"
#include "input/result.hpp"
#include "model/network.hpp"

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

// Multiply-adds one request may take when the page cannot divide it into pieces: the whole
// check of an exercise's answer (a training run through all its steps, and its spectra), one
// critical-point search. Counted from the scenario before anything runs, never timed, so a
// request is accepted or refused alike on every machine, and a teacher's list of links is never
// held longer than this by one of them. Measured on this 2-core machine (loaded), the core does
// 1e9 to 4e9 of these multiply-adds a second natively (a network's passes slower,
// eigen-decompositions faster) and about 3e9 in wasm (a 2-32-32-1 network's 3,000 full-batch
// steps, 2.8e9, took 0.85 s in node), so 4e9 is one to four seconds; every shipped exercise's
// known answer needs at most a third of it (a test checks; exercise_check_work gives the figure).
inline constexpr double kMaxRequestWork = 4e9;

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

// Multiply-adds of one dense Hessian of n parameters on the scenario's training points (n
// passes of forward-over-reverse dual numbers) with its eigen-decomposition (about 9 n^3).
double dense_hessian_work(const Scenario& scenario, double n);

// The work of training the scenario through all its steps: each step's passes over its batch
// (a Newton-type step's dense Hessian and eigen-decomposition too), each record's pass over
// every point; and what the run is, for a message ("3,000 gd steps of a 2-1024-1024-1 network
// on 250 training points").
struct RunWork {
  double work = 0.0;
  long long steps = 0;
  std::string optimizer;            // "gd", "newton", ...
  std::string shape;                // "2-1024-1024-1"
  long long points = 0;             // training points
  long long hessian_parameters = 0; // the dense Hessian each step builds (0: none)
};
RunWork training_work(const Scenario& scenario);

// "2.4e+12": how the messages write amounts of work.
std::string work_text(double work);

// A count a page passes as a JavaScript number (a double: embind would wrap 2^31 into an int's
// -2^31, and a cast of 1e300 or NaN to an integer is undefined): the whole number it is, or the
// refusal "<field>: must be a whole number from <lo> to <hi> (got <value>)" (code
// whole_number_out_of_range).
Result<long long> whole_number(double value, const std::string& field, long long lo, long long hi);

// No refusal (code "") when the scenario fits kWorkingMemoryBudget, kMaxPassWork and (for
// Newton-type optimizers, and the scenario's critical-point finder) kMaxDenseHessianParameters and
// kMaxDenseHessianWork; otherwise the refusal, naming the field (data.points, data.x,
// optimizer.kind, critical_points) and what to do instead.
Refusal check_resources(const Scenario& scenario);

// Who asks for the dense Hessian: each says what to do instead in its own words (a refusal code
// of its own, so a translation words each).
enum class DenseHessianUse {
  optimizer,       // a Newton-type optimizer's steps: field optimizer.kind
  scenario_finder, // the scenario's critical_points survey: field critical_points
  spectrum,        // the bindings' spectrum(): ask for extremes() instead
  critical_point,  // the bindings' criticalPoint()
  command,         // the command line's `landscape hessian`
};

// No refusal when the dense Hessian (a spectrum, a critical-point search, a Newton step) of the
// scenario's model with n parameters fits the limits; otherwise the refusal of `use`.
Refusal check_dense_hessian(const Scenario& scenario, long long n, DenseHessianUse use);

// 17025 -> "17,025": the numbers of these messages are read by people.
std::string with_thousands(long long value);

} // namespace landscape
