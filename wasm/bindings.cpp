// Why this file exists: the only place that includes <emscripten/bind.h>. It registers
// the core's Training for JavaScript and adapts types (JSON strings in and out, the
// core's own serializer); it adds no mathematics. Ownership: every Training created
// from JS has one owner (the page's worker) that calls delete().
#include "critical_points.hpp"
#include "curvature.hpp"
#include "random.hpp"
#include "optimizer.hpp"
#include "scenario.hpp"
#include "surfaces.hpp"
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

  // The critical-point finder from random parameters N(0, scale^2) drawn from the seed
  // (seed >= 0), or from the training's current parameters (seed < 0, e.g. to polish where
  // gradient descent stopped): {value, grad_norm, converged, iterations, index, negative,
  // zero, positive, kind}.
  std::string critical_point(double seed, double scale, int max_iterations) const {
    if (!training_ || training_->parameters().size() > kMaxDenseParameters) return "null";
    Vector start = training_->parameters();
    if (seed >= 0) {
      Random rng(static_cast<std::uint64_t>(seed));
      for (Eigen::Index i = 0; i < start.size(); ++i) start[i] = rng.normal(0.0, scale);
    }
    const CriticalPoint c = find_critical_point(training_->objective(), start, {max_iterations, 1e-8});
    return nlohmann::ordered_json{{"value", c.value},
                                  {"grad_norm", c.gradient_norm},
                                  {"converged", c.converged},
                                  {"iterations", c.iterations},
                                  {"index", c.classification.index},
                                  {"negative", c.classification.negative},
                                  {"zero", c.classification.zero},
                                  {"positive", c.classification.positive},
                                  {"kind", to_string(c.classification.kind)}}
        .dump();
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

// A 2-D surface for the saddle explorer. Never throws: a bad name leaves error().
class SurfaceBinding {
public:
  SurfaceBinding(const std::string& name, double a, double b) {
    auto surface = make_surface(name, a, b);
    if (!surface) error_ = surface.error();
    else surface_ = std::move(*surface);
  }

  std::string error() const { return error_; }

  std::string info() const {
    if (!surface_) return "null";
    nlohmann::ordered_json j;
    j["name"] = surface_->name();
    j["formula"] = surface_->formula();
    j["axes"] = {surface_->axes()[0], surface_->axes()[1]};
    j["window"] = surface_->window();
    nlohmann::json points = nlohmann::json::array();
    for (const auto& p : surface_->critical_points()) points.push_back({{"x", p.x}, {"y", p.y}, {"kind", p.kind}});
    j["critical_points"] = points;
    return j.dump();
  }

  // Values on an nx x ny grid over the window, row by row from the top (y_max) down, as a
  // view into a buffer this object owns: copy it (slice()) before the next call.
  emscripten::val grid(int nx, int ny) {
    grid_.assign(std::size_t(std::max(nx, 0)) * std::size_t(std::max(ny, 0)), 0.0);
    if (surface_ && nx > 1 && ny > 1) {
      const auto& w = surface_->window();
      Vector p(2);
      for (int r = 0; r < ny; ++r)
        for (int c = 0; c < nx; ++c) {
          p << w[0] + (w[1] - w[0]) * c / (nx - 1), w[3] - (w[3] - w[2]) * r / (ny - 1);
          grid_[std::size_t(r) * std::size_t(nx) + std::size_t(c)] = surface_->value(p);
        }
    }
    return emscripten::val(emscripten::typed_memory_view(grid_.size(), grid_.data()));
  }

  // JSON {"points": [[x, y], ...]} or {"error": "optimizer.learning_rate: ..."}.
  std::string path(const std::string& optimizer_json, double x, double y, int steps, double seed) const {
    if (!surface_) return "null";
    auto spec = parse_optimizer(optimizer_json);
    if (!spec) return nlohmann::json{{"error", spec.error()}}.dump();
    auto optimizer = make_optimizer(*spec, static_cast<std::uint64_t>(seed));
    if (!optimizer) return nlohmann::json{{"error", optimizer.error()}}.dump();
    return nlohmann::json{{"points", optimizer_path(*surface_, **optimizer, {x, y}, steps)}}.dump();
  }

  // At (x, y): value, gradient, Hessian eigenvalues (ascending) and eigenvectors, kind.
  std::string curvature(double x, double y) const {
    if (!surface_) return "null";
    Vector p(2), g;
    p << x, y;
    const double value = surface_->value_and_gradient(p, g);
    const HessianSpectrum spectrum = hessian_spectrum(*surface_, p);
    const PointClassification c = classify(g.norm(), spectrum.eigenvalues);
    nlohmann::ordered_json j;
    j["value"] = value;
    j["gradient"] = {g[0], g[1]};
    j["eigenvalues"] = {spectrum.eigenvalues[0], spectrum.eigenvalues[1]};
    j["eigenvectors"] = {{spectrum.eigenvectors(0, 0), spectrum.eigenvectors(1, 0)},
                         {spectrum.eigenvectors(0, 1), spectrum.eigenvectors(1, 1)}};
    j["kind"] = to_string(c.kind);
    j["index"] = c.index;
    return j.dump();
  }

private:
  std::string error_;
  std::unique_ptr<Surface> surface_;
  std::vector<double> grid_;
};

} // namespace

EMSCRIPTEN_BINDINGS(landscape) {
  emscripten::class_<SurfaceBinding>("Surface")
      .constructor<std::string, double, double>()
      .function("error", &SurfaceBinding::error)
      .function("info", &SurfaceBinding::info)
      .function("grid", &SurfaceBinding::grid)
      .function("path", &SurfaceBinding::path)
      .function("curvature", &SurfaceBinding::curvature);

  emscripten::class_<TrainingBinding>("Training")
      .constructor<std::string>()
      .function("error", &TrainingBinding::error)
      .function("info", &TrainingBinding::info)
      .function("advance", &TrainingBinding::advance)
      .function("current", &TrainingBinding::current)
      .function("status", &TrainingBinding::status)
      .function("spectrum", &TrainingBinding::spectrum)
      .function("extremes", &TrainingBinding::extremes)
      .function("criticalPoint", &TrainingBinding::critical_point);
}
