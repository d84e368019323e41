// Why this file exists: the only place that includes <emscripten/bind.h>. It registers
// the core's Training for JavaScript and adapts types (JSON strings in and out, the
// core's own serializer); it adds no mathematics. Ownership: every Training created
// from JS has one owner (the page's worker) that calls delete().
#include "curvature.hpp"
#include "scenario.hpp"
#include "training.hpp"

#include <emscripten/bind.h>
#include <nlohmann/json.hpp>

#include <memory>
#include <string>

namespace {

using namespace landscape;

// Never throws: a bad scenario leaves an error() message and a safe, empty state.
class TrainingBinding {
public:
  explicit TrainingBinding(const std::string& scenario_json) {
    auto scenario = parse_scenario(scenario_json);
    if (!scenario) {
      error_ = scenario.error();
      return;
    }
    auto training = Training::create(std::move(*scenario));
    if (!training) {
      error_ = training.error();
      return;
    }
    training_ = std::move(*training);
  }

  std::string error() const { return error_; }

  std::string info() const {
    if (!training_) return "null";
    const Scenario& s = training_->scenario();
    const Dataset& d = training_->data();
    nlohmann::ordered_json j;
    j["name"] = s.name;
    j["description"] = s.description;
    j["parameter_count"] = training_->objective().network_parameter_count();
    j["steps"] = s.steps;
    j["log_every"] = s.log_every;
    j["added_neuron"] = s.added_neuron.spec.enabled;
    j["neuron_start_step"] = s.added_neuron.start_step;
    j["lambda"] = s.added_neuron.spec.lambda;
    j["optimizer"] = s.optimizer.kind;
    j["learning_rate"] = s.optimizer.learning_rate;
    j["loss"] = to_string(s.loss);
    nlohmann::json x = nlohmann::json::array(), y = nlohmann::json::array();
    for (Eigen::Index i = 0; i < d.size(); ++i) {
      x.push_back(std::vector<double>(d.x.row(i).begin(), d.x.row(i).end()));
      y.push_back(std::vector<double>(d.y.row(i).begin(), d.y.row(i).end()));
    }
    j["data"] = {{"x", x}, {"y", y}};
    return j.dump();
  }

  std::string advance(double steps) {
    if (!training_) return "[]";
    std::string out = "[";
    for (const LogRecord& record : training_->advance(static_cast<long long>(steps))) {
      if (out.size() > 1) out += ',';
      out += to_json(record);
    }
    return out + "]";
  }

  std::string current() const { return training_ ? to_json(training_->current()) : "null"; }

  // The dense Hessian's spectrum at the current parameters: {eigenvalues (ascending),
  // index, negative, zero, positive, kind, grad_norm}; "null" past the size limit.
  std::string spectrum() const {
    if (!training_ || training_->parameters().size() > kMaxDenseParameters) return "null";
    return spectrum_json(training_->objective(), training_->parameters());
  }

  // Lanczos extreme eigenvalues after `steps` Hessian-vector products: {smallest, largest, iterations}.
  std::string extremes(int steps) const {
    if (!training_) return "null";
    const ExtremeEigenvalues e = lanczos_extremes(training_->objective(), training_->parameters(), steps);
    return nlohmann::ordered_json{{"smallest", e.smallest}, {"largest", e.largest}, {"iterations", e.iterations}}.dump();
  }

  static constexpr Eigen::Index kMaxDenseParameters = 2000;

  std::string status() const {
    nlohmann::ordered_json j;
    if (!training_) {
      j["state"] = "invalid";
      j["message"] = error_;
    } else {
      j["state"] = to_string(training_->state());
      j["message"] = training_->message();
      j["step"] = training_->step();
    }
    return j.dump();
  }

private:
  std::string error_;
  std::unique_ptr<Training> training_;
};

} // namespace

EMSCRIPTEN_BINDINGS(landscape) {
  emscripten::class_<TrainingBinding>("Training")
      .constructor<std::string>()
      .function("error", &TrainingBinding::error)
      .function("info", &TrainingBinding::info)
      .function("advance", &TrainingBinding::advance)
      .function("current", &TrainingBinding::current)
      .function("status", &TrainingBinding::status)
      .function("spectrum", &TrainingBinding::spectrum)
      .function("extremes", &TrainingBinding::extremes);
}
