// Why this file exists: the only place that includes <emscripten/bind.h>. It registers the
// core's Training, Surface and CriticalPointSurvey and a few free functions for JavaScript
// and adapts types (JSON strings in and out, typed-array views); every number and every
// decision comes from the core. Ownership: every object created from JS has one owner (the
// page's worker) that calls delete().
//
// One error convention: a bound function that fails calls reject() with the core's message
// (naming the field) and returns a harmless value; errors.js (linked with --post-js) wraps
// every bound function and constructor and throws that message as a JS Error once the call
// has returned. Throwing from inside C++ would skip the destructors of the C++ frames and
// embind's freeing of the argument strings: each bad request would leak.
#include "apps/catalog.hpp"
#include "apps/playground.hpp"
#include "curvature/critical_point_survey.hpp"
#include "curvature/critical_points.hpp"
#include "curvature/curvature.hpp"
#include "input/limits.hpp"
#include "input/scenario.hpp"
#include "input/surface_scenario.hpp"
#include "landscape/landscape_view.hpp"
#include "model/surfaces.hpp"
#include "reject.hpp"
#include "training/training.hpp"
#include "training/training_requests.hpp"

#include <emscripten/bind.h>
#include <malloc.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <string>

namespace {

using namespace landscape;

// The first failure of the current call: its message, and its refusal as data where the core
// coded it (field, code, args; core/input/messages.hpp).
Error& pending_error() {
  static Error error;
  return error;
}

// Records the first failure of the current call; returns `fallback` for the caller to return.
template <class T> T reject(const Error& error, T fallback) {
  if (pending_error().message.empty()) {
    pending_error() = error;
    if (error.message.empty()) pending_error().message = "error";
  }
  return fallback;
}
template <class T> T reject(const std::string& message, T fallback) {
  return reject(Error{message}, fallback);
}

bool has_error() { return !pending_error().message.empty(); }

} // namespace

// A count from JavaScript, read by the core (whole_number): embind would wrap 2^31 into an int's
// -2^31 and 1e300 or NaN into something in range, silently; here they are refused by name.
std::optional<long long> landscape_bindings::count_argument(double value, const char* field, long long lo,
                                                            long long hi) {
  auto n = landscape::whole_number(value, field, lo, hi);
  if (!n) {
    reject(n.failure(), 0);
    return std::nullopt;
  }
  return *n;
}

namespace {

using landscape_bindings::count_argument;
constexpr long long kIntMin = std::numeric_limits<int>::min(), kIntMax = std::numeric_limits<int>::max();

// An Error as data: {"field", "code", "args"} (code "" for a message not yet coded) and, for a
// message composed of parts (a run's outcome), "parts": [{"code", "args"}, ...], whose templates
// one after the other are its words (web/src/kit/messages.js formatMessage()).
nlohmann::ordered_json error_data(const Error& error) {
  nlohmann::ordered_json j{{"field", error.field}, {"code", error.code}, {"args", error.args}};
  if (!error.parts.empty()) {
    nlohmann::ordered_json parts = nlohmann::ordered_json::array();
    for (const MessagePart& part : error.parts) parts.push_back({{"code", part.code}, {"args", part.args}});
    j["parts"] = parts;
  }
  return j;
}

// The pending failure's refusal as data; errors.js reads it before take_error().
std::string error_refusal() { return error_data(pending_error()).dump(); }

std::string take_error() {
  std::string message;
  message.swap(pending_error().message);
  pending_error() = Error{};
  return message;
}

// Bytes of the wasm heap in use (malloc's count): leak tests compare it before and after.
double heap_bytes() { return double(mallinfo().uordblks); }

emscripten::val view(const std::vector<double>& values) {
  return emscripten::val(emscripten::typed_memory_view(values.size(), values.data()));
}

class TrainingBinding {
public:
  explicit TrainingBinding(const std::string& scenario_json) : scenario_text_(scenario_json) {
    auto scenario = parse_scenario(scenario_json);
    if (!scenario) {
      reject(scenario.failure(), 0);
      return;
    }
    auto training = Training::create(std::move(*scenario));
    if (!training) {
      reject(training.failure(), 0);
      return;
    }
    training_ = std::move(*training);
  }

  // training_info_json(): what the scenario set up, as the core understood it.
  std::string info() const { return training_info_json(*training_); }

  std::string advance(double steps) {
    const auto count = count_argument(steps, "steps", 0, kMaxSteps);
    if (!count) return "[]";
    std::string out = "[";
    for (const LogRecord& record : training_->advance(*count)) {
      if (out.size() > 1) out += ',';
      out += to_json(record);
    }
    return out + "]";
  }

  // Training::advance_for(): {"records": [...], "taken": steps}; maxSteps -1 for no limit.
  std::string advanceFor(double max_steps, double chunk, double milliseconds) {
    const auto most = count_argument(max_steps, "maxSteps", -1, kMaxSteps);
    const auto steps = most ? count_argument(chunk, "chunk", 1, kMaxSteps) : std::nullopt;
    const auto ms = steps ? count_argument(milliseconds, "milliseconds", 1, 60000) : std::nullopt;
    if (!ms) return "null";
    long long taken = 0;
    std::string out = "{\"records\":[";
    bool first = true;
    for (const LogRecord& record : training_->advance_for(*most, *steps, double(*ms) / 1000.0, taken)) {
      if (!first) out += ',';
      first = false;
      out += to_json(record);
    }
    return out + "],\"taken\":" + std::to_string(taken) + "}";
  }

  std::string current() const { return to_json(training_->current()); }

  // Every parameter being trained (network, then the neuron's a, b, W once on), as a view
  // into the core's vector: copy it (slice()) before the next call.
  emscripten::val parameters() const {
    const Vector& x = training_->parameters();
    return emscripten::val(emscripten::typed_memory_view(std::size_t(x.size()), x.data()));
  }

  // Where each parameter of parameters() lives (docs/javascript.md, "Parameter layout").
  std::string layout() const {
    return parameter_layout_json(training_->scenario().network, training_->neuron_on());
  }

  // input_plane_field() as a view into a buffer this object owns: copy it before the next call.
  emscripten::val field(double n, double x0, double x1, double y0, double y1, bool units) {
    const auto side = count_argument(n, "n", kIntMin, kIntMax);
    if (!side) return view(field_ = {});
    auto values = input_plane_field(*training_, int(*side), {x0, x1, y0, y1}, units);
    if (!values) return reject(values.failure(), view(field_ = {}));
    field_ = std::move(*values);
    return view(field_);
  }

  // training_spectrum_json(): the dense Hessian's spectrum, or the refusal naming the limit.
  std::string spectrum() const {
    auto text = training_spectrum_json(*training_);
    if (!text) return reject(text.failure(), std::string("null"));
    return *text;
  }

  // training_extremes_json(): Lanczos extreme eigenvalues after `steps` Hessian-vector products.
  std::string extremes(double lanczos_steps) const {
    auto text = training_extremes_json(*training_, lanczos_steps);
    if (!text) return reject(text.failure(), std::string("null"));
    return *text;
  }

  // training_curvature_json(): the curvature panel's measurement (the core picks dense or Lanczos).
  std::string curvature(bool full) const {
    auto text = training_curvature_json(*training_, full);
    if (!text) return reject(text.failure(), std::string("null"));
    return *text;
  }

  // The critical-point finder (critical_point_request): the arguments stay JavaScript numbers
  // (doubles) so that the core reads them; an int parameter would wrap 2^31 to -2^31 here.
  std::string critical_point(double seed, double scale, double max_iterations) const {
    auto result = critical_point_request(*training_, seed, scale, max_iterations);
    if (!result) return reject(result.failure(), std::string("null"));
    return *result;
  }

  // checkpoint_scenario(): the scenario continued from the current parameters.
  std::string checkpoint() const {
    auto text = checkpoint_scenario(scenario_text_, *training_);
    if (!text) return reject(text.failure(), std::string("null"));
    return *text;
  }

  // slice_scenario_here(): a slice view of the current parameters (the playground's "show
  // the landscape here"), or the refusal naming the limit.
  std::string landscape_here() const {
    auto text = slice_scenario_here(scenario_text_, *training_);
    if (!text) return reject(text.failure(), std::string("null"));
    return *text;
  }

  std::string status() const {
    nlohmann::ordered_json j;
    j["state"] = to_string(training_->state());
    j["message"] = training_->message();
    // The same message as data, which the page words (messageOf): null while nothing went wrong.
    j["message_data"] =
        training_->message().empty() ? nlohmann::ordered_json() : error_data(training_->outcome());
    j["step"] = training_->step();
    return j.dump();
  }

private:
  std::string scenario_text_;
  std::unique_ptr<Training> training_;
  std::vector<double> field_;
};

// A 2-D surface for the saddle explorer: Surface(name, a, b), or Surface(scenarioJson) for a
// surface scenario (its optimizer, steps and compare variants drive path(variant, x, y)).
class SurfaceBinding {
public:
  SurfaceBinding(const std::string& name, double a, double b) {
    auto surface = make_surface(name, a, b);
    if (!surface)
      reject(surface.failure(), 0);
    else
      surface_ = std::move(*surface);
  }

  explicit SurfaceBinding(const std::string& scenario_json) {
    auto scenario = SurfaceScenario::create(scenario_json);
    if (!scenario) {
      reject(scenario.failure(), 0);
      return;
    }
    scenario_ = std::move(*scenario);
    const SurfaceSpec& spec = *scenario_->scenario().surface;
    surface_ = std::move(*make_centred_surface(spec, scenario_->center()));
  }

  // surface_info_json(), or for a scenario SurfaceScenario::info_json().
  std::string info() const { return scenario_ ? scenario_->info_json() : surface_info_json(*surface_); }

  // surface_grid() as a view into a buffer this object owns: copy it (slice()) before the next call.
  emscripten::val grid(double nx, double ny) {
    const auto columns = count_argument(nx, "nx", kIntMin, kIntMax);
    const auto rows = columns ? count_argument(ny, "ny", kIntMin, kIntMax) : std::nullopt;
    if (!rows) return view(grid_ = {});
    auto values = surface_grid(*surface_, int(*columns), int(*rows));
    if (!values) return reject(values.failure(), view(grid_ = {}));
    grid_ = std::move(*values);
    return view(grid_);
  }

  // {"points": [[x, y], ...]}: an optimizer given as JSON (the "optimizer" schema) for `steps`.
  std::string path_of(const std::string& optimizer_json, double x, double y, double steps,
                      double seed) const {
    auto spec = parse_optimizer(optimizer_json);
    if (!spec) return reject(spec.failure(), std::string("null"));
    const auto count = count_argument(steps, "steps", 0, kMaxPathSteps);
    if (!count) return "null";
    const auto noise_seed = count_argument(seed, "seed", 0, 1LL << 53);
    if (!noise_seed) return "null";
    auto path = surface_path(*surface_, *spec, std::uint64_t(*noise_seed), {x, y}, *count);
    if (!path) return reject(path.failure(), std::string("null"));
    return nlohmann::json{{"points", *path}}.dump();
  }

  // {"points": [[x, y], ...], "left_window": bool}: the scenario's variant `name` ("" for its
  // own optimizer); left_window when the path stopped early, beyond the surface's reach.
  std::string path_of_variant(const std::string& name, double x, double y) const {
    if (!scenario_)
      return reject(std::string("path: this Surface was not built from a scenario"), std::string("null"));
    auto text = scenario_->path_json(name, {x, y});
    if (!text) return reject(text.failure(), std::string("null"));
    return *text;
  }

  std::string curvature(double x, double y) const {
    auto text = surface_curvature_json(*surface_, x, y);
    if (!text) return reject(text.failure(), std::string("null"));
    return *text;
  }

private:
  std::unique_ptr<Surface> surface_;
  std::unique_ptr<SurfaceScenario> scenario_;
  std::vector<double> grid_;
};

// The "critical_points" section of a scenario: count() searches, each run alone by run(i).
class CriticalPointSearchBinding {
public:
  explicit CriticalPointSearchBinding(const std::string& scenario_json) {
    auto scenario = parse_scenario(scenario_json);
    if (!scenario) {
      reject(scenario.failure(), 0);
      return;
    }
    auto survey = CriticalPointSurvey::create(std::move(*scenario));
    if (!survey) {
      reject(survey.failure(), 0);
      return;
    }
    survey_ = std::move(*survey);
  }

  int count() const { return survey_->count(); }

  std::string run(double search) {
    const auto i = count_argument(search, "search", kIntMin, kIntMax);
    if (!i) return "null";
    auto result = survey_->run(int(*i));
    if (!result) return reject(result.failure(), std::string("null"));
    return *result;
  }

private:
  std::unique_ptr<CriticalPointSurvey> survey_;
};

std::string scenario_variant_js(const std::string& text, const std::string& name) {
  auto variant = scenario_variant(text, name);
  if (!variant) return reject(variant.failure(), std::string());
  return *variant;
}

std::string scenario_on_surface_js(const std::string& text, const std::string& surface) {
  auto result = scenario_on_surface(text, surface);
  if (!result) return reject(result.failure(), std::string());
  return *result;
}

std::string scenario_with_surface_parameters_js(const std::string& text, double a, double b, double angle) {
  auto result = scenario_with_surface_parameters(text, a, b, angle);
  if (!result) return reject(result.failure(), std::string());
  return *result;
}

std::string playground_scenario_js(const std::string& settings) {
  auto result = playground_scenario_json(settings);
  if (!result) return reject(result.failure(), std::string("null"));
  return *result;
}

std::string playground_settings_js(const std::string& request) {
  auto result = playground_read_settings_json(request);
  if (!result) return reject(result.failure(), std::string("null"));
  return *result;
}

std::string playground_points_csv_js(const std::string& request) {
  auto result = playground_points_csv_json(request);
  if (!result) return reject(result.failure(), std::string("null"));
  return *result;
}

double playground_edited_weight_js(const std::string& text, const std::string& name) {
  auto result = playground_edited_weight(text, name);
  if (!result) return reject(result.failure(), 0.0);
  return *result;
}

std::string scenario_info_js(const std::string& text) {
  auto scenario = parse_scenario(text);
  if (!scenario) return reject(scenario.failure(), std::string("null"));
  return scenario_info_json(*scenario);
}

} // namespace

// The same convention for the bindings in other files (reject.hpp).
void landscape_bindings::reject_message(const std::string& message) { reject(message, 0); }
void landscape_bindings::reject_message(const landscape::Error& error) { reject(error, 0); }

EMSCRIPTEN_BINDINGS(landscape) {
  emscripten::function("catalog", &catalog_json);
  emscripten::function("scenarioVariant", &scenario_variant_js);
  emscripten::function("scenarioInfo", &scenario_info_js);
  emscripten::function("playgroundScenario", &playground_scenario_js);
  emscripten::function("playgroundSettings", &playground_settings_js);
  emscripten::function("playgroundPointsCsv", &playground_points_csv_js);
  emscripten::function("playgroundEditedWeight", &playground_edited_weight_js);
  emscripten::function("scenarioOnSurface", &scenario_on_surface_js);
  emscripten::function("scenarioWithSurfaceParameters", &scenario_with_surface_parameters_js);
  emscripten::function("heapBytes", &heap_bytes);
  // errors.js's side of the error convention.
  emscripten::function("hasError", &has_error);
  emscripten::function("takeError", &take_error);
  emscripten::function("errorRefusal", &error_refusal);

  emscripten::class_<SurfaceBinding>("Surface")
      .constructor<std::string, double, double>()
      .constructor<std::string>()
      .function("info", &SurfaceBinding::info)
      .function("grid", &SurfaceBinding::grid)
      .function("path", &SurfaceBinding::path_of)
      .function("path", &SurfaceBinding::path_of_variant)
      .function("curvature", &SurfaceBinding::curvature);

  emscripten::class_<TrainingBinding>("Training")
      .constructor<std::string>()
      .function("info", &TrainingBinding::info)
      .function("advance", &TrainingBinding::advance)
      .function("advanceFor", &TrainingBinding::advanceFor)
      .function("current", &TrainingBinding::current)
      .function("parameters", &TrainingBinding::parameters)
      .function("layout", &TrainingBinding::layout)
      .function("field", &TrainingBinding::field)
      .function("status", &TrainingBinding::status)
      .function("spectrum", &TrainingBinding::spectrum)
      .function("extremes", &TrainingBinding::extremes)
      .function("curvature", &TrainingBinding::curvature)
      .function("criticalPoint", &TrainingBinding::critical_point)
      .function("checkpoint", &TrainingBinding::checkpoint)
      .function("landscapeHere", &TrainingBinding::landscape_here);

  emscripten::class_<CriticalPointSearchBinding>("CriticalPointSearch")
      .constructor<std::string>()
      .function("count", &CriticalPointSearchBinding::count)
      .function("run", &CriticalPointSearchBinding::run);
}
