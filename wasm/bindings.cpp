// Why this file exists: the only place that includes <emscripten/bind.h>. It registers
// the core's Training for JavaScript and adapts types (JSON strings in and out, the
// core's own serializer); it adds no mathematics. Ownership: every Training created
// from JS has one owner (the page's worker) that calls delete().
#include "critical_points.hpp"
#include "curvature.hpp"
#include "data.hpp"
#include "optimizer.hpp"
#include "random.hpp"
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
    // What the playground's controls set, as the core understood it (its tests read these).
    j["problem"] = s.problem == Problem::classification ? "classification" : "regression";
    j["inputs"] = s.network.inputs;
    j["raw_inputs"] = raw_inputs();
    j["features"] = s.data.features;
    nlohmann::json layers = nlohmann::json::array();
    for (const LayerSpec& layer : s.network.layers)
      layers.push_back(
          {{"units", layer.units}, {"activation", to_string(layer.activation)}, {"bias", layer.bias}});
    j["layers"] = layers;
    j["init"] = s.init.kind;
    j["batch_size"] = s.optimizer.batch_size;
    j["regularization"] = {{"kind", s.regularization.kind == Regularization::Kind::l1   ? "l1"
                                    : s.regularization.kind == Regularization::Kind::l2 ? "l2"
                                                                                        : "none"},
                           {"rate", s.regularization.rate}};
    j["data_kind"] = s.data.kind;
    j["noise"] = s.data.noise;
    j["test_points"] = training_->test_data().size();
    j["seed"] = s.seed;
    nlohmann::json x = nlohmann::json::array(), y = nlohmann::json::array();
    for (Eigen::Index i = 0; i < d.size(); ++i) {
      x.push_back(std::vector<double>(d.x.row(i).begin(), d.x.row(i).end()));
      y.push_back(std::vector<double>(d.y.row(i).begin(), d.y.row(i).end()));
    }
    j["data"] = {{"x", x}, {"y", y}};
    // The raw points (before the input features; labels +-1 or targets), training and test:
    // what a playground draws on the input plane.
    const DataSplit raw = make_dataset(s.data, s.data.seed.value_or(s.seed));
    const auto rows = [](const Matrix& m) {
      nlohmann::json out = nlohmann::json::array();
      for (Eigen::Index i = 0; i < m.rows(); ++i)
        out.push_back(std::vector<double>(m.row(i).begin(), m.row(i).end()));
      return out;
    };
    j["points"] = {{"x", rows(raw.train.x)},
                   {"y", rows(raw.train.y)},
                   {"test_x", rows(raw.test.x)},
                   {"test_y", rows(raw.test.y)}};
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

  // Columns of the raw points before the input features (1 for sine and 1-D inline data).
  int raw_inputs() const {
    if (!training_) return 0;
    const Scenario& s = training_->scenario();
    if (s.data.kind == "inline") return int(s.data.x.cols());
    return s.data.kind == "sine" ? 1 : 2;
  }

  // Every parameter being trained (network, then the neuron's a, b, W once on), as a view
  // into the core's vector: copy it (slice()) before the next call.
  emscripten::val parameters() const {
    if (!training_) return emscripten::val::null();
    const Vector& x = training_->parameters();
    return emscripten::val(emscripten::typed_memory_view(std::size_t(x.size()), x.data()));
  }

  // The network over the input plane [x0, x1] x [y0, y1] on an n x n grid (rows from y1 down;
  // for 1-D data n points from x0 to x1): the output (with the neuron when on, d_y values per
  // point), then, with `units`, every hidden unit's activation (layer by layer, unit by unit,
  // n x n each).
  // A view into a buffer this object owns: copy it before the next call.
  emscripten::val field(int n, double x0, double x1, double y0, double y1, bool units) {
    field_.clear();
    if (!training_ || n < 2 || n > 400)
      return emscripten::val(emscripten::typed_memory_view(0, field_.data()));
    const int dims = raw_inputs();
    const Eigen::Index points = dims == 1 ? n : Eigen::Index(n) * n;
    Matrix raw(points, dims);
    for (Eigen::Index p = 0; p < points; ++p) {
      const Eigen::Index r = dims == 1 ? 0 : p / n, c = dims == 1 ? p : p % n;
      raw(p, 0) = x0 + (x1 - x0) * double(c) / (n - 1);
      if (dims == 2) raw(p, 1) = y1 - (y1 - y0) * double(r) / (n - 1);
    }
    const Matrix inputs = apply_features(raw, training_->scenario().data.features);
    const NetworkObjective& f = training_->objective();
    const Matrix out = f.predict(training_->parameters(), inputs);
    for (Eigen::Index p = 0; p < points; ++p)
      for (Eigen::Index k = 0; k < out.cols(); ++k) field_.push_back(out(p, k));
    if (!units) return emscripten::val(emscripten::typed_memory_view(field_.size(), field_.data()));
    const std::vector<Matrix> layers = f.layer_outputs(training_->parameters(), inputs);
    for (std::size_t l = 0; l + 1 < layers.size(); ++l)
      for (Eigen::Index u = 0; u < layers[l].cols(); ++u)
        for (Eigen::Index p = 0; p < points; ++p) field_.push_back(layers[l](p, u));
    return emscripten::val(emscripten::typed_memory_view(field_.size(), field_.data()));
  }

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
    return nlohmann::ordered_json{
        {"smallest", e.smallest}, {"largest", e.largest}, {"iterations", e.iterations}}
        .dump();
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
  std::vector<double> field_;
};

// A 2-D surface for the saddle explorer. Never throws: a bad name leaves error().
class SurfaceBinding {
public:
  SurfaceBinding(const std::string& name, double a, double b) {
    auto surface = make_surface(name, a, b);
    if (!surface)
      error_ = surface.error();
    else
      surface_ = std::move(*surface);
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
    for (const auto& p : surface_->critical_points())
      points.push_back({{"x", p.x}, {"y", p.y}, {"kind", p.kind}});
    j["critical_points"] = points;
    // null where the surface is unbounded below
    if (std::isfinite(surface_->lowest_value()))
      j["lowest_value"] = surface_->lowest_value();
    else
      j["lowest_value"] = nullptr;
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
      .function("parameters", &TrainingBinding::parameters)
      .function("field", &TrainingBinding::field)
      .function("status", &TrainingBinding::status)
      .function("spectrum", &TrainingBinding::spectrum)
      .function("extremes", &TrainingBinding::extremes)
      .function("criticalPoint", &TrainingBinding::critical_point);
}
