#include "input/limits.hpp"

#include "curvature/curvature.hpp"
#include "input/scenario.hpp"
#include "training/optimizer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

namespace landscape {

namespace {

// "2-1024-1024-1": how the messages name a network.
std::string shape(const NetworkSpec& network) {
  std::string out = std::to_string(network.inputs);
  for (const LayerSpec& layer : network.layers) {
    out += '-'; // (not "-" + a temporary string: GCC 12 warns falsely, -Wrestrict)
    out += std::to_string(layer.units);
  }
  return out;
}

std::string bytes_text(double bytes) {
  char text[32];
  if (bytes >= double(1 << 30))
    std::snprintf(text, sizeof text, "%.1f GB", bytes / double(1 << 30));
  else
    std::snprintf(text, sizeof text, "%.0f MB", std::ceil(bytes / double(1 << 20)));
  return text;
}

// Every point the scenario holds, training and test (generated data are made all at once).
double scenario_points(const Scenario& s) {
  if (s.data.kind == "inline") return double(s.data.x.rows() + s.data.test_x.rows());
  return double(s.data.points);
}

// The field a message about the amount of data names.
std::string points_field(const Scenario& s) { return s.data.kind == "inline" ? "data.x" : "data.points"; }

long long parameters_with_neuron(const Scenario& s) {
  const long long dy = s.network.outputs();
  return s.network.parameter_count() + (s.added_neuron.spec.enabled ? dy * (2 + s.network.inputs) : 0);
}

// Bytes per point of everything a Training keeps or builds on its data (without the dense
// Hessian): the points themselves in their copies (the split, each objective's data and
// transposed data, the mini-batch objectives), the forward/backward buffers in double (kept
// between calls), a predict() pass beside them (records, accuracy) and the Hessian-vector
// product's pass on dual numbers (Lanczos in the curvature panel).
double training_bytes_per_point(const Scenario& s) {
  const double columns = double(s.network.inputs + s.network.outputs() + 2);
  return 8.0 * columns * 8.0 + 2.0 * pass_bytes(s.network, 1.0, 8.0) + pass_bytes(s.network, 1.0, 16.0);
}

// Training points (the test share of generated data held out).
double training_points(const Scenario& s) {
  if (s.data.kind == "inline") return double(s.data.x.rows());
  return double(s.data.points) - std::floor(double(s.data.points) * s.data.test_fraction);
}

// Multiply-adds per point of one value-and-gradient pass: the forward pass, the backward pass
// through the activations and the weight gradients.
constexpr double kGradientPasses = 3.0;

} // namespace

std::string work_text(double work) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2g", work);
  return text;
}

double dense_hessian_work(const Scenario& s, double n) {
  // A column of the Hessian is a Hessian-vector product: a gradient pass on dual numbers, about
  // four times a plain one; then the symmetric eigen-decomposition (tridiagonalisation and the
  // QR sweeps accumulating eigenvectors).
  return n * training_points(s) * network_work_per_point(s.network) * 4.0 * kGradientPasses + 9.0 * n * n * n;
}

RunWork training_work(const Scenario& s) {
  const double points = training_points(s);
  const double per_point = network_work_per_point(s.network);
  const double batch = s.optimizer.batch_size > 0 ? std::min(points, double(s.optimizer.batch_size)) : points;
  const OptimizerKind* kind = find_optimizer_kind(s.optimizer.kind);
  const bool hessian = kind && kind->hessian;
  // Armijo tries one or two step sizes a step after the first (each a value pass).
  const double passes = kGradientPasses + (s.optimizer.kind == "armijo" ? 2.0 : 0.0);
  double step = batch * per_point * passes;
  if (hessian) step += dense_hessian_work(s, double(parameters_with_neuron(s)));
  const double steps = double(s.steps);
  // A record: value and gradient on the training points, the loss (and accuracy) on all of them.
  const double records = std::ceil(steps / double(std::max(1, s.log_every))) + 1.0;
  const double record = scenario_points(s) * per_point * (kGradientPasses + 2.0);
  RunWork out;
  out.work = steps * step + records * record;
  out.steps = s.steps;
  out.optimizer = s.optimizer.kind;
  out.shape = shape(s.network);
  out.points = (long long)points;
  out.hessian_parameters = hessian ? parameters_with_neuron(s) : 0;
  return out;
}

Result<long long> whole_number(double value, const std::string& field, long long lo, long long hi) {
  if (std::isfinite(value) && value == std::floor(value) && value >= double(lo) && value <= double(hi))
    return static_cast<long long>(value);
  std::string got;
  if (std::isnan(value)) {
    got = "NaN";
  } else if (std::isinf(value)) {
    got = value > 0 ? "Infinity" : "-Infinity";
  } else if (value == std::floor(value) && std::fabs(value) < 1e21) { // as JavaScript writes it
    char text[32];
    std::snprintf(text, sizeof text, "%.0f", value); // 2147483648, not 2.147483648e+09
    got = text;
  } else {
    got = nlohmann::json(value).dump(); // the shortest text that reads back as the same double
  }
  return refused({field, "whole_number_out_of_range", {with_thousands(lo), with_thousands(hi), got}});
}

std::string with_thousands(long long value) {
  std::string digits = std::to_string(value < 0 ? -value : value), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return value < 0 ? "-" + out : out;
}

double network_work_per_point(const NetworkSpec& network) {
  double work = 0.0;
  double fan_in = network.inputs;
  for (const LayerSpec& layer : network.layers) {
    work += fan_in * layer.units + layer.units;
    fan_in = layer.units;
  }
  return work + double(network.outputs()) * double(network.inputs + 2); // the added neuron, if any
}

double pass_bytes(const NetworkSpec& network, double points, double scalar_bytes) {
  double values = network.inputs, widest = network.inputs;
  for (std::size_t l = 0; l < network.layers.size(); ++l) {
    const double units = network.layers[l].units;
    values += (network.residual(l) ? 3.0 : 2.0) * units; // z, activation (and the residual branch)
    widest = std::max(widest, units);
  }
  values += 3.0 * widest + 4.0 * network.outputs(); // delta, delta_in, carry; q, e, r, shifted
  return points * values * scalar_bytes;
}

double dense_hessian_bytes(const NetworkSpec& network, double points, double n) {
  // The pass on packs of 8 tangents (72 bytes a value); the Hessian, its symmetrised copy, the
  // eigen-solver's matrix and eigenvectors (4 n x n); the blocks of unit vectors and columns.
  return pass_bytes(network, points, 72.0) + 4.0 * n * n * 8.0 + 2.0 * n * 32.0 * 8.0;
}

Refusal check_dense_hessian(const Scenario& s, long long n, DenseHessianUse use) {
  // Each user's codes: <prefix>_parameters, <prefix>_memory, <prefix>_work; the field it names.
  const char* prefix = "optimizer_hessian";
  std::string field = "optimizer.kind";
  std::vector<std::string> args = {s.optimizer.kind};
  switch (use) {
  case DenseHessianUse::optimizer: break;
  case DenseHessianUse::scenario_finder:
    prefix = "finder_hessian", field = "critical_points", args = {};
    break;
  case DenseHessianUse::spectrum: prefix = "spectrum_hessian", field = "", args = {}; break;
  case DenseHessianUse::critical_point: prefix = "critical_point_hessian", field = "", args = {}; break;
  case DenseHessianUse::command: prefix = "command_hessian", field = "", args = {}; break;
  }
  auto refusal = [&](const char* what, std::vector<std::string> values) {
    std::vector<std::string> all = args;
    all.insert(all.end(), values.begin(), values.end());
    return Refusal{field, std::string(prefix) + "_" + what, all};
  };
  if (n > kMaxDenseHessianParameters)
    return refusal("parameters", {std::to_string(kMaxDenseHessianParameters), with_thousands(n)});
  const double points = scenario_points(s);
  const double bytes =
      dense_hessian_bytes(s.network, points, double(n)) + points * training_bytes_per_point(s);
  if (bytes > kWorkingMemoryBudget)
    return refusal("memory", {with_thousands((long long)points), shape(s.network), bytes_text(bytes),
                              bytes_text(kWorkingMemoryBudget)});
  const double work = double(n) * points * network_work_per_point(s.network);
  if (work > kMaxDenseHessianWork)
    return refusal("work", {with_thousands((long long)points), shape(s.network), work_text(work),
                            work_text(kMaxDenseHessianWork)});
  return {};
}

Refusal check_resources(const Scenario& s) {
  if (s.surface) return {}; // two parameters
  const double points = scenario_points(s);
  const long long n = parameters_with_neuron(s);
  const OptimizerKind* kind = find_optimizer_kind(s.optimizer.kind);
  const bool hessian = kind && kind->hessian;
  // Too many parameters first: the memory and work below would say the same at length.
  if (hessian && n > kMaxDenseHessianParameters) return check_dense_hessian(s, n, DenseHessianUse::optimizer);
  const double per_point = training_bytes_per_point(s);
  const double bytes = points * per_point;
  if (bytes > kWorkingMemoryBudget) {
    const long long most = (long long)std::floor(kWorkingMemoryBudget / per_point);
    return {points_field(s),
            "points_memory",
            {with_thousands((long long)points), shape(s.network), bytes_text(bytes),
             bytes_text(kWorkingMemoryBudget), with_thousands(most)}};
  }
  const double work = points * network_work_per_point(s.network);
  if (work > kMaxPassWork) {
    const long long most = (long long)std::floor(kMaxPassWork / network_work_per_point(s.network));
    return {points_field(s),
            "points_pass_work",
            {with_thousands((long long)points), shape(s.network), work_text(work), work_text(kMaxPassWork),
             with_thousands(most)}};
  }
  if (hessian) {
    Refusal dense = check_dense_hessian(s, n, DenseHessianUse::optimizer);
    if (!dense.code.empty()) return dense;
  }
  if (s.critical_points) return check_dense_hessian(s, n, DenseHessianUse::scenario_finder);
  return {};
}

} // namespace landscape
