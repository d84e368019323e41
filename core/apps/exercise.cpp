#include "apps/exercise.hpp"

#include "apps/playground.hpp"
#include "curvature/curvature.hpp"
#include "input/field_reader.hpp"
#include "input/json_text.hpp"
#include "input/limits.hpp"
#include "input/scenario.hpp"
#include "input/surface_scenario.hpp"
#include "input/text.hpp"
#include "landscape/landscape_view.hpp"
#include "model/data.hpp"
#include "numerics/random.hpp"
#include "training/optimizer.hpp"
#include "training/training.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <set>

namespace landscape {

using nlohmann::json;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

const std::vector<std::string>& condition_ops() {
  static const std::vector<std::string> ops = {"equals", "differs", "above", "below", "at_least", "at_most"};
  return ops;
}

// The element of `list` a part of a dotted path names by its index ("start.0"), or null when
// the part is not an index of one of its elements.
template <typename Json> Json* element_at(Json& list, const std::string& key) {
  if (key.empty() || key.size() > 6 || key.find_first_not_of("0123456789") != std::string::npos)
    return nullptr;
  const std::size_t index = std::stoul(key);
  return index < list.size() ? &list[index] : nullptr;
}

// The value at a dotted path of `document`, or null when a part is missing.
const json* find_path(const json& document, const std::string& path) {
  const json* at = &document;
  std::size_t begin = 0;
  while (begin <= path.size()) {
    const std::size_t end = std::min(path.find('.', begin), path.size());
    const std::string key = path.substr(begin, end - begin);
    if (at->is_array()) {
      at = element_at(*at, key);
      if (!at) return nullptr;
    } else {
      if (!at->is_object()) return nullptr;
      auto it = at->find(key);
      if (it == at->end()) return nullptr;
      at = &*it;
    }
    begin = end + 1;
  }
  return at;
}

// The value at a dotted path of `document` to write to: the objects on the way are made when
// missing (a list's element must exist). nullptr where a part is neither.
json* make_path(json& document, const std::string& path) {
  json* at = &document;
  std::size_t begin = 0;
  while (begin <= path.size()) {
    const std::size_t end = std::min(path.find('.', begin), path.size());
    const std::string key = path.substr(begin, end - begin);
    if (at->is_array()) {
      at = element_at(*at, key);
      if (!at) return nullptr;
    } else {
      if (at->is_null()) *at = json::object();
      if (!at->is_object()) return nullptr;
      at = &(*at)[key];
    }
    begin = end + 1;
  }
  return at;
}

// A refusal of an exercise's text or of an answer (core/input/messages.hpp): its field and args made
// printable (they echo the input).
Error rejected(const std::string& field, const char* code, std::vector<std::string> args = {}) {
  for (std::string& arg : args) arg = printable(arg);
  return refused({printable(field), code, std::move(args)});
}

// A refusal of the scenario an answer makes, named as the exercise's known answer: the answer's
// "answer.patch.start" is the exercise's "answer.start".
Error as_known_answer(const Error& inner) {
  const std::string patch = "answer.patch.";
  if (!inner.code.empty() && inner.field.rfind(patch, 0) == 0)
    return refused({"answer." + inner.field.substr(patch.size()), inner.code, inner.args});
  return inside("answer", inner);
}

std::uint64_t fnv1a(const std::string& text, std::uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// A value on a grid of 1/per_unit, exactly as its decimal reads (-377 / 1000.0 is the double
// nearest -0.377).
double on_grid(double v, long long per_unit) {
  return double(std::llround(v * double(per_unit))) / double(per_unit);
}

// A scenario's "compare" list as an object keyed by variant name, so a merge patch can reach
// one variant (`{"compare": {"seed-b": {"patch": {"seed": 5}}}}`), and back.
json compare_by_name(json scenario) {
  auto it = scenario.find("compare");
  if (it == scenario.end() || !it->is_array()) return scenario;
  json keyed = json::object();
  json order = json::array();
  for (const json& entry : *it) {
    auto name = entry.find("name");
    if (entry.is_object() && name != entry.end() && name->is_string()) {
      keyed[name->get<std::string>()] = entry;
      order.push_back(*name);
    }
  }
  scenario["compare"] = keyed;
  scenario["__compare_order"] = order;
  return scenario;
}

json compare_as_list(json scenario) {
  auto order = scenario.find("__compare_order");
  if (order == scenario.end()) return scenario;
  const json names = *order; // erase() below invalidates `order`
  scenario.erase("__compare_order");
  auto compare = scenario.find("compare");
  if (compare == scenario.end() || compare->is_null()) return scenario; // the patch removed it
  json list = json::array();
  const json keyed = *compare;
  for (const json& name : names) {
    auto entry = keyed.is_object() ? keyed.find(name.get<std::string>()) : keyed.end();
    if (entry != keyed.end() && entry->is_object()) list.push_back(*entry);
  }
  scenario["compare"] = list;
  return scenario;
}

// Checks that every field `patch` touches is an allowed path (or inside one); the first field
// that is not is named (code "" when every one is). prefix: the path so far ("" at the top).
Refusal check_allowed(const json& patch, const std::string& prefix, const std::vector<std::string>& allowed) {
  for (auto it = patch.begin(); it != patch.end(); ++it) {
    const std::string path = prefix.empty() ? it.key() : prefix + "." + it.key();
    if (std::find(allowed.begin(), allowed.end(), path) != allowed.end()) continue;
    const bool parent = std::any_of(allowed.begin(), allowed.end(),
                                    [&](const std::string& a) { return a.rfind(path + ".", 0) == 0; });
    if (parent && it.value().is_object()) {
      Refusal inner = check_allowed(it.value(), path, allowed);
      if (!inner.code.empty()) return inner;
      continue;
    }
    return {printable("answer.patch." + path), "not_allowed_here", {printable(join(allowed))}};
  }
  return {};
}

// How a message names the kind of a JSON value.
std::string kind_of(const json& v) {
  if (v.is_number()) return "a number";
  if (v.is_string()) return "a string";
  if (v.is_boolean()) return "true or false";
  if (v.is_array()) return "a list";
  if (v.is_object()) return "an object";
  return "null";
}

// The first null inside `value` (at `path`), or "": inside a list, null is not a value either.
std::string null_inside(const json& value, const std::string& path) {
  if (value.is_null()) return path;
  if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      const std::string inner = null_inside(value[i], path + "[" + std::to_string(i) + "]");
      if (!inner.empty()) return inner;
    }
  } else if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      const std::string inner = null_inside(it.value(), path + "." + it.key());
      if (!inner.empty()) return inner;
    }
  }
  return "";
}

// An answer gives values; it never removes one. In a JSON merge patch null deletes the field,
// so {"start": null} would delete the exercise's own start (and the check would run on the
// base's default), {"steps": null} its step limit: every null is refused, naming where it is.
// A value whose kind differs from the exercise's value there (an object for a list, a string
// for a number) is refused too, naming the kind expected. base: the exercise's scenario at the
// same place (compare keyed by name), or null where it has no such field.
Refusal check_values(const json& patch, const json* base, const std::string& prefix) {
  for (auto it = patch.begin(); it != patch.end(); ++it) {
    const std::string path = prefix + "." + it.key();
    const std::string null_at = null_inside(it.value(), path);
    if (!null_at.empty()) return {printable(null_at), "null_value", {}};
    const json* inside = nullptr;
    if (base && base->is_object()) {
      auto found = base->find(it.key());
      if (found != base->end()) inside = &*found;
    }
    if (inside && kind_of(*inside) != kind_of(it.value()) && !inside->is_null())
      return {printable(path),
              "kind_differs",
              {kind_of(*inside), printable(inside->dump(), 40), kind_of(it.value())}};
    if (it.value().is_object()) {
      Refusal inner = check_values(it.value(), inside, path);
      if (!inner.code.empty()) return inner;
    }
  }
  return {};
}

std::string format_number(double v) {
  if (std::isnan(v)) return "none";
  if (v == std::floor(v) && std::fabs(v) < 1e15) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.0f", v);
    return buffer;
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4g", v);
  return buffer;
}

std::string format_value(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number()) return format_number(v.get<double>());
  return "none";
}

// A condition's words as a message template: each {quantity} of the exercise's text becomes {0},
// {1}, ... in the order they first appear, and `quantities` lists them in that order. A page
// formats a verdict from it as from the core's own templates (exerciseInfo()'s "messages").
std::string condition_template(const std::string& text, std::vector<std::string>& quantities) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t open = text.find('{', i);
    if (open == std::string::npos) break;
    const std::size_t close = text.find('}', open);
    if (close == std::string::npos) break;
    out += text.substr(i, open - i);
    const std::string key = text.substr(open + 1, close - open - 1);
    auto at = std::find(quantities.begin(), quantities.end(), key);
    if (at == quantities.end()) at = quantities.insert(quantities.end(), key);
    out += '{'; // (not "{" + a temporary string: GCC 12 warns falsely, -Wrestrict)
    out += std::to_string(at - quantities.begin());
    out += '}';
    i = close + 1;
  }
  return out + text.substr(i);
}

// The code of condition `index` of an exercise's check: "saddle-newton.check[0]".
std::string condition_code(const Exercise& e, std::size_t index) {
  return e.name + ".check[" + std::to_string(index) + "]";
}

bool holds(const ExerciseCondition& c, const json& numbers) {
  auto it = numbers.find(c.quantity);
  if (it == numbers.end() || it->is_null()) return false;
  if (it->is_string()) {
    const bool same = it->get<std::string>() == c.text;
    return c.number ? false : (c.op == "equals" ? same : !same);
  }
  if (!it->is_number() || !c.number) return false;
  const double v = it->get<double>(), t = *c.number;
  if (std::isnan(v)) return false;
  if (c.op == "equals") return v == t;
  if (c.op == "differs") return v != t;
  if (c.op == "above") return v > t;
  if (c.op == "below") return v < t;
  if (c.op == "at_least") return v >= t;
  return v <= t; // at_most
}

double number_or_nan(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<double>() : kNaN;
}

// "global minimum" where the core's floor test says so (near a curve of minima the tiny
// eigenvalues take either sign), else the second-order test's kind.
std::string point_kind(const json& spectrum) {
  auto global = spectrum.find("at_global_minimum");
  if (global != spectrum.end() && global->is_boolean() && global->get<bool>()) return "global minimum";
  auto kind = spectrum.find("kind");
  return kind != spectrum.end() && kind->is_string() ? kind->get<std::string>() : "unknown";
}

bool needs(const Exercise& e, const std::string& prefix) {
  auto mentions = [&](const std::string& q) { return q.rfind(prefix, 0) == 0; };
  for (const ExerciseCondition& c : e.check)
    if (mentions(c.quantity)) return true;
  return std::any_of(e.report.begin(), e.report.end(), mentions);
}

Result<bool> measure_surface(const Exercise& e, const std::string& text, json& numbers) {
  auto made = SurfaceScenario::create(text);
  if (!made) return made.failure();
  const SurfaceScenario& scenario = **made;
  const Surface& surface = scenario.surface();
  const std::array<double, 2> start = scenario.scenario().start;
  auto path = scenario.path(e.variant, start);
  if (!path) return path.failure();
  const double lowest = surface.lowest_value();
  const std::optional<double> floor = std::isfinite(lowest) ? std::optional<double>(lowest) : std::nullopt;
  Vector x(2);
  x << start[0], start[1];
  numbers["start.x"] = start[0];
  numbers["start.y"] = start[1];
  numbers["start.value"] = surface.value(x);
  auto at_start = spectrum_json(surface, x, {}, floor);
  if (!at_start) return inside("start", at_start.failure()); // the curvature's coded outcome, at the start
  const json s0 = json::parse(*at_start, nullptr, false);
  double largest = 0.0;
  for (const json& v : s0["eigenvalues"]) largest = std::max(largest, std::fabs(v.get<double>()));
  numbers["start.largest_abs_eigenvalue"] = largest;
  numbers["start.kind"] = point_kind(s0);
  const auto& end = path->back();
  x << end[0], end[1];
  numbers["steps"] = double(path->size() - 1);
  numbers["final.x"] = end[0];
  numbers["final.y"] = end[1];
  numbers["final.value"] = surface.value(x);
  // |w1^2 - w2^2|, conserved by gradient flow, measured from the surface's own origin (a moved
  // surface's instance keeps the quantity the exercise is about).
  const std::array<double, 2> c = scenario.center();
  const double u = end[0] - c[0], v = end[1] - c[1];
  numbers["final.imbalance"] = std::fabs(u * u - v * v);
  auto at_end = spectrum_json(surface, x, {}, floor);
  if (at_end) {
    const json s1 = json::parse(*at_end, nullptr, false);
    numbers["final.kind"] = point_kind(s1);
    numbers["final.negative"] = number_or_nan(s1, "negative");
    numbers["final.grad_norm"] = number_or_nan(s1, "grad_norm");
  } else {
    numbers["final.kind"] = "not finite";
  }
  if (e.escape_from) {
    // The first step farther than the radius from the point; the run's steps + 1 if never.
    double escape = double(path->size());
    for (std::size_t i = 0; i < path->size(); ++i) {
      const double dx = (*path)[i][0] - (*e.escape_from)[0], dy = (*path)[i][1] - (*e.escape_from)[1];
      if (std::sqrt(dx * dx + dy * dy) > e.escape_radius) {
        escape = double(i);
        break;
      }
    }
    numbers["escape_step"] = escape;
  }
  return true;
}

// The spectrum's kind, negative count and index at the training's current point (small models).
void measure_spectrum(const Training& training, const char* prefix, json& numbers) {
  const std::string p = prefix;
  auto spectrum =
      spectrum_json(training.objective(), training.parameters(), {}, loss_floor(training.scenario()));
  if (!spectrum) {
    numbers[p + ".kind"] = "unknown (" + spectrum.error() + ")";
    return;
  }
  const json s = json::parse(*spectrum, nullptr, false);
  numbers[p + ".kind"] = point_kind(s);
  numbers[p + ".negative"] = number_or_nan(s, "negative");
  numbers[p + ".index"] = number_or_nan(s, "index");
  numbers[p + ".smallest_eigenvalue"] =
      s["eigenvalues"].empty() ? kNaN : s["eigenvalues"].front().get<double>();
}

Result<bool> measure_network(const Exercise& e, const std::string& text, json& numbers) {
  std::string run_text = text;
  if (!e.variant.empty()) {
    auto variant = scenario_variant(text, e.variant);
    if (!variant) return variant.failure();
    run_text = *variant;
  }
  auto scenario = parse_scenario(run_text);
  if (!scenario) return scenario.failure();
  numbers["parameters"] = double(scenario->network.parameter_count());
  auto made = Training::create(std::move(*scenario));
  if (!made) return made.failure();
  Training& training = **made;
  const bool spectra = training.parameters().size() <= kMaxDenseHessianParameters;
  {
    const LogRecord first = training.current(false);
    numbers["initial.loss"] = first.loss;
    numbers["initial.grad_norm"] = first.grad_norm;
    // The length of the parameter vector: 0 only at the origin (a critical point away from it).
    // Scaled (stableNorm), so that weights near the largest double do not overflow the sum of
    // squares; a length beyond even that is reported as the largest double, a lower bound.
    const double length = training.parameters().stableNorm();
    numbers["initial.parameter_norm"] = std::isfinite(length) ? length : std::numeric_limits<double>::max();
    if (needs(e, "initial.") && spectra) measure_spectrum(training, "initial", numbers);
  }
  while (training.state() == TrainingState::running) training.advance(1 << 20);
  const LogRecord last = training.current(false);
  numbers["final.step"] = double(last.step);
  numbers["final.state"] = to_string(training.state());
  numbers["final.message"] = training.message();
  numbers["final.loss"] = last.loss;
  numbers["final.original_loss"] = last.original_loss;
  numbers["final.grad_norm"] = last.grad_norm;
  numbers["final.test_loss"] = last.test_loss;
  numbers["final.accuracy"] = last.accuracy;
  numbers["final.test_accuracy"] = last.test_accuracy;
  numbers["final.abs_a"] = last.neuron_enabled && last.a.size() ? last.a.cwiseAbs().maxCoeff() : kNaN;
  if (needs(e, "final.kind") || needs(e, "final.negative") || needs(e, "final.index") ||
      needs(e, "final.smallest_eigenvalue")) {
    if (training.state() != TrainingState::diverged && spectra)
      measure_spectrum(training, "final", numbers);
    else
      numbers["final.kind"] = "unknown (the run diverged)";
  }
  return true;
}

Result<bool> measure_view(const std::string& text, json& numbers) {
  auto made = LandscapeView::create(text);
  if (!made) return made.failure();
  auto result = (*made)->result_json();
  if (!result) return result.failure();
  const json r = json::parse(*result, nullptr, false);
  const json* loss = find_path(r, "line.loss");
  const json* t = find_path(r, "line.t");
  if (!loss || !t || !loss->is_array() || loss->empty() || loss->size() != t->size())
    return rejected("view", "no_view_line");
  double highest = -std::numeric_limits<double>::infinity(), at0 = kNaN, at1 = kNaN;
  for (std::size_t i = 0; i < loss->size(); ++i) {
    const double ti = (*t)[i].get<double>();
    const double li = (*loss)[i].is_number() ? (*loss)[i].get<double>() : kNaN;
    if (ti < 0.0 || ti > 1.0) continue;
    if (ti == 0.0) at0 = li;
    if (ti == 1.0) at1 = li;
    highest = std::isnan(li) ? li : std::max(highest, li);
  }
  // The ends are sampled points of the line: a range that leaves out t = 0 or t = 1 has none.
  if (!std::isfinite(at0) || !std::isfinite(at1) || !std::isfinite(highest))
    return rejected("view.range", "line_without_ends");
  numbers["line.start_loss"] = at0;
  numbers["line.end_loss"] = at1;
  numbers["line.max_loss"] = highest;
  numbers["line.barrier"] = highest - std::max(at0, at1);
  return true;
}

// The work of checking an answer whose scenario is `text`, counted before any of it runs: the
// training run through all its steps, the dense spectra the check measures, the view's runs and
// line. An answer over kMaxRequestWork is refused with the budget in the message, so no answer
// holds a student's page or a teacher's list for hours, and the same answer is refused on every
// machine. (A surface's path is at most 10^6 steps of two parameters: always within it.)
// The work, and the training runs it counts.
Result<double> check_work(const Exercise& e, const std::string& text, std::vector<RunWork>& runs) {
  auto scenario = parse_scenario(text);
  if (!scenario) return inside("answer.patch", scenario.failure());
  if (scenario->surface) return 0.0;
  double work = 0.0;
  auto add_run = [&](const std::string& run_text) -> Result<bool> {
    auto run = parse_scenario(run_text);
    if (!run) return inside("answer.patch", run.failure());
    const RunWork w = training_work(*run);
    work += w.work;
    runs.push_back(w);
    if (e.kind != "view") {
      const double n = double(run->network.parameter_count());
      const int spectra = int(needs(e, "initial.kind") || needs(e, "initial.negative") ||
                              needs(e, "initial.index") || needs(e, "initial.smallest_eigenvalue")) +
                          int(needs(e, "final.kind") || needs(e, "final.negative") ||
                              needs(e, "final.index") || needs(e, "final.smallest_eigenvalue"));
      if (n <= kMaxDenseHessianParameters) work += spectra * dense_hessian_work(*run, n);
    }
    return true;
  };
  if (e.kind == "view") {
    for (const std::string& name : scenario->view->between) {
      auto variant = scenario_variant(text, name);
      if (!variant) return inside("answer.patch", variant.failure());
      auto added = add_run(*variant);
      if (!added) return added.failure();
    }
    // The line: its points, each a pass over every point.
    work += double(scenario->view->points) * double(scenario->data.points + scenario->data.x.rows()) *
            network_work_per_point(scenario->network);
  } else {
    auto variant = e.variant.empty() ? Result<std::string>(text) : scenario_variant(text, e.variant);
    if (!variant) return inside("answer.patch", variant.failure());
    auto added = add_run(*variant);
    if (!added) return added.failure();
  }
  return work;
}

Result<bool> check_budget(const Exercise& e, const std::string& text) {
  std::vector<RunWork> runs;
  auto work = check_work(e, text, runs);
  if (!work) return work.failure();
  if (*work <= kMaxRequestWork || runs.empty()) return true;
  const std::string total = work_text(*work), most = work_text(kMaxRequestWork);
  const RunWork& run = runs.front();
  if (runs.size() > 1) {
    long long steps = 0;
    for (const RunWork& r : runs) steps += r.steps;
    return refused({"answer.patch",
                    "check_work_runs",
                    {std::to_string(runs.size()), run.shape, with_thousands(steps),
                     with_thousands(run.points), total, most}});
  }
  std::vector<std::string> args = {with_thousands(run.steps),
                                   printable(run.optimizer),
                                   run.shape,
                                   with_thousands(run.points),
                                   total,
                                   most};
  if (run.hessian_parameters == 0) return refused({"answer.patch", "check_work", args});
  args.push_back(with_thousands(run.hessian_parameters));
  return refused({"answer.patch", "check_work_hessian", args});
}

} // namespace

const std::vector<std::string>& exercise_quantities(const std::string& kind) {
  static const std::vector<std::string> surface = {
      "start.x",         "start.y",         "start.value", "start.largest_abs_eigenvalue",
      "start.kind",      "steps",           "final.x",     "final.y",
      "final.value",     "final.imbalance", "final.kind",  "final.negative",
      "final.grad_norm", "escape_step",     "note.words"};
  static const std::vector<std::string> network = {"parameters",          "initial.loss",
                                                   "initial.grad_norm",   "initial.parameter_norm",
                                                   "initial.kind",        "initial.negative",
                                                   "initial.index",       "initial.smallest_eigenvalue",
                                                   "final.step",          "final.state",
                                                   "final.message",       "final.loss",
                                                   "final.original_loss", "final.grad_norm",
                                                   "final.test_loss",     "final.accuracy",
                                                   "final.test_accuracy", "final.abs_a",
                                                   "final.kind",          "final.negative",
                                                   "final.index",         "final.smallest_eigenvalue",
                                                   "note.words"};
  static const std::vector<std::string> view = {"line.start_loss", "line.end_loss", "line.max_loss",
                                                "line.barrier", "note.words"};
  return kind == "surface" ? surface : kind == "view" ? view : network;
}

Result<Exercise> parse_exercise(const std::string& exercise_json, const std::string& base_scenario_json) {
  auto parsed = parse_json_text(exercise_json, "exercise");
  if (!parsed) return parsed.failure();
  const json& j = *parsed;
  if (!j.is_object()) return rejected("exercise", "not_json_object");
  static const std::vector<std::string> known = {
      "name",   "title",    "chapter", "goal",        "minutes", "task",   "hint",        "why",
      "widget", "scenario", "variant", "patch",       "allowed", "limits", "max_changes", "escape",
      "check",  "report",   "answer",  "answer_note", "vary",    "labels", "field_labels"};
  FirstFailure failure;
  FieldReader top(j, "", failure);
  top.known(known);
  Exercise e;
  for (const auto& [key, out] :
       {std::pair{"name", &e.name}, std::pair{"title", &e.title}, std::pair{"chapter", &e.chapter},
        std::pair{"goal", &e.goal}, std::pair{"task", &e.task}, std::pair{"hint", &e.hint},
        std::pair{"why", &e.why}, std::pair{"widget", &e.widget}, std::pair{"scenario", &e.scenario_name}}) {
    top.required(key);
    top.text(key, *out);
  }
  top.text("variant", e.variant);
  if (failure.failed()) return failure.error();
  if (auto it = j.find("minutes"); it != j.end()) {
    if (!it->is_number() || it->get<double>() <= 0 || it->get<double>() > 600)
      return rejected("minutes", "not_minutes");
    e.minutes = it->get<double>();
  }

  // The base scenario, checked to be the one the exercise names, with the exercise's patch.
  auto base = parse_json_text(base_scenario_json, "scenario");
  if (!base) return base.failure();
  if (!base->is_object()) return rejected("scenario", "not_json_object");
  auto base_name = base->find("name");
  if (base_name == base->end() || !base_name->is_string() || base_name->get<std::string>() != e.scenario_name)
    return base_name != base->end() && base_name->is_string()
               ? rejected("scenario", "other_scenario", {e.scenario_name, base_name->get<std::string>()})
               : rejected("scenario", "other_scenario_unnamed", {e.scenario_name});
  json with_patch = compare_by_name(*base);
  if (auto it = j.find("patch"); it != j.end()) {
    if (!it->is_object()) return rejected("patch", "not_scenario_patch");
    with_patch.merge_patch(*it);
  }
  with_patch = compare_as_list(with_patch);
  e.base_text = with_patch.dump();
  auto scenario = parse_scenario(e.base_text);
  if (!scenario) return inside("patch", scenario.failure());
  e.kind = scenario->surface ? "surface" : scenario->view ? "view" : "network";
  if (!e.variant.empty()) {
    auto variant = scenario_variant(e.base_text, e.variant);
    // The variant the exercise names is not among the scenario's: named as the exercise's field.
    if (!variant) {
      const Error& inner = variant.failure();
      return inner.code.empty() ? inside("variant", inner) : refused({"variant", inner.code, inner.args});
    }
  }

  auto allowed = j.find("allowed");
  if (allowed == j.end() || !allowed->is_array() || allowed->empty())
    return rejected("allowed", "missing_allowed");
  for (std::size_t i = 0; i < allowed->size(); ++i) {
    const json& a = (*allowed)[i];
    if (!a.is_string() || a.get<std::string>().empty())
      return rejected("allowed[" + std::to_string(i) + "]", "not_field_path");
    e.allowed.push_back(a.get<std::string>());
  }
  if (auto it = j.find("limits"); it != j.end()) {
    if (!it->is_object()) return rejected("limits", "not_limits");
    const json limited = compare_by_name(json::parse(e.base_text, nullptr, false));
    for (auto l = it->begin(); l != it->end(); ++l) {
      const json& range = l.value();
      if (!range.is_array() || range.size() != 2 || !range[0].is_number() || !range[1].is_number() ||
          range[0].get<double>() > range[1].get<double>())
        return rejected("limits." + l.key(), "not_limit");
      e.limits[l.key()] = {range[0].get<double>(), range[1].get<double>()};
      const json* value = find_path(limited, l.key());
      if (!value || !value->is_number()) return rejected("limits." + l.key(), "limit_not_number");
    }
  }
  if (auto it = j.find("max_changes"); it != j.end()) {
    if (!it->is_number_integer() || it->get<int>() < 0) return rejected("max_changes", "not_count");
    e.max_changes = it->get<int>();
  }
  if (auto it = j.find("escape"); it != j.end()) {
    const json* from = it->is_object() ? find_path(*it, "from") : nullptr;
    const json* radius = it->is_object() ? find_path(*it, "radius") : nullptr;
    if (e.kind != "surface") return rejected("escape", "escape_needs_surface");
    if (!from || !from->is_array() || from->size() != 2 || !(*from)[0].is_number() ||
        !(*from)[1].is_number() || !radius || !radius->is_number() || !(radius->get<double>() > 0))
      return rejected("escape", "not_escape");
    e.escape_from = std::array<double, 2>{(*from)[0].get<double>(), (*from)[1].get<double>()};
    e.escape_radius = radius->get<double>();
  }

  const std::vector<std::string>& quantities = exercise_quantities(e.kind);
  auto known_quantity = [&](const std::string& q) {
    return std::find(quantities.begin(), quantities.end(), q) != quantities.end();
  };
  auto check = j.find("check");
  if (check == j.end() || !check->is_array() || check->empty()) return rejected("check", "missing_check");
  for (std::size_t i = 0; i < check->size(); ++i) {
    const std::string at = "check[" + std::to_string(i) + "]";
    const json& c = (*check)[i];
    if (!c.is_object()) return rejected(at, "not_condition");
    FieldReader entry(c, at, failure);
    entry.known({"quantity", "op", "value", "fail"});
    ExerciseCondition condition;
    for (const auto& [key, out] : {std::pair{"quantity", &condition.quantity}, std::pair{"op", &condition.op},
                                   std::pair{"fail", &condition.fail}}) {
      entry.required(key);
      entry.text(key, *out);
    }
    if (failure.failed()) return failure.error();
    if (!known_quantity(condition.quantity))
      return rejected(at + ".quantity", "unknown_quantity", {condition.quantity, e.kind, join(quantities)});
    if (condition.quantity == "escape_step" && !e.escape_from)
      return rejected(at + ".quantity", "escape_step_needs_escape");
    const auto& ops = condition_ops();
    if (std::find(ops.begin(), ops.end(), condition.op) == ops.end())
      return rejected(at + ".op", "unknown_op", {condition.op, join(ops)});
    auto value = c.find("value");
    if (value == c.end()) return rejected(at + ".value", "missing");
    if (value->is_number()) {
      condition.number = value->get<double>();
    } else if (value->is_string() && (condition.op == "equals" || condition.op == "differs")) {
      condition.text = value->get<std::string>();
    } else {
      return rejected(at + ".value", "not_condition_value");
    }
    e.check.push_back(std::move(condition));
  }
  if (auto it = j.find("report"); it != j.end()) {
    if (!it->is_array()) return rejected("report", "not_quantity_list");
    for (std::size_t i = 0; i < it->size(); ++i) {
      const json& q = (*it)[i];
      if (!q.is_string() || !known_quantity(q.get<std::string>()))
        return rejected("report[" + std::to_string(i) + "]", "not_quantity", {e.kind, join(quantities)});
      e.report.push_back(q.get<std::string>());
    }
  }
  // The words of each quantity the check shows (the teacher's table reads "gradient norm 2.2e-4",
  // never final.grad_norm).
  if (auto it = j.find("labels"); it != j.end()) {
    if (!it->is_object()) return rejected("labels", "not_labels");
    for (auto l = it->begin(); l != it->end(); ++l) {
      if (!known_quantity(l.key()) && l.key() != "changes")
        return rejected("labels." + l.key(), "not_quantity_of", {e.kind});
      if (!l.value().is_string() || l.value().get<std::string>().empty() ||
          l.value().get<std::string>().size() > 60)
        return rejected("labels." + l.key(), "not_label");
      e.labels[l.key()] = l.value().get<std::string>();
    }
  }
  // The words of each allowed field on the answer form ("where Newton starts"), never its path.
  if (auto it = j.find("field_labels"); it != j.end()) {
    if (!it->is_object()) return rejected("field_labels", "not_field_labels");
    for (auto l = it->begin(); l != it->end(); ++l) {
      if (std::find(e.allowed.begin(), e.allowed.end(), l.key()) == e.allowed.end())
        return rejected("field_labels." + l.key(), "not_allowed_field", {join(e.allowed)});
      if (!l.value().is_string() || l.value().get<std::string>().empty() ||
          l.value().get<std::string>().size() > 60)
        return rejected("field_labels." + l.key(), "not_label");
      e.field_labels[l.key()] = l.value().get<std::string>();
    }
  }
  auto labelled = [&](const std::string& q) { return e.labels.count(q) || q == "note.words"; };
  for (const ExerciseCondition& c : e.check)
    if (!labelled(c.quantity)) return rejected("labels." + c.quantity, "missing_label");
  for (const std::string& q : e.report)
    if (!labelled(q)) return rejected("labels." + q, "missing_label");

  auto answer = j.find("answer");
  if (answer == j.end() || !answer->is_object()) return rejected("answer", "missing_answer");
  e.answer_patch = answer->dump();
  top.text("answer_note", e.answer_note);
  if (failure.failed()) return failure.error();
  // The known answer must at least be an answer the exercise accepts.
  json known_answer = {{"exercise", e.name}, {"patch", *answer}, {"note", e.answer_note}};
  auto answer_scenario = exercise_scenario(e, known_answer.dump());
  if (!answer_scenario) return as_known_answer(answer_scenario.failure());
  auto budget = check_budget(e, *answer_scenario);
  if (!budget) return as_known_answer(budget.failure());

  // What varies between students.
  if (auto it = j.find("vary"); it != j.end()) {
    if (!it->is_array() || it->empty() || it->size() > 4) return rejected("vary", "not_vary_list");
    const json base = compare_by_name(json::parse(e.base_text, nullptr, false));
    for (std::size_t i = 0; i < it->size(); ++i) {
      const std::string at = "vary[" + std::to_string(i) + "]";
      const json& v = (*it)[i];
      if (!v.is_object()) return rejected(at, "not_vary");
      FieldReader entry(v, at, failure);
      entry.known({"field", "label", "from", "to", "step", "choices", "answers", "moves"});
      ExerciseVary vary;
      for (const auto& [key, out] : {std::pair{"field", &vary.field}, std::pair{"label", &vary.label}}) {
        entry.required(key);
        entry.text(key, *out);
      }
      if (failure.failed()) return failure.error();
      const json* current = find_path(base, vary.field);
      if (!current) return rejected(at + ".field", "vary_no_field", {vary.field});
      if (std::find(e.allowed.begin(), e.allowed.end(), vary.field) != e.allowed.end())
        return rejected(at + ".field", "vary_allowed", {vary.field});
      if (auto c = v.find("choices"); c != v.end()) {
        if (!c->is_array() || c->size() < 2 || c->size() > 1000)
          return rejected(at + ".choices", "not_choices");
        for (const json& choice : *c) {
          if (kind_of(choice) != kind_of(*current))
            return rejected(at + ".choices", "choice_kind", {kind_of(*current), vary.field});
          vary.choices.push_back(choice.dump());
        }
        if (auto a = v.find("answers"); a != v.end()) {
          if (!a->is_array() || a->size() != c->size()) return rejected(at + ".answers", "not_vary_answers");
          for (const json& patch : *a) {
            if (!patch.is_object()) return rejected(at + ".answers", "not_vary_answer");
            vary.answers.push_back(patch.dump());
          }
        }
      } else {
        auto bounds = [&](const char* key, std::vector<double>& out) -> Refusal {
          auto b = v.find(key);
          if (b == v.end()) return {at + "." + key, "missing_bound", {}};
          const json list = b->is_array() ? *b : json::array({*b});
          if (list.empty() || list.size() > 3) return {at + "." + key, "not_bound", {}};
          for (const json& n : list) {
            if (!n.is_number() || !std::isfinite(n.get<double>()))
              return {at + "." + key, "not_bound_numbers", {}};
            out.push_back(n.get<double>());
          }
          return {};
        };
        Refusal problem = bounds("from", vary.from);
        if (problem.code.empty()) problem = bounds("to", vary.to);
        if (!problem.code.empty()) return rejected(problem.field, problem.code.c_str());
        if (vary.from.size() != vary.to.size()) return rejected(at + ".to", "bounds_count");
        const std::size_t n = vary.from.size();
        if (n == 1 ? !current->is_number() : !(current->is_array() && current->size() == n))
          return n == 1 ? rejected(at + ".from", "vary_not_number", {vary.field, kind_of(*current)})
                        : rejected(at + ".from", "vary_not_list",
                                   {vary.field, kind_of(*current), std::to_string(n)});
        auto step = v.find("step");
        const double s = step != v.end() && step->is_number() ? step->get<double>() : 0.0;
        const double per = s > 0 ? std::round(1.0 / s) : 0.0;
        if (!(per >= 1 && per <= 1e6 && std::fabs(per * s - 1) < 1e-9))
          return rejected(at + ".step", "not_step");
        vary.per_unit = (long long)per;
        for (std::size_t k = 0; k < n; ++k)
          if (!(vary.from[k] < vary.to[k])) return rejected(at + ".to", "not_above_from");
        if (auto m = v.find("moves"); m != v.end()) {
          if (!m->is_array()) return rejected(at + ".moves", "not_moves");
          for (const json& moved : *m) {
            if (!moved.is_string()) return rejected(at + ".moves", "not_move_paths");
            const std::string path = moved.get<std::string>();
            if (path == "escape.from" ? !e.escape_from : !find_path(base, path))
              return rejected(at + ".moves", "unknown_move", {path});
            vary.moves.push_back(path);
          }
        }
      }
      e.vary.push_back(std::move(vary));
    }
    // An instance is a well-formed exercise: its scenario and its reference answer are accepted.
    auto sample = exercise_instance(e, 10000);
    if (!sample) return inside("vary", sample.failure());
    const json sample_answer = {
        {"exercise", e.name}, {"patch", json::parse(sample->answer_patch)}, {"note", e.answer_note}};
    auto sample_scenario = exercise_scenario(*sample, sample_answer.dump());
    // The sample's answer: its refusal names where the vary entry's answer has it.
    if (!sample_scenario) return inside("vary", as_known_answer(sample_scenario.failure()));
  }
  return e;
}

std::string exercise_info_json(const Exercise& e) {
  nlohmann::ordered_json j;
  j["name"] = e.name;
  j["title"] = e.title;
  j["chapter"] = e.chapter;
  j["goal"] = e.goal;
  j["minutes"] = e.minutes;
  j["task"] = e.task;
  j["hint"] = e.hint;
  j["why"] = e.why;
  j["widget"] = e.widget;
  j["scenario"] = e.scenario_name;
  j["variant"] = e.variant;
  j["kind"] = e.kind;
  j["allowed"] = e.allowed;
  nlohmann::ordered_json limits = nlohmann::ordered_json::object();
  for (const auto& [path, range] : e.limits) limits[path] = {range[0], range[1]};
  j["limits"] = limits;
  j["max_changes"] = e.max_changes;
  nlohmann::ordered_json conditions = nlohmann::ordered_json::array();
  for (const ExerciseCondition& c : e.check) {
    nlohmann::ordered_json entry = {{"quantity", c.quantity}, {"op", c.op}};
    if (c.number)
      entry["value"] = *c.number;
    else
      entry["value"] = c.text;
    conditions.push_back(entry);
  }
  j["conditions"] = conditions;
  // The templates of the check's verdicts ({field, code, args} in check_exercise()'s "verdict"),
  // beside the core's own (catalog()'s "messages"): a translated exercise is these words.
  nlohmann::ordered_json messages = nlohmann::ordered_json::object();
  for (std::size_t i = 0; i < e.check.size(); ++i) {
    std::vector<std::string> quantities;
    messages[condition_code(e, i)] = condition_template(e.check[i].fail, quantities);
  }
  j["messages"] = messages;
  j["report"] = e.report;
  j["answer"] = nlohmann::ordered_json::parse(e.answer_patch, nullptr, false);
  j["answer_note"] = e.answer_note;
  // The base scenario's values of the allowed fields: what a page shows before any change.
  const json base = compare_by_name(json::parse(e.base_text, nullptr, false));
  nlohmann::ordered_json current = nlohmann::ordered_json::object();
  for (const std::string& path : e.allowed) {
    const json* value = find_path(base, path);
    current[path] = value ? nlohmann::ordered_json::parse(value->dump(), nullptr, false) : nullptr;
  }
  j["base_values"] = current;
  nlohmann::ordered_json labels = nlohmann::ordered_json::object();
  for (const auto& [q, words] : e.labels) labels[q] = words;
  j["labels"] = labels;
  nlohmann::ordered_json varies = nlohmann::ordered_json::array();
  for (const ExerciseVary& v : e.vary) varies.push_back({{"field", v.field}, {"label", v.label}});
  j["varies"] = varies;
  j["instance"] = e.instance;
  j["instance_text"] = e.instance_text;
  j["fields"] = nlohmann::ordered_json::parse(exercise_fields_json(e));
  // The steps the check trains (a network's run): the playground stops there.
  const json* steps = find_path(base, "steps");
  j["check_steps"] = steps && steps->is_number_integer() ? steps->get<long long>() : 0;
  return j.dump();
}

namespace {

// The catalog a string field of a scenario takes its value from (empty: any text).
const std::vector<std::string>& field_catalog(const std::string& path) {
  static const std::vector<std::string> none;
  const std::size_t dot = path.rfind('.');
  const std::string key = dot == std::string::npos ? path : path.substr(dot + 1);
  const std::string parent = dot == std::string::npos ? "" : path.substr(0, dot);
  const std::size_t pdot = parent.rfind('.');
  const std::string owner = pdot == std::string::npos ? parent : parent.substr(pdot + 1);
  if (key == "activation") return activation_names();
  if (key == "loss") return loss_names();
  if (key != "kind") return none;
  if (owner == "optimizer") return optimizer_kinds();
  if (owner == "init") return init_kinds();
  if (owner == "regularization") return regularization_kinds();
  if (owner == "data") return dataset_kinds();
  return none;
}

// A field's words when the exercise file gives none: its last key, underscores as spaces.
std::string default_field_label(const std::string& path) {
  const std::size_t dot = path.rfind('.');
  std::string words = dot == std::string::npos ? path : path.substr(dot + 1);
  std::replace(words.begin(), words.end(), '_', ' ');
  return words;
}

} // namespace

namespace {
// The exercise's right answer's value of a field (null where the answer leaves it).
const json* answer_value(const json& answer, const std::string& path) {
  return answer.is_discarded() ? nullptr : find_path(answer, path);
}

// Whether the exercise's right answer gives this field more than a kind (a start written out,
// weight by weight): a menu of kinds could not hold it, so the form offers the field otherwise.
bool answer_sets_more_than_kind(const json& answer, const std::string& path) {
  const json* value = answer_value(answer, path);
  return value && value->is_object() && value->size() > 1;
}

// Words for a choice where its name is not enough (an optimizer's label, "saddle-free Newton";
// a feature as the playground writes it, "sin x₁"); empty for a catalog without them.
nlohmann::ordered_json choice_labels(const std::string& catalog_path) {
  nlohmann::ordered_json labels = nlohmann::ordered_json::object();
  const std::size_t dot = catalog_path.rfind('.');
  const std::string key = dot == std::string::npos ? catalog_path : catalog_path.substr(dot + 1);
  const std::string parent = dot == std::string::npos ? "" : catalog_path.substr(0, dot);
  const std::string owner = parent.substr(parent.rfind('.') == std::string::npos ? 0 : parent.rfind('.') + 1);
  if (key == "kind" && owner == "optimizer")
    for (const OptimizerKind& kind : optimizer_table()) labels[kind.name] = kind.label;
  if (key == "features")
    for (const std::string& name : feature_names()) labels[name] = feature_label(name);
  if (key == "kind" && owner == "regularization")
    for (const std::string& kind : regularization_kinds()) labels[kind] = regularization_label(kind);
  return labels;
}

bool is_layer_list(const json* value) {
  return value && value->is_array() && !value->empty() &&
         std::all_of(value->begin(), value->end(), [](const json& layer) {
           return layer.is_object() && layer.contains("units") && layer["units"].is_number_integer();
         });
}

// A regularization the form's menu and number can hold: none yet, or a kind and a rate.
bool is_regularization(const json* value) {
  if (!value || value->is_null()) return true;
  if (!value->is_object()) return false;
  for (auto it = value->begin(); it != value->end(); ++it)
    if (!(it.key() == "kind" && it.value().is_string()) && !(it.key() == "rate" && it.value().is_number()))
      return false;
  return true;
}

bool is_name_list(const json* value) {
  return value && value->is_array() && !value->empty() &&
         std::all_of(value->begin(), value->end(), [](const json& v) { return v.is_string(); });
}

// The keys of a setting's group (an optimizer: kind, learning rate, batch size) that the form
// offers, kind first: the base's and the right answer's; empty when one is not a number (the
// group is then JSON).
std::vector<std::string> group_keys(const json& before, const json* answer) {
  std::vector<std::string> keys = {"kind"};
  for (const json* from : {&before, answer}) {
    if (!from || !from->is_object()) continue;
    for (auto it = from->begin(); it != from->end(); ++it) {
      if (it.key() == "kind") continue;
      if (!it.value().is_number()) return {};
      if (std::find(keys.begin(), keys.end(), it.key()) == keys.end()) keys.push_back(it.key());
    }
  }
  // In the order the optimizers' table names their settings (the learning rate first), the
  // rest (the batch size) after them.
  std::vector<std::string> order;
  for (const OptimizerKind& kind : optimizer_table())
    for (const std::string& field : kind.fields)
      if (std::find(order.begin(), order.end(), field) == order.end()) order.push_back(field);
  const auto rank = [&](const std::string& key) {
    return std::find(order.begin(), order.end(), key) - order.begin();
  };
  std::stable_sort(keys.begin() + 1, keys.end(),
                   [&](const std::string& a, const std::string& b) { return rank(a) < rank(b); });
  return keys;
}

// Whole numbers by the scenario schema's field (a value written 50 may still be any number).
bool whole_number_field(const std::string& key) {
  static const std::set<std::string> counts = {"seed", "steps", "inputs", "units", "batch_size"};
  return counts.count(key) > 0;
}

// How the answer form asks for one allowed field (exercise_fields_json's entries).
nlohmann::ordered_json field_description(const Exercise& e, const json& base, const json& answer,
                                         const std::string& path) {
  nlohmann::ordered_json f = {{"path", path}};
  auto label = e.field_labels.find(path);
  f["label"] = label != e.field_labels.end() ? label->second : default_field_label(path);
  auto range = [&](nlohmann::ordered_json& into, const std::string& at) {
    if (auto it = e.limits.find(at); it != e.limits.end()) {
      into["min"] = it->second[0];
      into["max"] = it->second[1];
    }
  };
  const json* value = find_path(base, path);
  const std::size_t dot = path.rfind('.');
  const std::string key = dot == std::string::npos ? path : path.substr(dot + 1);
  const std::string parent = dot == std::string::npos ? "" : path.substr(0, dot);
  const auto allowed = [&](const std::string& p) {
    return std::find(e.allowed.begin(), e.allowed.end(), p) != e.allowed.end();
  };
  if (parent == "model" && key == "inputs" && value && value->is_number() && allowed("data.features")) {
    // The network's inputs are its features, one each: the form shows their count, and an
    // empty text is that count (exercise_answer_from_fields).
    f["kind"] = "count";
    f["of"] = "data.features";
  } else if (value && value->is_number()) {
    const bool whole = whole_number_field(key);
    f["kind"] = whole && key == "seed" ? "seed" : "number";
    f["integer"] = whole;
    range(f, path);
    if (key == "seed" && !f.contains("min")) f["min"] = 0;
  } else if (value && value->is_array() && !value->empty() && value->size() <= 3 &&
             std::all_of(value->begin(), value->end(), [](const json& v) { return v.is_number(); })) {
    f["kind"] = "point";
    nlohmann::ordered_json parts = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < value->size(); ++i) {
      nlohmann::ordered_json part = {{"label", "w" + std::to_string(i + 1)}};
      range(part, path + "." + std::to_string(i));
      parts.push_back(part);
    }
    f["parts"] = parts;
  } else if (key == "features" && is_name_list(value)) {
    // The playground's input features: one checkbox each, in the catalog's order.
    f["kind"] = "features";
    f["choices"] = feature_names();
    f["choice_labels"] = choice_labels(path);
  } else if (key == "layers" && is_layer_list(value)) {
    // The network's layers, the last one its output: units (the scenario's range) and an
    // activation each; the flags a layer may carry where the exercise uses them.
    f["kind"] = "layers";
    f["units"] = {{"min", 1}, {"max", kMaxUnits}};
    f["max_layers"] = kMaxLayers;
    f["activations"] = activation_names();
    nlohmann::ordered_json flags = nlohmann::ordered_json::array();
    const json* right = answer_value(answer, path);
    auto uses = [&](const char* flag) {
      for (const json* list : {value, right})
        if (list && list->is_array())
          for (const json& layer : *list)
            if (layer.is_object() && layer.contains(flag)) return true;
      return false;
    };
    if (uses("bias")) flags.push_back({{"key", "bias"}, {"label", "bias"}, {"default", true}});
    if (uses("skip"))
      flags.push_back({{"key", "skip"}, {"label", "residual (adds its input)"}, {"default", false}});
    f["flags"] = flags;
  } else if (path == "regularization" && is_regularization(value)) {
    // The penalty on the weights, as the playground sets it: a menu of kinds and its strength,
    // in the scenario's range (the exercise's, where it limits it). Where the exercise's network
    // has none, the controls start at "none", which reads as no change.
    f["kind"] = "group";
    nlohmann::ordered_json kind = {{"key", "kind"},
                                   {"label", "kind"},
                                   {"kind", "choice"},
                                   {"choices", regularization_kinds()},
                                   {"choice_labels", choice_labels("regularization.kind")},
                                   {"default", "none"}};
    nlohmann::ordered_json rate = {{"key", "rate"},    {"label", "strength (rate)"},
                                   {"kind", "number"}, {"integer", false},
                                   {"min", 0},         {"max", kMaxRegularizationRate}};
    range(rate, path + ".rate");
    rate["default"] = 0;
    f["parts"] = {kind, rate};
  } else if (value && value->is_string() && !field_catalog(path).empty()) {
    f["kind"] = "choice";
    f["choices"] = field_catalog(path);
    if (auto labels = choice_labels(path); !labels.empty()) f["choice_labels"] = labels;
  } else if (value && value->is_object() && value->contains("kind") && (*value)["kind"].is_string() &&
             !field_catalog(path + ".kind").empty() && !answer_sets_more_than_kind(answer, path)) {
    f["kind"] = "choice";
    f["choices"] = field_catalog(path + ".kind");
    if (auto labels = choice_labels(path + ".kind"); !labels.empty()) f["choice_labels"] = labels;
    f["choice_of"] = "kind";
  } else if (std::vector<std::string> keys = value && value->is_object() && value->contains("kind") &&
                                                     (*value)["kind"].is_string() &&
                                                     !field_catalog(path + ".kind").empty()
                                                 ? group_keys(*value, answer_value(answer, path))
                                                 : std::vector<std::string>{};
             !keys.empty()) {
    // A group of settings whose kind is a menu and the rest numbers (an optimizer with its
    // learning rate and batch size): one control each.
    f["kind"] = "group";
    nlohmann::ordered_json parts = nlohmann::ordered_json::array();
    for (const std::string& part : keys) {
      nlohmann::ordered_json entry = {{"key", part}};
      if (part == "kind") {
        entry["label"] = "kind";
        entry["kind"] = "choice";
        entry["choices"] = field_catalog(path + ".kind");
        if (auto labels = choice_labels(path + ".kind"); !labels.empty()) entry["choice_labels"] = labels;
      } else {
        entry["label"] = default_field_label(part);
        entry["kind"] = "number";
        entry["integer"] = whole_number_field(part);
        range(entry, path + "." + part);
        if (part == "batch_size") entry["label"] = "batch size (0: all training points)";
      }
      parts.push_back(entry);
    }
    f["parts"] = parts;
  } else {
    f["kind"] = value && value->is_array() ? "list" : "object";
  }
  return f;
}
} // namespace

std::string exercise_fields_json(const Exercise& e) {
  const json base = compare_by_name(json::parse(e.base_text, nullptr, false));
  const json answer = json::parse(e.answer_patch, nullptr, false);
  nlohmann::ordered_json fields = nlohmann::ordered_json::array();
  for (const std::string& path : e.allowed) fields.push_back(field_description(e, base, answer, path));
  return fields.dump();
}

namespace {

// The answer's parts: the patch (an object), the note (a string, maybe empty), and a class's
// student (name, class code, the instance the answer was computed for).
struct AnswerParts {
  json patch;
  std::string note, name, class_code;
  std::optional<long long> instance;
};

Result<AnswerParts> read_answer(const Exercise& e, const std::string& answer_json) {
  if (answer_json.size() > kMaxAnswerBytes)
    return rejected("answer", "answer_too_large", {std::to_string(kMaxAnswerBytes / 1024)});
  auto parsed = parse_json_text(answer_json, "answer", "answer");
  if (!parsed) return parsed.failure();
  const json& a = *parsed;
  if (!a.is_object()) return rejected("answer", "not_answer_object");
  for (auto it = a.begin(); it != a.end(); ++it)
    if (it.key() != "exercise" && it.key() != "patch" && it.key() != "note" && it.key() != "name" &&
        it.key() != "class" && it.key() != "instance")
      return rejected("answer." + it.key(), "unknown_field",
                      {"exercise, patch, note, name, class, instance"});
  auto name = a.find("exercise");
  if (name == a.end() || !name->is_string()) return rejected("answer.exercise", "missing_exercise_name");
  if (name->get<std::string>() != e.name)
    return rejected("answer.exercise", "other_exercise", {name->get<std::string>(), e.name});
  AnswerParts parts;
  parts.patch = json::object();
  if (auto it = a.find("patch"); it != a.end()) {
    if (!it->is_object()) return rejected("answer.patch", "not_answer_patch");
    parts.patch = *it;
  }
  if (auto it = a.find("note"); it != a.end()) {
    if (!it->is_string()) return rejected("answer.note", "not_string");
    parts.note = it->get<std::string>();
    if (parts.note.size() > kMaxNoteBytes)
      return rejected("answer.note", "note_too_long", {std::to_string(kMaxNoteBytes)});
  }
  parts.note = printable(parts.note);
  if (auto it = a.find("name"); it != a.end()) {
    if (!it->is_string() || it->get<std::string>().size() > kMaxStudentNameBytes)
      return rejected("answer.name", "not_student_name", {std::to_string(kMaxStudentNameBytes)});
    parts.name = printable(it->get<std::string>());
  }
  if (auto it = a.find("class"); it != a.end()) {
    if (!it->is_string()) return rejected("answer.class", "not_class_code_text");
    if (const Refusal bad = class_code_refusal("answer.class", it->get<std::string>()); !bad.code.empty())
      return refused(bad);
    parts.class_code = it->get<std::string>();
  }
  if (auto it = a.find("instance"); it != a.end()) {
    if (!it->is_number_integer() || it->get<long long>() < 0 || it->get<long long>() > 99999)
      return rejected("answer.instance", "not_answer_instance");
    parts.instance = it->get<long long>();
  }
  return parts;
}

// The instance of the exercise the answer's student has (the exercise itself without a class).
Result<Exercise> answer_instance(const Exercise& e, const AnswerParts& parts) {
  if (e.instance != 0) return e;
  return exercise_instance(e, exercise_instance_number(e, parts.class_code, parts.name));
}

// The patched scenario (compare keyed by name), or the first problem naming the field.
Result<json> patched_scenario(const Exercise& e, const json& patch) {
  if (const Refusal outside = check_allowed(patch, "", e.allowed); !outside.code.empty())
    return refused(outside);
  json scenario = compare_by_name(json::parse(e.base_text, nullptr, false));
  if (const Refusal wrong = check_values(patch, &scenario, "answer.patch"); !wrong.code.empty())
    return refused(wrong);
  scenario.merge_patch(patch);
  for (const auto& [path, range] : e.limits) {
    // Every limited field holds a number in range after the answer (parse_exercise checked the
    // exercise's own scenario has one there).
    const json* value = find_path(scenario, path);
    if (!value || !value->is_number())
      return rejected("answer.patch." + path, "limit_kind",
                      {format_number(range[0]), format_number(range[1]), value ? kind_of(*value) : "none"});
    const double v = value->get<double>();
    if (!(v >= range[0] && v <= range[1]))
      return rejected("answer.patch." + path, "limit_range",
                      {format_number(range[0]), format_number(range[1]), format_number(v)});
  }
  return scenario;
}

} // namespace

Result<std::string> exercise_scenario(const Exercise& exercise, const std::string& answer_json) {
  auto answer = read_answer(exercise, answer_json);
  if (!answer) return answer.failure();
  auto instance = answer_instance(exercise, *answer);
  if (!instance) return instance.failure();
  const Exercise& e = *instance;
  auto scenario = patched_scenario(e, answer->patch);
  if (!scenario) return scenario.failure();
  const std::string text = compare_as_list(*scenario).dump();
  auto parsed = parse_scenario(text);
  // The scenario's messages start with the field ("start[1]: ..."): named inside the patch.
  if (!parsed) return inside("answer.patch", parsed.failure());
  return text;
}

namespace {
std::string trimmed_text(const std::string& text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n"), last = text.find_last_not_of(" \t\r\n");
  return first == std::string::npos ? std::string() : text.substr(first, last - first + 1);
}

// A number as a student typed it in one input (a point's component, a layer's units), named `at`.
Result<json> number_from_text(const std::string& text, const std::string& at) {
  if (text.size() > 100) return rejected(at, "typed_not_number", {printable(text, 40)});
  auto number = parse_json_text(text, at.c_str(), at);
  if (!number) {
    if (number.failure().code == "json_syntax" || number.failure().code == "json_invalid")
      return rejected(at, "typed_not_number", {printable(text, 40)});
    return number.failure();
  }
  if (!number->is_number()) return rejected(at, "typed_json_not_number", {printable(text, 40)});
  return *number;
}
} // namespace

Result<std::string> exercise_answer_from_fields(const Exercise& exercise, const std::string& fields_json) {
  auto parsed = parse_json_text(fields_json, "fields");
  if (!parsed) return parsed.failure();
  const json& form = *parsed;
  const json* fields = form.is_object() ? find_path(form, "fields") : nullptr;
  if (!fields || !fields->is_object()) return rejected("fields", "not_fields_request");
  // A class's student: the name and class code go into the answer with the instance they derive,
  // and the fields are compared with that instance's values.
  AnswerParts who;
  if (const json* n = find_path(form, "name"); n && !n->is_null()) {
    if (!n->is_string() || n->get<std::string>().size() > kMaxStudentNameBytes)
      return rejected("name", "not_your_name", {std::to_string(kMaxStudentNameBytes)});
    who.name = normalized_student_name(n->get<std::string>()).empty() ? "" : n->get<std::string>();
  }
  if (const json* c = find_path(form, "class");
      c && !c->is_null() && !(c->is_string() && c->get<std::string>().empty())) {
    if (!c->is_string()) return rejected("class", "not_class_code_text");
    if (const Refusal bad = class_code_refusal("class", c->get<std::string>()); !bad.code.empty())
      return refused(bad);
    who.class_code = c->get<std::string>();
  }
  auto instance = answer_instance(exercise, who);
  if (!instance) return instance.failure();
  const Exercise& e = *instance;
  const json base = compare_by_name(json::parse(e.base_text, nullptr, false));
  const json right_answer = json::parse(e.answer_patch, nullptr, false);
  json patch = json::object();
  std::vector<std::string> counts; // fields left empty that count a list ("model.inputs")
  for (auto it = fields->begin(); it != fields->end(); ++it) {
    const std::string& path = it.key();
    if (std::find(e.allowed.begin(), e.allowed.end(), path) == e.allowed.end())
      return rejected("answer.patch." + path, "not_allowed_here", {join(e.allowed)});
    const json* before = find_path(base, path);
    const std::string field = "answer.patch." + path;
    const nlohmann::ordered_json described = field_description(e, base, right_answer, path);
    const std::string kind = described["kind"];
    json read;
    if (it.value().is_array() && kind == "point") {
      // A point's components, one text each: numbers, an empty one keeping the exercise's.
      const json& parts = it.value();
      if (parts.size() != before->size())
        return rejected(field, "not_point_of", {std::to_string(parts.size())});
      if (std::all_of(parts.begin(), parts.end(), [&](const json& p) {
            return p.is_string() && trimmed_text(p.get<std::string>()).empty();
          }))
        continue;
      read = json::array();
      for (std::size_t i = 0; i < parts.size(); ++i) {
        const std::string at = field + "[" + std::to_string(i) + "]";
        if (!parts[i].is_string()) return rejected("fields." + path, "not_field_texts");
        const std::string text = trimmed_text(parts[i].get<std::string>());
        if (text.empty()) {
          read.push_back((*before)[i]);
          continue;
        }
        auto number = number_from_text(text, at);
        if (!number) return number.failure();
        read.push_back(*number);
      }
    } else if (it.value().is_array() && kind == "features") {
      // The ticked features' names.
      read = json::array();
      for (const json& name : it.value()) {
        if (!name.is_string()) return rejected("fields." + path, "not_feature_names");
        read.push_back(name);
      }
      if (read.empty()) return rejected(field, "no_features");
    } else if (it.value().is_array() && kind == "layers") {
      // Each layer's texts: its units as typed, its activation's name, its flags (a flag at its
      // default is left out unless the exercise's layer writes it, so an unchanged list is the
      // exercise's).
      const json& layers = it.value();
      if (layers.empty()) return rejected(field, "no_output_layer");
      read = json::array();
      for (std::size_t i = 0; i < layers.size(); ++i) {
        const std::string at = field + "[" + std::to_string(i) + "]";
        const json& texts = layers[i];
        if (!texts.is_object() || !texts.contains("units") || !texts["units"].is_string())
          return rejected("fields." + path, "not_layer_texts");
        const std::string units_text = trimmed_text(texts["units"].get<std::string>());
        if (units_text.empty()) return rejected(at + ".units", "missing_units");
        auto units = number_from_text(units_text, at + ".units");
        if (!units) return units.failure();
        json layer = {{"units", *units}};
        if (auto a = texts.find("activation"); a != texts.end()) {
          if (!a->is_string()) return rejected(at + ".activation", "not_activation_name");
          layer["activation"] = trimmed_text(a->get<std::string>());
        }
        const json* base_layer = before->is_array() && i < before->size() ? &(*before)[i] : nullptr;
        for (const nlohmann::ordered_json& flag : described["flags"]) {
          const std::string name = flag["key"];
          auto f = texts.find(name);
          if (f == texts.end()) continue;
          if (!f->is_boolean()) return rejected(at + "." + name, "not_flag");
          if (f->get<bool>() != flag["default"].get<bool>() || (base_layer && base_layer->contains(name)))
            layer[name] = *f;
        }
        read.push_back(layer);
      }
    } else if (it.value().is_object() && kind == "group") {
      // A group's texts, one per setting: the kind's name, numbers as typed (an empty one keeps
      // the exercise's), over the exercise's group.
      read = before && before->is_object() ? *before : json::object();
      for (auto part = it.value().begin(); part != it.value().end(); ++part) {
        const std::string at = field + "." + part.key();
        const auto& parts = described["parts"];
        if (std::none_of(parts.begin(), parts.end(), [&](const auto& p) { return p["key"] == part.key(); }))
          return rejected(at, "not_form_setting");
        if (!part.value().is_string()) return rejected("fields." + path, "not_setting_texts");
        const std::string text = trimmed_text(part.value().get<std::string>());
        if (text.empty()) continue;
        if (part.key() == "kind") {
          read["kind"] = text;
          continue;
        }
        auto number = number_from_text(text, at);
        if (!number) return number.failure();
        read[part.key()] = *number;
      }
      // No regularization in the exercise and none chosen (whatever its strength says): no change.
      if ((!before || before->is_null()) && path == "regularization" && read.value("kind", "none") == "none")
        continue;
    } else if (!it.value().is_string()) {
      return rejected("fields." + path, "not_field_text");
    } else {
      const std::string text = trimmed_text(it.value().get<std::string>());
      if (text.empty()) {
        if (kind == "count") counts.push_back(path);
        continue; // keeps the exercise's value (a count: the number of its list's items)
      }
      if (text.size() > kMaxAnswerBytes)
        return rejected("answer.patch." + path, "field_too_long", {std::to_string(kMaxAnswerBytes / 1024)});
      // A menu of an object's kind ("zeros" for model.init): the text is the kind's name.
      const std::vector<std::string>& kinds = field_catalog(path + ".kind");
      if (before && before->is_object() && before->contains("kind") && (*before)["kind"].is_string() &&
          std::find(kinds.begin(), kinds.end(), text) != kinds.end()) {
        if ((*before)["kind"] == text) continue; // the exercise's own kind: unchanged
        read = json{{"kind", text}};
      } else {
        auto value = parse_json_text(text, field.c_str(), field);
        if (value) {
          read = std::move(*value);
        } else if ((value.failure().code == "json_syntax" || value.failure().code == "json_invalid") &&
                   (!before || before->is_string())) {
          read = text; // a kind, an activation: the text itself
        } else if (value.failure().code == "json_syntax" || value.failure().code == "json_invalid") {
          return rejected(field, "typed_not_value", {printable(text, 40)});
        } else {
          return value.failure(); // too deep, or a number out of range, named inside the field
        }
      }
    }
    if (before && *before == read) continue; // unchanged: not part of the patch
    // The value at the dotted path of the patch.
    json* at = &patch;
    std::size_t begin = 0;
    for (std::size_t dot = path.find('.'); dot != std::string::npos; dot = path.find('.', begin)) {
      at = &(*at)[path.substr(begin, dot - begin)];
      if (!at->is_object()) *at = json::object();
      begin = dot + 1;
    }
    (*at)[path.substr(begin)] = std::move(read);
  }
  // A count left empty follows its list as the answer leaves it (the network's inputs, one per
  // ticked feature).
  for (const std::string& path : counts) {
    const std::string of = field_description(e, base, right_answer, path)["of"];
    const json* list = find_path(patch, of);
    if (!list) list = find_path(base, of);
    const json* before = find_path(base, path);
    if (!list || !list->is_array() || (before && *before == json(list->size()))) continue;
    json* at = make_path(patch, path);
    if (at) *at = list->size();
  }
  std::string note;
  if (const json* n = find_path(form, "note")) {
    if (!n->is_string()) return rejected("answer.note", "not_string");
    note = n->get<std::string>();
  }
  json made = {{"exercise", e.name}, {"patch", patch}, {"note", note}};
  if (!who.name.empty()) made["name"] = who.name;
  if (!who.class_code.empty()) made["class"] = who.class_code;
  if (e.instance != 0) made["instance"] = e.instance;
  const std::string answer = made.dump();
  auto checked = exercise_scenario(exercise, answer);
  if (!checked) return checked.failure();
  return answer;
}

Result<double> exercise_check_work(const Exercise& exercise, const std::string& answer_json) {
  auto text = exercise_scenario(exercise, answer_json);
  if (!text) return text.failure();
  std::vector<RunWork> runs;
  return check_work(exercise, *text, runs);
}

Result<std::string> check_exercise(const Exercise& exercise, const std::string& answer_json) {
  auto answer = read_answer(exercise, answer_json);
  if (!answer) return answer.failure();
  auto instance = answer_instance(exercise, *answer);
  if (!instance) return instance.failure();
  const Exercise& e = *instance;
  auto text = exercise_scenario(exercise, answer_json);
  if (!text) return text.failure();
  auto budget = check_budget(e, *text);
  if (!budget) return budget.failure();
  const json& patch = answer->patch;
  const std::string& note = answer->note;

  json numbers = json::object();
  int words = 0;
  bool in_word = false;
  for (char c : note) {
    const bool letter = !std::isspace(static_cast<unsigned char>(c));
    if (letter && !in_word) ++words;
    in_word = letter;
  }
  numbers["note.words"] = words;
  Result<bool> measured = e.kind == "surface" ? measure_surface(e, *text, numbers)
                          : e.kind == "view"  ? measure_view(*text, numbers)
                                              : measure_network(e, *text, numbers);
  if (!measured) return measured.failure();

  // What the answer lacks, as data (a page words it from the catalog and the exercise's
  // messages) and in English.
  std::vector<Refusal> verdict;
  if (answer->instance && *answer->instance != e.instance) {
    // Made on another student's numbers (a neighbour's link with the name changed, or handed in
    // under another name): the check ran on this student's own instance.
    const std::string made_for = std::to_string(*answer->instance);
    const bool named = !answer->name.empty();
    const std::string who = printable(answer->name, 60);
    if (e.instance == 0)
      verdict.push_back(named ? Refusal{"instance", "other_instance_as_written", {made_for, who}}
                              : Refusal{"instance", "other_instance_as_written_unnamed", {made_for}});
    else if (named)
      verdict.push_back(
          {"instance", "other_instance", {made_for, who, answer->class_code, std::to_string(e.instance)}});
    else
      verdict.push_back(
          {"instance", "other_instance_unnamed", {made_for, answer->class_code, std::to_string(e.instance)}});
  }
  if (e.max_changes > 0) {
    // "Change one thing": the allowed fields whose value differs from the base's.
    const json base = compare_by_name(json::parse(e.base_text, nullptr, false));
    const json answer_scenario = compare_by_name(json::parse(*text, nullptr, false));
    std::vector<std::string> changed;
    for (const std::string& path : e.allowed) {
      const json* before = find_path(base, path);
      const json* after = find_path(answer_scenario, path);
      if ((before == nullptr) != (after == nullptr) || (before && after && *before != *after))
        changed.push_back(path);
    }
    numbers["changes"] = double(changed.size());
    if (int(changed.size()) > e.max_changes)
      verdict.push_back({"",
                         "too_many_changes",
                         {std::to_string(changed.size()), join(changed), std::to_string(e.max_changes)}});
  }
  std::vector<std::string> failed;
  for (const Refusal& r : verdict) failed.push_back(english(r));
  nlohmann::ordered_json verdict_data = nlohmann::ordered_json::array();
  for (const Refusal& r : verdict)
    verdict_data.push_back({{"field", r.field}, {"code", r.code}, {"args", r.args}, {"message", english(r)}});
  for (std::size_t i = 0; i < e.check.size(); ++i) {
    const ExerciseCondition& c = e.check[i];
    if (holds(c, numbers)) continue;
    std::vector<std::string> quantities;
    const std::string words = condition_template(c.fail, quantities);
    std::vector<std::string> args;
    for (const std::string& q : quantities) {
      auto it = numbers.find(q);
      args.push_back(printable(it != numbers.end() ? format_value(*it) : "{" + q + "}"));
    }
    failed.push_back(printable(fill_template(words, args)));
    verdict_data.push_back(
        {{"field", ""}, {"code", condition_code(e, i)}, {"args", args}, {"message", failed.back()}});
  }

  nlohmann::ordered_json out;
  out["exercise"] = e.name;
  out["passed"] = failed.empty();
  std::string message = "passed";
  if (!failed.empty()) {
    message.clear();
    for (const std::string& f : failed) message += (message.empty() ? "" : "; ") + f;
  }
  out["message"] = message;
  out["failed"] = failed;
  out["verdict"] = verdict_data;
  nlohmann::ordered_json shown = nlohmann::ordered_json::object();
  std::set<std::string> listed;
  auto show = [&](const std::string& q) {
    auto it = numbers.find(q);
    if (it == numbers.end() || !listed.insert(q).second) return;
    shown[q] = nlohmann::ordered_json::parse(it->dump(), nullptr, false);
  };
  for (const ExerciseCondition& c : e.check) show(c.quantity);
  for (const std::string& q : e.report) show(q);
  if (numbers.contains("changes")) show("changes");
  out["numbers"] = shown;
  out["summary"] = numbers_in_words(e, shown.dump());
  out["note"] = note;
  out["patch"] = nlohmann::ordered_json::parse(patch.dump(), nullptr, false);
  out["name"] = answer->name;
  out["class"] = answer->class_code;
  out["instance"] = e.instance;
  out["instance_text"] = e.instance_text;
  return std::string(out.dump());
}

Refusal class_code_refusal(const std::string& field, const std::string& code) {
  if (code.empty() || code.size() > kMaxClassCodeBytes)
    return {field, "class_code_length", {std::to_string(kMaxClassCodeBytes)}};
  for (char c : code)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
      return {field, "not_class_code", {printable(code, 40)}};
  return {};
}

std::string class_code_problem(const std::string& code) {
  const Refusal refusal = class_code_refusal("", code);
  return refusal.code.empty() ? "" : english(refusal);
}

std::string normalized_student_name(const std::string& name) {
  std::string out;
  bool space = false;
  for (char c : name) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
  }
  return out;
}

long long exercise_instance_number(const Exercise& e, const std::string& class_code,
                                   const std::string& name) {
  if (e.vary.empty() || class_code.empty()) return 0;
  const std::uint64_t h = fnv1a(e.name + '\x1f' + class_code + '\x1f' + normalized_student_name(name));
  return 10000 + (long long)(h % 90000u);
}

Result<Exercise> exercise_instance(const Exercise& e, long long number) {
  if (number == 0 || e.vary.empty()) return e;
  if (number < 10000 || number > 99999) return rejected("instance", "not_instance_number");
  Exercise out = e;
  Random random(fnv1a(e.name) ^ (std::uint64_t(number) * 0x9E3779B97F4A7C15ull));
  json base = compare_by_name(json::parse(e.base_text, nullptr, false));
  json answer = json::parse(e.answer_patch, nullptr, false);
  std::string words;
  for (const ExerciseVary& v : e.vary) {
    json value;
    if (!v.choices.empty()) {
      const std::size_t k = std::size_t(random.below(v.choices.size()));
      value = json::parse(v.choices[k]);
      if (!v.answers.empty()) answer = json::parse(v.answers[k]);
    } else {
      std::vector<double> parts;
      for (std::size_t k = 0; k < v.from.size(); ++k) {
        const long long low = std::llround(v.from[k] * double(v.per_unit));
        const long long high = std::llround(v.to[k] * double(v.per_unit));
        parts.push_back(double(low + (long long)random.below(std::uint64_t(high - low + 1))) /
                        double(v.per_unit));
      }
      value = parts.size() == 1 ? json(parts[0]) : json(parts);
      // The fields the value moves (a start, an answer's start, the escape's centre), kept on the grid.
      auto move = [&](json* at) {
        if (!at) return;
        if (at->is_number() && parts.size() == 1) *at = on_grid(at->get<double>() + parts[0], v.per_unit);
        if (at->is_array() && at->size() == parts.size())
          for (std::size_t k = 0; k < parts.size(); ++k)
            if ((*at)[k].is_number()) (*at)[k] = on_grid((*at)[k].get<double>() + parts[k], v.per_unit);
      };
      for (const std::string& moved : v.moves) {
        if (moved == "escape.from") {
          if (out.escape_from && parts.size() == 2)
            for (std::size_t k = 0; k < 2; ++k)
              (*out.escape_from)[k] = on_grid((*out.escape_from)[k] + parts[k], v.per_unit);
          continue;
        }
        move(const_cast<json*>(find_path(base, moved)));
        move(const_cast<json*>(find_path(answer, moved)));
      }
    }
    json* at = make_path(base, v.field);
    if (!at) return Error{printable("vary: cannot set " + v.field)};
    *at = value;
    std::string shown;
    if (value.is_array()) {
      for (const json& x : value) shown += (shown.empty() ? "" : ", ") + format_value(x);
      shown = "(" + shown + ")";
    } else {
      shown = format_value(value);
    }
    words += (words.empty() ? "" : "; ") + v.label + " " + shown;
  }
  out.base_text = compare_as_list(base).dump();
  auto scenario = parse_scenario(out.base_text);
  if (!scenario) return Error{"instance " + std::to_string(number) + ": " + scenario.error()};
  out.answer_patch = answer.dump();
  out.instance = number;
  out.instance_text = printable(words);
  return out;
}

std::string numbers_in_words(const Exercise& e, const std::string& numbers_json) {
  const nlohmann::ordered_json numbers = nlohmann::ordered_json::parse(numbers_json, nullptr, false);
  if (!numbers.is_object()) return "";
  std::string out;
  for (auto it = numbers.begin(); it != numbers.end(); ++it) {
    const std::string& q = it.key();
    auto label = e.labels.find(q);
    const std::string words = label != e.labels.end() ? label->second
                              : q == "changes"        ? std::string("fields changed")
                              : q == "note.words"     ? std::string("words in the note")
                                                      : q;
    std::string value;
    if (it->is_number()) {
      const double v = it->get<double>();
      char buffer[40];
      if (std::isnan(v)) {
        value = "none";
      } else if (v == std::floor(v) && std::fabs(v) < 1e6) {
        std::snprintf(buffer, sizeof buffer, "%.0f", v);
        value = buffer;
      } else if (v != 0 && (std::fabs(v) < 1e-3 || std::fabs(v) >= 1e5)) {
        // 2.2e-4, not 2.2e-04.
        std::snprintf(buffer, sizeof buffer, "%.1e", v);
        value = buffer;
        const std::size_t exp = value.find('e');
        std::string mantissa = value.substr(0, exp), power = value.substr(exp + 1);
        const bool negative = power[0] == '-';
        power = power.substr(1);
        while (power.size() > 1 && power[0] == '0') power.erase(0, 1);
        value = mantissa + "e" + (negative ? "-" : "") + power;
      } else {
        std::snprintf(buffer, sizeof buffer, "%.3g", v);
        value = buffer;
      }
    } else if (it->is_string()) {
      value = it->get<std::string>();
    } else if (it->is_boolean()) {
      value = it->get<bool>() ? "yes" : "no";
    } else {
      value = "none";
    }
    out += (out.empty() ? "" : ", ") + words + " " + value;
  }
  return printable(out);
}

Result<std::string> exercise_playground_state(const Exercise& exercise) {
  if (exercise.widget != "playground")
    return rejected("widget", "not_playground_exercise", {exercise.widget});
  if (exercise.variant.empty()) return playground_link_state(exercise.base_text);
  auto variant = scenario_variant(exercise.base_text, exercise.variant);
  if (!variant) return variant.failure();
  return playground_link_state(*variant);
}

} // namespace landscape
