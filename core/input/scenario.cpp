#include "input/scenario.hpp"

#include "curvature/curvature.hpp"
#include "input/field_reader.hpp"
#include "input/json_text.hpp"
#include "input/limits.hpp"
#include "input/text.hpp"
#include "model/surfaces.hpp"
#include "numerics/random.hpp"
#include "training/optimizer.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <string_view>

namespace landscape {

using nlohmann::json;

const std::vector<std::string>& optimizer_kinds() {
  static const std::vector<std::string> kinds = [] {
    std::vector<std::string> names;
    for (const OptimizerKind& kind : optimizer_table()) names.push_back(kind.name);
    return names;
  }();
  return kinds;
}

const std::vector<std::string>& init_kinds() {
  static const std::vector<std::string> kinds = {"normal", "uniform", "zeros", "params"};
  return kinds;
}

const std::vector<std::string>& regularization_kinds() {
  static const std::vector<std::string> kinds = {"none", "l1", "l2"};
  return kinds;
}

std::string regularization_label(const std::string& kind) {
  if (kind == "l1") return "L1";
  if (kind == "l2") return "L2";
  return kind;
}

namespace {

Activation activation_from(const std::string& name) {
  if (name == "linear") return Activation::linear;
  if (name == "sigmoid") return Activation::sigmoid;
  if (name == "relu") return Activation::relu;
  if (name == "sine") return Activation::sine;
  return Activation::tanh;
}

LossKind loss_from(const std::string& name) {
  if (name == "half_squared") return LossKind::half_squared;
  if (name == "cross_entropy") return LossKind::cross_entropy;
  return LossKind::squared;
}

void read_data(FieldReader& top, Scenario& s, FirstFailure& failure) {
  if (!top.has("data")) return top.refuse("data", "missing_data");
  FieldReader data(top.child("data"), "data", failure);
  data.known({"kind", "points", "noise", "test_fraction", "classes", "x", "y", "test_x", "test_y", "features",
              "seed"});
  if (data.has("seed")) {
    long long seed = 0;
    data.integer("seed", seed, 0, 9007199254740991LL);
    s.data.seed = static_cast<std::uint64_t>(seed);
  }
  data.choice("kind", s.data.kind, dataset_kinds());
  data.integer("points", s.data.points, 1, kMaxPoints);
  data.number("noise", s.data.noise, 0.0, 10.0);
  data.number("test_fraction", s.data.test_fraction, 0.0, 0.9);
  data.integer("classes", s.data.classes, 2, kMaxClasses);
  if (!failure.failed() && s.data.classes != 2 && !takes_classes(s.data.kind))
    return data.refuse("data.classes", "classes_need_kind", {s.data.kind});
  if (data.has("features")) {
    const json& features = data.child("features");
    if (!features.is_array() || features.empty() || features.size() > feature_names().size())
      return data.refuse("data.features", "not_feature_list");
    for (std::size_t i = 0; i < features.size(); ++i) {
      const std::string where = "data.features[" + std::to_string(i) + "]";
      if (!features[i].is_string()) return data.refuse(where, "not_string");
      const std::string name = features[i].get<std::string>();
      if (std::find(feature_names().begin(), feature_names().end(), name) == feature_names().end())
        return data.refuse(where, "unknown_feature", {name, join(feature_names())});
      if (std::find(s.data.features.begin(), s.data.features.end(), name) != s.data.features.end())
        return data.refuse(where, "listed_twice", {name});
      s.data.features.push_back(name);
    }
  }
  if (s.data.kind == "inline") {
    if (!data.has("x")) return data.refuse("data.x", "missing_inline_points");
    if (!data.has("y")) return data.refuse("data.y", "missing_inline_points");
    data.rows("x", s.data.x);
    data.rows("y", s.data.y);
    if (!failure.failed() && s.data.x.rows() != s.data.y.rows())
      data.refuse("data.y", "rows_differ",
                  {std::to_string(s.data.y.rows()), "data.x", std::to_string(s.data.x.rows())});
    if (data.has("test_x") != data.has("test_y"))
      return data.refuse(data.has("test_x") ? "data.test_y" : "data.test_x", "missing_test_pair");
    data.rows("test_x", s.data.test_x);
    data.rows("test_y", s.data.test_y);
    if (failure.failed() || !data.has("test_x")) return;
    if (s.data.test_x.rows() != s.data.test_y.rows())
      return data.refuse(
          "data.test_y", "rows_differ",
          {std::to_string(s.data.test_y.rows()), "data.test_x", std::to_string(s.data.test_x.rows())});
    if (s.data.test_x.cols() != s.data.x.cols() || s.data.test_y.cols() != s.data.y.cols())
      return data.refuse("data.test_x", "test_columns_differ");
  } else if (data.has("x") || data.has("y") || data.has("test_x") || data.has("test_y")) {
    data.refuse("data.x", "points_need_inline", {s.data.kind});
  }
}

void read_init(const json& node, const std::string& path, InitSpec& spec, FirstFailure& failure) {
  FieldReader init(node, path, failure);
  init.known({"kind", "scale", "bias", "params"});
  init.choice("kind", spec.kind, init_kinds());
  init.number("scale", spec.scale, 0.0, 1e3);
  init.number("bias", spec.bias, -1e3, 1e3);
  init.numbers("params", spec.params);
  if (!failure.failed() && spec.kind != "params" && init.has("params"))
    init.refuse(init.at("params"), "params_need_params_kind");
}

void read_model(FieldReader& top, Scenario& s, FirstFailure& failure) {
  if (!top.has("model")) return top.refuse("model", "missing_model");
  FieldReader model(top.child("model"), "model", failure);
  model.known({"inputs", "layers", "init"});
  model.integer("inputs", s.network.inputs, 1, kMaxInputs);
  if (!model.has("layers")) return model.refuse("model.layers", "missing_layers");
  const json& layers = model.child("layers");
  if (!layers.is_array() || layers.empty()) return model.refuse("model.layers", "not_layer_list");
  if (layers.size() > std::size_t(kMaxLayers))
    return model.refuse("model.layers", "too_many_layers", {std::to_string(kMaxLayers)});
  s.network.layers.clear();
  for (std::size_t i = 0; i < layers.size() && !failure.failed(); ++i) {
    FieldReader layer(layers[i], "model.layers[" + std::to_string(i) + "]", failure);
    layer.known({"units", "activation", "bias", "skip"});
    LayerSpec spec;
    layer.required("units");
    layer.integer("units", spec.units, 1, kMaxUnits);
    std::string activation = "tanh";
    layer.choice("activation", activation, activation_names());
    spec.activation = activation_from(activation);
    layer.flag("bias", spec.bias);
    layer.flag("skip", spec.skip);
    if (!failure.failed() && spec.skip && spec.units != s.network.fan_in(i))
      layer.refuse(layer.at("skip"), "residual_units",
                   {std::to_string(spec.units), std::to_string(s.network.fan_in(i))});
    s.network.layers.push_back(spec);
  }
  if (failure.failed()) return;
  if (s.network.parameter_count() > kMaxParameters)
    return model.refuse("model.layers", "too_many_parameters",
                        {std::to_string(s.network.parameter_count()), std::to_string(kMaxParameters)});
  if (model.has("init")) {
    read_init(model.child("init"), "model.init", s.init, failure);
    if (failure.failed()) return;
    if (s.init.kind == "params" && Eigen::Index(s.init.params.size()) != s.network.parameter_count())
      model.refuse("model.init.params", "params_count",
                   {std::to_string(s.init.params.size()), std::to_string(s.network.parameter_count())});
  }
}

void read_neuron(FieldReader& top, Scenario& s, FirstFailure& failure) {
  if (!top.has("added_neuron")) return;
  FieldReader neuron(top.child("added_neuron"), "added_neuron", failure);
  neuron.known({"enabled", "lambda", "start_step", "params"});
  neuron.flag("enabled", s.added_neuron.spec.enabled);
  neuron.number("lambda", s.added_neuron.spec.lambda, 0.0, 1e6, true);
  neuron.integer("start_step", s.added_neuron.start_step, 0, kMaxSteps);
  neuron.numbers("params", s.added_neuron.params);
  if (failure.failed() || s.added_neuron.params.empty()) return;
  const std::size_t dy = std::size_t(s.network.outputs());
  const std::size_t expected = dy * (2 + std::size_t(s.network.inputs));
  if (s.added_neuron.params.size() != expected)
    neuron.refuse("added_neuron.params", "neuron_params_count",
                  {std::to_string(s.added_neuron.params.size()), std::to_string(expected)});
}

void read_regularization(FieldReader& top, Scenario& s, FirstFailure& failure) {
  if (!top.has("regularization")) return;
  FieldReader reg(top.child("regularization"), "regularization", failure);
  reg.known({"kind", "rate"});
  std::string kind = "none";
  reg.choice("kind", kind, regularization_kinds());
  s.regularization.kind = kind == "l1"   ? Regularization::Kind::l1
                          : kind == "l2" ? Regularization::Kind::l2
                                         : Regularization::Kind::none;
  reg.number("rate", s.regularization.rate, 0.0, kMaxRegularizationRate);
}

void read_optimizer(const json& node, const std::string& path, OptimizerSpec& o, FirstFailure& failure) {
  FieldReader opt(node, path, failure);
  opt.known({"kind", "learning_rate", "max_learning_rate", "momentum", "beta1", "beta2", "epsilon", "damping",
             "batch_size", "shuffle", "noise_radius", "gradient_threshold", "perturbation_interval"});
  opt.choice("kind", o.kind, optimizer_kinds());
  opt.number("learning_rate", o.learning_rate, 0.0, 1e6, true);
  opt.number("max_learning_rate", o.max_learning_rate, 0.0, 1e6, true);
  opt.number("momentum", o.momentum, 0.0, 1.0);
  opt.number("beta1", o.beta1, 0.0, 1.0);
  opt.number("beta2", o.beta2, 0.0, 1.0);
  opt.number("epsilon", o.epsilon, 0.0, 1.0, true);
  opt.number("damping", o.damping, 0.0, 1e6);
  opt.integer("batch_size", o.batch_size, 0, kMaxPoints);
  opt.flag("shuffle", o.shuffle);
  opt.number("noise_radius", o.noise_radius, 0.0, 1e3);
  opt.number("gradient_threshold", o.gradient_threshold, 0.0, 1e6);
  opt.integer("perturbation_interval", o.perturbation_interval, 1, kMaxSteps);
  if (!failure.failed() && o.kind == "sgd" && o.batch_size == 0)
    opt.refuse(opt.at("batch_size"), "sgd_needs_batch");
}

void read_optimizer(FieldReader& top, Scenario& s, FirstFailure& failure) {
  if (top.has("optimizer")) read_optimizer(top.child("optimizer"), "optimizer", s.optimizer, failure);
}

bool is_class_data(const std::string& kind) {
  const DatasetKind* entry = find_dataset_kind(kind);
  return entry && entry->classification;
}

// Inline labels for softmax cross-entropy: class indices (one_hot() needs nothing else).
void check_class_labels(const DataSpec& data, int classes, FirstFailure& failure) {
  for (const auto& [field, y] : {std::pair{"data.y", &data.y}, std::pair{"data.test_y", &data.test_y}}) {
    for (Eigen::Index i = 0; i < y->rows(); ++i) {
      const double label = (*y)(i, 0);
      if (is_class_label(label, classes)) continue;
      std::ostringstream got;
      got << label;
      failure.refuse({std::string(field) + "[" + std::to_string(i) + "]",
                      classes == 2 ? "class_label_binary" : "class_label",
                      {std::to_string(classes - 1), got.str()}});
      return;
    }
  }
}

// Checks that the data fit the model and the loss; converts labels for cross-entropy.
void check_consistency(Scenario& s, FirstFailure& failure) {
  if (failure.failed()) return;
  const int dy = s.network.outputs();
  const bool generated = s.data.kind != "inline";
  const Eigen::Index raw_columns = raw_input_columns(s);
  for (std::size_t i = 0; i < s.data.features.size(); ++i) {
    if (s.data.features[i].find("x2") != std::string::npos && raw_columns < 2) {
      failure.refuse(
          {"data.features[" + std::to_string(i) + "]", "feature_needs_two_columns", {s.data.features[i]}});
      return;
    }
  }
  const Eigen::Index dx = s.data.features.empty() ? raw_columns : Eigen::Index(s.data.features.size());
  if (dx != s.network.inputs) {
    failure.refuse({"model.inputs",
                    s.data.features.empty() ? "inputs_not_columns" : "inputs_not_features",
                    {std::to_string(s.network.inputs), std::to_string(dx)}});
    return;
  }
  const Eigen::Index ycols = generated ? 1 : s.data.y.cols();
  const int classes = s.data.classes;
  if (classes > 2 && s.loss != LossKind::cross_entropy) {
    failure.refuse({"loss", "classes_need_cross_entropy", {std::to_string(classes)}});
    return;
  }
  if (s.loss == LossKind::cross_entropy) {
    if (dy < 2) {
      failure.refuse({"model.layers", "cross_entropy_output", {}});
      return;
    }
    if (generated && is_class_data(s.data.kind) && dy != classes) {
      failure.refuse({"model.layers", "classes_output_units", {std::to_string(classes), std::to_string(dy)}});
      return;
    }
    if (ycols != 1 && ycols != dy) {
      failure.refuse({"data.y", "cross_entropy_labels", {std::to_string(dy)}});
      return;
    }
    if (!generated && ycols == 1) check_class_labels(s.data, dy, failure);
    return;
  }
  if (ycols != dy) failure.refuse({"data.y", "output_columns", {std::to_string(ycols), std::to_string(dy)}});
}

void read_surface(FieldReader& top, Scenario& s, FirstFailure& failure) {
  // A surface is the whole objective: the network's fields would be silently unused.
  for (const char* field : {"data", "model", "loss", "problem", "regularization", "added_neuron", "log_every",
                            "log_detail", "critical_points"})
    if (top.has(field)) return top.refuse(field, "network_field_in_surface");
  FieldReader surface(top.child("surface"), "surface", failure);
  surface.known({"name", "a", "b", "angle", "center"});
  SurfaceSpec spec;
  if (!failure.failed() && !surface.has("name"))
    return surface.refuse("surface.name", "missing_choice", {join(surface_names())});
  surface.choice("name", spec.name, surface_names());
  // Each parameter in the surface's range (surface_parameters(): the quadratic's are the curvature
  // primer's sliders).
  bool has_angle = false;
  for (const SurfaceParameter& p : surface_parameters(spec.name)) {
    const std::string_view key = p.key;
    surface.number(p.key, key == "a" ? spec.a : key == "b" ? spec.b : spec.angle, p.min, p.max);
    has_angle = has_angle || key == "angle";
  }
  // A surface without an angle: any finite one is read, for make_surface() to refuse all but 0.
  if (!has_angle)
    surface.number("angle", spec.angle, std::numeric_limits<double>::lowest(),
                   std::numeric_limits<double>::max());
  if (!failure.failed() && surface.has("center")) {
    const json& center = surface.child("center");
    if (!center.is_array() || center.size() != 2 || !center[0].is_number() || !center[1].is_number() ||
        !(std::fabs(center[0].get<double>()) <= 100) || !(std::fabs(center[1].get<double>()) <= 100))
      return surface.refuse("surface.center", "not_center");
  }
  if (failure.failed()) return;
  auto made = make_surface(spec.name, spec.a, spec.b, spec.angle);
  if (!made) return failure.fail(made.failure()); // it names its field ("surface.angle")
  s.surface = spec;
  top.integer("steps", s.steps, 0, kMaxPathSteps);
  if (top.has("start")) {
    const json& start = top.child("start");
    if (!start.is_array() || start.size() != 2 || !start[0].is_number() || !start[1].is_number() ||
        !std::isfinite(start[0].get<double>()) || !std::isfinite(start[1].get<double>()))
      return top.refuse("start", "not_point");
    s.start = {start[0].get<double>(), start[1].get<double>()};
  }
  read_optimizer(top, s, failure);
}

void read_critical_points(FieldReader& top, Scenario& s, FirstFailure& failure) {
  if (!top.has("critical_points")) return;
  FieldReader section(top.child("critical_points"), "critical_points", failure);
  section.known({"starts", "scale", "iterations", "polish"});
  CriticalPointsSpec spec;
  section.integer("starts", spec.starts, 0, kMaxCriticalPointSearches);
  section.number("scale", spec.scale, 0.0, 1e3, true);
  section.integer("iterations", spec.iterations, 1, 100000);
  if (!failure.failed() && section.has("polish")) {
    FieldReader polish(section.child("polish"), "critical_points.polish", failure);
    polish.known({"starts", "stops", "iterations", "init", "optimizer"});
    spec.polish_starts = 1;
    polish.integer("starts", spec.polish_starts, 0, kMaxCriticalPointSearches);
    polish.integer("iterations", spec.polish_iterations, 1, 100000);
    if (!failure.failed() && !polish.has("stops"))
      return polish.refuse("critical_points.polish.stops", "missing_stops");
    if (failure.failed()) return;
    const json& stops = polish.child("stops");
    if (!stops.is_array() || stops.empty() || stops.size() > 100)
      return polish.refuse("critical_points.polish.stops", "not_stop_list");
    for (std::size_t i = 0; i < stops.size(); ++i) {
      const std::string where = "critical_points.polish.stops[" + std::to_string(i) + "]";
      if (!stops[i].is_number_integer() || stops[i].get<double>() < 1 || stops[i].get<double>() > kMaxSteps)
        return polish.refuse(where, "not_integer_in", {"1", std::to_string(kMaxSteps)});
      const int stop = stops[i].get<int>();
      if (!spec.polish_stops.empty() && stop <= spec.polish_stops.back())
        return polish.refuse(where, "not_increasing");
      spec.polish_stops.push_back(stop);
    }
    if (polish.has("init")) {
      read_init(polish.child("init"), "critical_points.polish.init", spec.polish_init, failure);
      if (!failure.failed() && spec.polish_init.kind == "params")
        return polish.refuse("critical_points.polish.init.kind", "polish_init_kind");
    }
    if (polish.has("optimizer"))
      read_optimizer(polish.child("optimizer"), "critical_points.polish.optimizer", spec.polish_optimizer,
                     failure);
  }
  if (failure.failed()) return;
  if (spec.count() > kMaxCriticalPointSearches)
    return section.refuse("critical_points", "too_many_searches",
                          {std::to_string(spec.count()), std::to_string(kMaxCriticalPointSearches)});
  const Eigen::Index n = s.network.parameter_count() +
                         (s.added_neuron.spec.enabled ? s.network.outputs() * (2 + s.network.inputs) : 0);
  if (n > kMaxDenseHessianParameters)
    return section.refuse("critical_points", "finder_parameters",
                          {std::to_string(kMaxDenseHessianParameters), std::to_string(n)});
  s.critical_points = std::move(spec);
}

Result<Scenario> parse_document(const json& document);

void read_compare(const json& document, Scenario& s, FirstFailure& failure) {
  const json& list = document["compare"];
  if (!list.is_array() || list.size() > std::size_t(kMaxVariants)) {
    failure.refuse({"compare", "not_variant_list", {std::to_string(kMaxVariants)}});
    return;
  }
  json base = document;
  base.erase("compare");
  base.erase("view"); // a variant is one run; the view belongs to the scenario that compares them
  for (std::size_t i = 0; i < list.size() && !failure.failed(); ++i) {
    const std::string at = "compare[" + std::to_string(i) + "]";
    FieldReader entry(list[i], at, failure);
    entry.known({"name", "label", "patch"});
    ScenarioVariant variant;
    if (!failure.failed() && !entry.required("name")) return;
    entry.text("name", variant.name);
    if (failure.failed()) return;
    if (variant.name.empty()) return entry.refuse(at + ".name", "empty_text");
    for (const ScenarioVariant& other : s.compare)
      if (other.name == variant.name) return entry.refuse(at + ".name", "used_twice", {variant.name});
    variant.label = variant.name;
    entry.text("label", variant.label);
    if (!failure.failed() && !entry.has("patch")) return entry.refuse(at + ".patch", "missing_patch");
    if (failure.failed()) return;
    const json& patch = list[i]["patch"];
    if (!patch.is_object()) return entry.refuse(at + ".patch", "not_patch");
    if (patch.contains("compare")) return entry.refuse(at + ".patch.compare", "nested_variants");
    json patched = base;
    patched.merge_patch(patch);
    auto parsed = parse_document(patched);
    if (!parsed) {
      // The variant's refusal, named where it is in this document.
      return failure.fail(inside(at + ".patch", parsed.failure()));
    }
    variant.text = patched.dump();
    s.compare.push_back(std::move(variant));
  }
}

// The "view" section (core/input/view_scenario.cpp), after the variants it may name.
void read_view(const json& section, Scenario& s, FirstFailure& failure) {
  if (s.surface) {
    failure.refuse({"view", "view_in_surface", {}});
    return;
  }
  std::vector<std::string> names;
  for (const ScenarioVariant& v : s.compare) names.push_back(v.name);
  ViewSpec spec;
  read_view_section(section, names, spec, failure);
  if (!failure.failed()) s.view = std::move(spec);
}

Result<Scenario> parse_document(const json& document) {
  Scenario s;
  FirstFailure failure;
  if (!document.is_object()) return refused({"scenario", "not_json_object", {}});
  FieldReader top(document, "", failure);
  top.known({"name", "description", "seed", "data", "model", "loss", "problem", "regularization",
             "added_neuron", "optimizer", "steps", "log_every", "log_detail", "surface", "start", "compare",
             "critical_points", "view"});
  top.text("name", s.name);
  top.text("description", s.description);
  long long seed = 0;
  top.integer("seed", seed, 0, 9007199254740991LL);
  s.seed = static_cast<std::uint64_t>(seed);
  if (!failure.failed() && top.has("surface")) {
    read_surface(top, s, failure);
  } else {
    if (!failure.failed() && top.has("start")) top.refuse("start", "start_in_network");
    std::string loss = "squared";
    top.choice("loss", loss, loss_names());
    s.loss = loss_from(loss);
    top.integer("steps", s.steps, 0, kMaxSteps);
    top.integer("log_every", s.log_every, 1, kMaxSteps);
    std::string log_detail = "full";
    top.choice("log_detail", log_detail, {"full", "summary"});
    s.log_arrays = log_detail == "full";
    if (!failure.failed()) read_data(top, s, failure);
    if (!failure.failed()) read_model(top, s, failure);
    if (!failure.failed()) read_neuron(top, s, failure);
    if (!failure.failed()) read_optimizer(top, s, failure);
    if (!failure.failed()) read_regularization(top, s, failure);
    const DatasetKind* data_kind = find_dataset_kind(s.data.kind);
    const bool class_data = data_kind && data_kind->classification;
    std::string problem = s.loss == LossKind::cross_entropy || class_data ? "classification" : "regression";
    top.choice("problem", problem, {"classification", "regression"});
    s.problem = problem == "classification" ? Problem::classification : Problem::regression;
    check_consistency(s, failure);
    if (!failure.failed()) read_critical_points(top, s, failure);
    // What the machine can do, estimated before anything is allocated (core/input/limits.hpp).
    if (!failure.failed())
      if (const Refusal over = check_resources(s); !over.code.empty()) failure.fail(refused(over));
  }
  if (!failure.failed() && top.has("compare")) read_compare(document, s, failure);
  if (!failure.failed() && top.has("view")) read_view(document["view"], s, failure);
  if (failure.failed()) return failure.error();
  return s;
}

} // namespace

Result<Scenario> parse_scenario(const std::string& json_text) {
  auto parsed = parse_json_text(json_text, "scenario");
  if (!parsed) return parsed.failure();
  auto scenario = parse_document(*parsed);
  // Messages echo names and kinds from the input: one printable line (core/input/text.hpp).
  if (!scenario) {
    Error refusal = scenario.failure();
    refusal.message = printable(refusal.message);
    return refusal;
  }
  return scenario;
}

Result<std::string> scenario_variant(const std::string& json_text, const std::string& name) {
  auto scenario = parse_scenario(json_text);
  if (!scenario) return scenario.failure();
  if (name.empty()) {
    json document = *parse_json_text(json_text, "scenario");
    document.erase("compare");
    document.erase("view");
    return document.dump();
  }
  std::vector<std::string> known;
  for (const ScenarioVariant& variant : scenario->compare) {
    if (variant.name == name) return variant.text;
    known.push_back(variant.name);
  }
  if (known.empty()) return refused({"compare", "unknown_variant_none", {printable(name)}});
  return refused({"compare", "unknown_variant", {printable(name), printable(join(known))}});
}

std::string scenario_info_json(const Scenario& s) {
  nlohmann::ordered_json j;
  j["name"] = s.name;
  j["description"] = s.description;
  j["kind"] = s.surface ? "surface" : "network";
  j["steps"] = s.steps;
  j["seed"] = s.seed;
  if (s.surface) {
    // Each of the surface's parameters (surface_parameters(): the quadratic's angle too, 0 included).
    j["surface"] = {{"name", s.surface->name}};
    for (const SurfaceParameter& p : surface_parameters(s.surface->name)) {
      const std::string_view key = p.key;
      j["surface"][p.key] = key == "a" ? s.surface->a : key == "b" ? s.surface->b : s.surface->angle;
    }
    j["start"] = {s.start[0], s.start[1]};
  }
  nlohmann::ordered_json variants = nlohmann::ordered_json::array();
  for (const ScenarioVariant& v : s.compare) variants.push_back({{"name", v.name}, {"label", v.label}});
  j["compare"] = variants;
  j["critical_point_searches"] = s.critical_points ? s.critical_points->count() : 0;
  return j.dump();
}

int raw_input_columns(const Scenario& s) {
  if (s.data.kind == "inline") return int(s.data.x.cols());
  const DatasetKind* kind = find_dataset_kind(s.data.kind);
  return kind ? kind->inputs : 2;
}

DataSplit scenario_raw_data(const Scenario& s) { return make_dataset(s.data, s.data.seed.value_or(s.seed)); }

std::optional<double> loss_floor(const Scenario& s) {
  if (s.loss == LossKind::squared || s.loss == LossKind::half_squared) return 0.0;
  return std::nullopt;
}

DataSplit scenario_data(const Scenario& s) {
  DataSplit split = scenario_raw_data(s);
  for (Dataset* part : {&split.train, &split.test}) {
    part->x = apply_features(part->x, s.data.features);
    if (s.loss == LossKind::cross_entropy && part->y.cols() == 1)
      part->y = one_hot(part->y, s.network.outputs());
  }
  return split;
}

Result<OptimizerSpec> parse_optimizer(const std::string& json_text) {
  auto parsed = parse_json_text(json_text, "optimizer", "optimizer");
  if (!parsed) return parsed.failure();
  Scenario s;
  FirstFailure failure;
  json wrapper = json::object();
  wrapper["optimizer"] = std::move(*parsed);
  FieldReader top(wrapper, "", failure);
  read_optimizer(top, s, failure);
  if (failure.failed()) {
    Error refusal = failure.error();
    refusal.message = printable(refusal.message);
    return refusal;
  }
  return s.optimizer;
}

Dataset scenario_dataset(const Scenario& s) { return scenario_data(s).train; }

Vector initial_parameters(const Scenario& s) {
  const Eigen::Index n = s.network.parameter_count();
  Vector theta = Vector::Zero(n);
  if (s.init.kind == "params") {
    for (Eigen::Index i = 0; i < n; ++i) theta[i] = s.init.params[std::size_t(i)];
    return theta;
  }
  if (s.init.kind == "zeros") return theta;
  // A stream separate from the data's, so changing the data kind keeps the weights.
  Random rng(s.seed ^ 0x5DEECE66DULL);
  Eigen::Index offset = 0;
  int fan_in = s.network.inputs;
  for (const LayerSpec& layer : s.network.layers) {
    const double sd = s.init.scale / std::sqrt(static_cast<double>(fan_in));
    for (Eigen::Index i = 0; i < Eigen::Index(layer.units) * fan_in; ++i)
      theta[offset++] =
          s.init.kind == "normal" ? rng.normal(0.0, sd) : rng.uniform(-s.init.scale, s.init.scale);
    if (layer.bias)
      for (int i = 0; i < layer.units; ++i) theta[offset++] = s.init.bias;
    fan_in = layer.units;
  }
  return theta;
}

} // namespace landscape
