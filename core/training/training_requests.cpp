#include "training/training_requests.hpp"

#include "curvature/curvature.hpp"
#include "input/limits.hpp"
#include "input/messages.hpp"
#include "input/scenario.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace landscape {

namespace {

using nlohmann::ordered_json;

nlohmann::json rows(const Matrix& m) {
  nlohmann::json out = nlohmann::json::array();
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    out.push_back(std::vector<double>(m.row(i).begin(), m.row(i).end()));
  return out;
}

// Lanczos at the current parameters with its figures, or the refusal.
Result<ordered_json> extremes(const Training& training, long long steps) {
  const long long n = training.parameters().size();
  if (steps < 1 || std::min<long long>(steps, n) * n > kMaxLanczosBasis)
    return Error{"steps: must be from 1 to " +
                 std::to_string(std::max(1LL, kMaxLanczosBasis / std::max(1LL, n))) +
                 " for this model (got " + std::to_string(steps) + ")"};
  const ExtremeEigenvalues e = lanczos_extremes(training.objective(), training.parameters(), int(steps));
  if (!std::isfinite(e.smallest) || !std::isfinite(e.largest))
    return refused({"extremes", "extremes_not_finite", {}});
  Vector gradient;
  const double value = training.objective().value_and_gradient(training.parameters(), gradient);
  // The zero-eigenvalue rule of classify(): a negative value counts beyond this share of the
  // largest magnitude.
  const double zero = ClassificationTolerances{}.zero * std::max(std::abs(e.smallest), std::abs(e.largest));
  return ordered_json{{"smallest", e.smallest},
                      {"largest", e.largest},
                      {"iterations", e.iterations},
                      {"value", value},
                      {"grad_norm", gradient.norm()},
                      {"at_global_minimum", at_global_minimum(value, loss_floor(training.scenario()))},
                      {"negative_curvature", e.smallest < -zero}};
}

} // namespace

std::string training_info_json(const Training& training) {
  const Scenario& s = training.scenario();
  const Dataset& d = training.data();
  ordered_json j;
  j["name"] = s.name;
  j["description"] = s.description;
  j["parameter_count"] = training.objective().network_parameter_count();
  j["steps"] = s.steps;
  j["log_every"] = s.log_every;
  j["added_neuron"] = s.added_neuron.spec.enabled;
  j["neuron_start_step"] = s.added_neuron.start_step;
  j["lambda"] = s.added_neuron.spec.lambda;
  j["optimizer"] = s.optimizer.kind;
  j["learning_rate"] = s.optimizer.learning_rate;
  j["loss"] = to_string(s.loss);
  // What the playground's controls set, as the core understood it (its tests read these).
  j["problem"] = s.problem == Problem::classification ? "classification" : "regression";
  j["inputs"] = s.network.inputs;
  j["raw_inputs"] = raw_input_columns(s);
  j["features"] = s.data.features;
  nlohmann::json layers = nlohmann::json::array();
  for (const LayerSpec& layer : s.network.layers)
    layers.push_back(
        {{"units", layer.units}, {"activation", to_string(layer.activation)}, {"bias", layer.bias}});
  j["layers"] = layers;
  j["init"] = s.init.kind;
  j["batch_size"] = s.optimizer.batch_size;
  j["regularization"] = {{"kind", regularization_kinds()[std::size_t(s.regularization.kind)]},
                         {"rate", s.regularization.rate}};
  j["data_kind"] = s.data.kind;
  j["noise"] = s.data.noise;
  j["test_points"] = training.test_data().size();
  j["seed"] = s.seed;
  j["data"] = {{"x", rows(d.x)}, {"y", rows(d.y)}};
  // The raw points (before the input features): what a playground draws on the input plane.
  const DataSplit raw = scenario_raw_data(s);
  j["points"] = {{"x", rows(raw.train.x)},
                 {"y", rows(raw.train.y)},
                 {"test_x", rows(raw.test.x)},
                 {"test_y", rows(raw.test.y)}};
  ordered_json variants = ordered_json::array();
  for (const ScenarioVariant& v : s.compare) variants.push_back({{"name", v.name}, {"label", v.label}});
  j["compare"] = variants;
  return j.dump();
}

Result<std::string> training_spectrum_json(const Training& training) {
  // Memory and time of the dense Hessian on this data, before building it (core/input/limits.hpp).
  const Refusal limit =
      check_dense_hessian(training.scenario(), training.parameters().size(), DenseHessianUse::spectrum);
  if (!limit.code.empty()) return refused(limit);
  return spectrum_json(training.objective(), training.parameters(), {}, loss_floor(training.scenario()));
}

Result<std::string> training_extremes_json(const Training& training, double steps) {
  // Any int first (2^31 or NaN refused as not a whole number), then the model's own range.
  auto count = whole_number(steps, "steps", std::numeric_limits<int>::min(), std::numeric_limits<int>::max());
  if (!count) return count.failure();
  auto j = extremes(training, *count);
  if (!j) return j.failure();
  return j->dump();
}

Result<std::string> training_curvature_json(const Training& training, bool full) {
  const long long n = training.parameters().size();
  const ClassificationTolerances tolerances;
  const bool small = n <= (full ? kPanelDenseParameters : kPanelDenseWhileTraining);
  if (small && check_dense_hessian(training.scenario(), n, DenseHessianUse::spectrum).code.empty()) {
    auto text = spectrum_json(training.objective(), training.parameters(), tolerances,
                              loss_floor(training.scenario()));
    if (!text) return text.failure();
    const nlohmann::json s = nlohmann::json::parse(*text);
    const auto& eigenvalues = s["eigenvalues"];
    ordered_json j = {{"dense", true},
                      {"n", n},
                      {"smallest", eigenvalues.empty() ? 0.0 : eigenvalues.front().get<double>()},
                      {"largest", eigenvalues.empty() ? 0.0 : eigenvalues.back().get<double>()},
                      {"grad_norm", s["grad_norm"]},
                      {"critical", s["grad_norm"].get<double>() <= tolerances.gradient},
                      {"negative_curvature", s["negative"].get<long long>() > 0},
                      {"at_global_minimum", s["at_global_minimum"]},
                      {"index", s["index"]},
                      {"negative", s["negative"]},
                      {"zero", s["zero"]},
                      {"positive", s["positive"]},
                      {"kind", s["kind"]}};
    return j.dump();
  }
  auto e = extremes(training, kPanelLanczosSteps);
  if (!e) return e.failure();
  ordered_json j = {{"dense", false},
                    {"n", n},
                    {"smallest", (*e)["smallest"]},
                    {"largest", (*e)["largest"]},
                    {"grad_norm", (*e)["grad_norm"]},
                    {"critical", (*e)["grad_norm"].get<double>() <= tolerances.gradient},
                    {"negative_curvature", (*e)["negative_curvature"]},
                    {"at_global_minimum", (*e)["at_global_minimum"]},
                    {"iterations", (*e)["iterations"]}};
  return j.dump();
}

} // namespace landscape
