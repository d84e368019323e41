#include "apps/playground.hpp"

#include "input/field_reader.hpp"
#include "input/json_text.hpp"
#include "input/limits.hpp"
#include "input/scenario.hpp"
#include "input/text.hpp"
#include "model/data.hpp"
#include "model/network.hpp"
#include "training/optimizer.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iomanip>
#include <optional>
#include <sstream>
#include <vector>

namespace landscape {

extern const char* const kPlaygroundScenario; // scenarios/playground.json (playground_default.cpp.in)

namespace {

using nlohmann::json;
using nlohmann::ordered_json;

std::string shown(const json& value) {
  return printable(value.dump(-1, ' ', false, json::error_handler_t::replace), 40);
}

// One entry per setting of the playground, in the order of its links' keys: the type, the
// range or the choices, the unit, and whether it only changes how the page shows the run. The
// reader below takes its ranges from here and catalog() publishes it (with each default, from
// scenarios/playground.json), so the page's form and link reader know them without a copy.
struct SettingField {
  const char* key;
  const char* label; // how the page names it to a reader ("learning rate")
  // "choice", "integer", "number", "flag", "features" (a list of choices), "layers" (a list of
  // whole numbers), "points" (own points [x1, x2, label]), "weights" (a list of numbers, or null)
  const char* type;
  double min = 0, max = 0;
  bool above_min = false; // the range excludes min (a learning rate of 0 trains nothing)
  const char* unit = "";
  bool view_only = false;  // how the page shows the run; the core trains without it
  long long max_count = 0; // lists: at most this many items
};

std::vector<std::string> generated_sets();

const std::vector<SettingField>& setting_fields() {
  static const std::vector<SettingField> fields = {
      {"data", "data set", "choice"},
      {"classes", "classes", "integer", 2, kMaxClasses},
      {"noise", "noise", "number", 0, kPlaygroundMaxNoise, false, "%"},
      {"test", "test data (%)", "integer", 0, kPlaygroundMaxTest, false, "%"},
      {"dseed", "data seed", "integer", 0, double(1ll << 31)},
      {"features", "features", "features"},
      {"layers", "hidden layers", "layers", 1, kPlaygroundMaxUnits, false, "units", false,
       kPlaygroundMaxLayers},
      {"activation", "activation", "choice"},
      {"problem", "problem type", "choice"},
      {"loss", "loss", "choice"},
      {"optimizer", "optimizer", "choice"},
      {"lr", "learning rate", "number", 0, kPlaygroundMaxLearningRate, true},
      {"batch", "batch size", "integer", 1, kPlaygroundPoints, false, "points"},
      {"reg", "regularization", "choice"},
      {"rate", "regularization rate", "number", 0, kPlaygroundMaxRegularization},
      {"init", "initial weights", "choice"},
      {"seed", "seed", "integer", 0, double(1ll << 31)},
      {"neuron", "added neuron", "flag"},
      {"lambda", "lambda", "number", 0, kPlaygroundMaxLambda, true},
      {"stop", "stop at loss", "number", 0, kPlaygroundMaxStopLoss, false, "", true},
      {"showTest", "show test data", "flag", 0, 0, false, "", true},
      {"discretize", "discretize output", "flag", 0, 0, false, "", true},
      {"custom", "custom", "points", 0, 0, false, "", false, kMaxPoints},
      {"ckpt", "ckpt", "weights", 0, 0, false, "", false, kMaxParameters},
  };
  return fields;
}

const SettingField& field(const std::string& key) {
  for (const SettingField& f : setting_fields())
    if (key == f.key) return f;
  std::abort(); // a key of this file that the table lacks: a programming error
}

// The choices of a "choice" or "features" setting.
std::vector<std::string> choices_of(const std::string& key) {
  if (key == "data") return generated_sets();
  if (key == "activation") return activation_names();
  if (key == "problem") return {"classification", "regression"};
  if (key == "loss") return {"squared", "cross_entropy"};
  if (key == "optimizer") return optimizer_kinds();
  if (key == "reg") return regularization_kinds();
  if (key == "init") return {"random", "zeros"};
  if (key == "features") return feature_names();
  return {};
}

// How a choice reads in the page's menus where its name is not enough (a feature as the diagram
// writes it, "sin x₁"; the initial weights say what the core draws: playground_scenario_json's
// uniform(-0.5, 0.5) weights, biases 0.1).
std::vector<std::pair<std::string, std::string>> choice_labels_of(const std::string& key) {
  if (key == "reg") {
    std::vector<std::pair<std::string, std::string>> labels;
    for (const std::string& kind : choices_of(key)) labels.emplace_back(kind, regularization_label(kind));
    return labels;
  }
  if (key == "loss") return {{"squared", "squared ½(o−t)²"}, {"cross_entropy", "cross-entropy (softmax)"}};
  if (key == "init") return {{"random", "random U(−0.5, 0.5), bias 0.1"}, {"zeros", "all zero"}};
  if (key == "features") {
    std::vector<std::pair<std::string, std::string>> labels;
    for (const std::string& name : feature_names()) labels.emplace_back(name, feature_label(name));
    return labels;
  }
  return {};
}

struct Settings {
  std::string data = "circle";
  long long classes = 2;
  double noise = 0, test = 50;
  long long dseed = 1;
  std::vector<std::string> features = {"x1", "x2"};
  std::vector<int> layers = {4, 2};
  std::string activation = "tanh", problem = "classification", loss = "squared", optimizer = "sgd";
  double lr = 0.03;
  long long batch = 10;
  std::string reg = "none";
  double rate = 0;
  std::string init = "random";
  long long seed = 1;
  bool neuron = false;
  double lambda = AddedNeuronSpec{}.lambda;
  std::vector<std::array<double, 3>> custom;
  std::optional<std::vector<double>> ckpt;
};

ordered_json to_json(const Settings& s) {
  ordered_json custom = ordered_json::array();
  for (const auto& p : s.custom) custom.push_back({p[0], p[1], p[2]});
  return {{"data", s.data},
          {"classes", s.classes},
          {"noise", s.noise},
          {"test", s.test},
          {"dseed", s.dseed},
          {"features", s.features},
          {"layers", s.layers},
          {"activation", s.activation},
          {"problem", s.problem},
          {"loss", s.loss},
          {"optimizer", s.optimizer},
          {"lr", s.lr},
          {"batch", s.batch},
          {"reg", s.reg},
          {"rate", s.rate},
          {"init", s.init},
          {"seed", s.seed},
          {"neuron", s.neuron},
          {"lambda", s.lambda},
          {"custom", custom},
          {"ckpt", s.ckpt ? ordered_json(*s.ckpt) : ordered_json(nullptr)}};
}

std::vector<std::string> generated_sets() {
  std::vector<std::string> names;
  for (const DatasetKind& kind : dataset_table()) names.push_back(kind.name);
  names.push_back("custom");
  return names;
}

// The string member of a "choice" setting.
std::string* choice_of(Settings& s, const std::string& key) {
  if (key == "activation") return &s.activation;
  if (key == "problem") return &s.problem;
  if (key == "loss") return &s.loss;
  return &s.optimizer;
}

// Settings over `base`: each given one checked, the rest kept.
Result<Settings> read_settings(const json& j, Settings s) {
  FirstFailure failure;
  if (!j.is_object()) return refused({"settings", "not_object", {}});
  FieldReader r(j, "", failure);
  r.quote_at_most(40); // a link's value, quoted short
  const auto& fields = setting_fields();
  std::vector<std::string> keys;
  for (const SettingField& f : fields) keys.push_back(f.key);
  r.known(keys);
  // Each setting in its range (setting_fields()).
  const auto number = [&](const char* key, double& out) {
    const SettingField& f = field(key);
    r.number(key, out, f.min, f.max, f.above_min);
  };
  const auto integer = [&](const char* key, long long& out) {
    const SettingField& f = field(key);
    r.integer(key, out, (long long)f.min, (long long)f.max);
  };
  const auto choice = [&](const char* key, std::string& out) { r.choice(key, out, choices_of(key)); };
  choice("data", s.data);
  integer("classes", s.classes);
  number("noise", s.noise);
  long long test = (long long)s.test;
  integer("test", test);
  s.test = double(test);
  integer("dseed", s.dseed);
  if (r.ok() && r.has("features")) {
    const json& v = r.child("features");
    s.features.clear();
    if (!v.is_array() || v.empty()) r.refuse("features", "no_features");
    for (const json& f : v.is_array() ? v : json::array()) {
      const auto names = choices_of("features");
      if (!f.is_string() || std::find(names.begin(), names.end(), f.get<std::string>()) == names.end()) {
        r.refuse("features", "unknown_feature_value", {shown(f)});
        break;
      }
      s.features.push_back(f.get<std::string>());
    }
  }
  if (r.ok() && r.has("layers")) {
    const json& v = r.child("layers");
    s.layers.clear();
    const SettingField& layers = field("layers");
    const long long lo = (long long)layers.min, hi = (long long)layers.max;
    if (!v.is_array() || v.size() > std::size_t(layers.max_count))
      r.refuse("layers", "too_many_items",
               {std::to_string(layers.max_count), v.is_array() ? std::to_string(v.size()) : shown(v)});
    for (const json& u : v.is_array() ? v : json::array()) {
      if (!u.is_number_integer() || u.get<long long>() < lo || u.get<long long>() > hi) {
        r.refuse("layers", "layer_units", {std::to_string(lo), std::to_string(hi), shown(u)});
        break;
      }
      s.layers.push_back(u.get<int>());
    }
  }
  for (const char* key : {"activation", "problem", "loss", "optimizer"}) choice(key, *choice_of(s, key));
  number("lr", s.lr);
  integer("batch", s.batch);
  choice("reg", s.reg);
  number("rate", s.rate);
  choice("init", s.init);
  integer("seed", s.seed);
  r.flag("neuron", s.neuron);
  number("lambda", s.lambda);
  // How the page shows the run: checked alike, then left to the page.
  double stop = 0;
  bool shown_flag = false;
  number("stop", stop);
  r.flag("showTest", shown_flag);
  r.flag("discretize", shown_flag);
  if (r.ok() && r.has("custom")) {
    const json& v = r.child("custom");
    s.custom.clear();
    if (!v.is_array() || v.size() > std::size_t(field("custom").max_count))
      r.refuse("custom", "not_own_points", {std::to_string(field("custom").max_count)});
    for (const json& p : v.is_array() ? v : json::array()) {
      const bool ok = p.is_array() && p.size() == 3 && std::all_of(p.begin(), p.end(), [](const json& x) {
                        return x.is_number() && std::isfinite(x.get<double>());
                      });
      if (!ok) {
        r.refuse("custom", "not_own_point", {std::to_string(s.custom.size() + 1), shown(p)});
        break;
      }
      s.custom.push_back({p[0].get<double>(), p[1].get<double>(), p[2].get<double>()});
    }
  }
  if (r.ok() && r.has("ckpt")) {
    const json& v = r.child("ckpt");
    s.ckpt.reset();
    if (!v.is_null()) {
      if (!v.is_array() || v.size() > std::size_t(field("ckpt").max_count)) r.refuse("ckpt", "not_weights");
      std::vector<double> params;
      for (const json& x : v.is_array() ? v : json::array()) {
        if (!x.is_number() || !std::isfinite(x.get<double>())) {
          r.refuse("ckpt", "not_finite_weight", {std::to_string(params.size() + 1)});
          break;
        }
        params.push_back(x.get<double>());
      }
      s.ckpt = std::move(params);
    }
  }
  if (failure.failed()) return failure.error();
  return s;
}

// The classes trained: the setting where the data set takes it (classification only), else 2.
int classes_of(const Settings& s) {
  const bool takes = s.data == "custom" || takes_classes(s.data);
  return s.problem == "classification" && takes ? int(s.classes) : 2;
}

const Settings& defaults() {
  static const Settings settings = [] {
    auto read = playground_settings_json(kPlaygroundScenario);
    // A test asserts the shipped file is a playground scenario; were it not, the built-in
    // defaults (TensorFlow Playground's) still make a working page.
    if (!read) return Settings{};
    auto parsed = read_settings(json::parse(*read), Settings{});
    return parsed ? *parsed : Settings{};
  }();
  return settings;
}

// Own points whose labels the number of classes cannot hold (two classes: +1 or -1; k > 2: whole
// numbers 0..k-1): the first such point named, or code "".
Refusal label_error(const Settings& s) {
  const long long k = s.classes;
  for (std::size_t i = 0; i < s.custom.size(); ++i) {
    const double label = s.custom[i][2];
    const bool ok = k == 2 ? (label == 1 || label == -1)
                           : (std::floor(label) == label && label >= 0 && label < double(k));
    if (ok) continue;
    std::ostringstream got;
    got << std::setprecision(15) << label;
    if (k == 2) return {"custom", "own_label_binary", {std::to_string(i + 1), got.str()}};
    return {"custom", "own_label", {std::to_string(i + 1), got.str(), std::to_string(k - 1)}};
  }
  return {};
}

// A number a reader typed (a CSV cell, an edited weight): the whole text read, finite; strtod
// alone would take "1abc" as 1 and "inf" as infinity.
std::optional<double> number_text(const std::string& text) {
  if (text.empty() || text.size() > 100) return std::nullopt;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

// Own points relabelled for another number of classes: two classes' -1/+1 are classes 0/1 and
// back. Empty when a point's class does not exist among `to` classes.
std::optional<std::vector<std::array<double, 3>>> relabel(const std::vector<std::array<double, 3>>& points,
                                                          long long from, long long to) {
  std::vector<std::array<double, 3>> out;
  for (const auto& [x1, x2, label] : points) {
    const double index = from == 2 ? (label > 0 ? 1 : 0) : label;
    if (index >= double(to)) return std::nullopt;
    out.push_back({x1, x2, to == 2 ? (index == 1 ? 1.0 : -1.0) : index});
  }
  return out;
}

// Whether a data set serves a problem: own points are classified; a generated set is what its
// table entry says.
bool serves(const std::string& data, const std::string& problem) {
  const DatasetKind* kind = find_dataset_kind(data);
  const bool classification = data == "custom" || (kind && kind->classification);
  return classification == (problem == "classification");
}

// What a change of one setting brings with it, `before` -> `after` (a control's change, read
// over the page's current settings): own points follow a new number of classes; a problem the
// data set does not serve takes the first set that serves it (the circle, the plane), and a data
// set its own problem. An error
// when the change cannot be made (own points with a class the new number has not).
Result<Settings> with_consequences(const Settings& before, Settings after) {
  if (after.classes != before.classes && !before.custom.empty()) {
    auto custom = relabel(before.custom, before.classes, after.classes);
    if (!custom && before.data == "custom")
      return refused({"classes", "points_above_class", {std::to_string(after.classes - 1)}});
    after.custom = custom ? *custom : std::vector<std::array<double, 3>>{};
  }
  // A data set chosen brings its problem (own points: classification).
  if (after.data != before.data && !serves(after.data, after.problem))
    after.problem = serves(after.data, "classification") ? "classification" : "regression";
  if (after.problem != before.problem && !serves(after.data, after.problem)) {
    for (const DatasetKind& kind : dataset_table())
      if (serves(kind.name, after.problem)) {
        after.data = kind.name;
        break;
      }
  }
  return after;
}

// A number as a link writes it: a whole one in digits (20, 400), another as the shortest decimal
// that reads back as `value` (0.03, 1e-05).
std::string link_number(double value) {
  char buffer[32];
  if (std::trunc(value) == value && std::fabs(value) < 1e15) {
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
    return buffer;
  }
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*g", precision, value);
    if (std::strtod(buffer, nullptr) == value) break;
  }
  return buffer;
}

// Float64 values as base64url without padding, their bytes little-endian: the link's plain form
// of weights (url-state.js decodeNumbers()), exact to the last bit.
std::string link_weights(const std::vector<double>& values) {
  static const char* const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::vector<unsigned char> bytes;
  bytes.reserve(values.size() * 8);
  for (double value : values) {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &value, sizeof bits);
    for (int i = 0; i < 8; ++i) bytes.push_back(static_cast<unsigned char>(bits >> (8 * i)));
  }
  std::string text;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
    std::uint32_t group = std::uint32_t(bytes[i]) << 16;
    if (n > 1) group |= std::uint32_t(bytes[i + 1]) << 8;
    if (n > 2) group |= bytes[i + 2];
    for (std::size_t k = 0; k <= n; ++k) text += digits[(group >> (18 - 6 * k)) & 63];
  }
  return text;
}

// One setting's value as its link's text (the forms url-state.js linkValue() reads): numbers in
// decimal, flags 1/0, lists comma-separated, own points x1:x2:label separated by ';', weights in
// base64url.
std::string link_text(const SettingField& f, const ordered_json& value) {
  const std::string type = f.type;
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "1" : "0";
  if (value.is_number()) return link_number(value.get<double>());
  std::string text;
  if (type == "weights") return link_weights(value.get<std::vector<double>>());
  for (const ordered_json& item : value) {
    if (type == "points") {
      text += (text.empty() ? "" : ";") + link_number(item[0].get<double>()) + ":" +
              link_number(item[1].get<double>()) + ":" + link_number(item[2].get<double>());
    } else {
      text += (text.empty() ? "" : ",") +
              (item.is_string() ? item.get<std::string>() : link_number(item.get<double>()));
    }
  }
  return text;
}

// A link value percent-encoded as a URL query holds it: letters, digits and -._~ as they are,
// and the separators of the link's own forms (, : ;), which a query's reader takes literally.
std::string query_escaped(const std::string& text) {
  static const char* const hex = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : text) {
    if (std::isalnum(c) || std::strchr("-._~,:;", c)) {
      out += char(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

} // namespace

Result<std::string> playground_read_settings_json(const std::string& request_json) {
  auto document = parse_json_text(request_json, "request");
  if (!document) return document.failure();
  const json& request = *document;
  if (!request.is_object() || !request.contains("entries") || !request["entries"].is_array())
    return refused({"request", "not_entries_request", {}});
  Settings s = defaults();
  // How the page shows the run: checked by the same reader, kept here (the core trains without).
  ordered_json view = {{"stop", 0}, {"showTest", false}, {"discretize", false}};
  // Each refused entry as data, {field, code, args} (core/input/messages.hpp), with its English:
  // a page writes it from the catalog's templates and names the setting by its label.
  ordered_json refusals = ordered_json::array();
  const auto refuse = [&](const Error& error) {
    refusals.push_back(
        {{"field", error.field}, {"code", error.code}, {"args", error.args}, {"message", error.message}});
  };
  const auto& fields = setting_fields();
  // Reads one [key, value] over the settings so far; a change (an entry read over a base) brings
  // its consequences with it.
  const auto read_entry = [&](const std::string& key, const json& value, bool change) {
    const json one = {{key, value}};
    auto read = read_settings(one, s);
    if (read && change) read = with_consequences(s, *read);
    if (!read) {
      refuse(read.failure());
      return;
    }
    s = *read;
    const auto f =
        std::find_if(fields.begin(), fields.end(), [&key](const SettingField& x) { return key == x.key; });
    if (f != fields.end() && f->view_only) view[key] = value;
  };
  // "base": the page's current settings (every setting, as this function replied them), read
  // first; the entries are then changes to them.
  const bool has_base = request.contains("base");
  if (has_base) {
    if (!request["base"].is_object()) return refused({"request.base", "not_settings", {}});
    for (const auto& [key, value] : request["base"].items()) read_entry(key, value, false);
  }
  for (const json& entry : request["entries"]) {
    if (!entry.is_array() || entry.size() != 2 || !entry[0].is_string())
      return refused({"request.entries", "not_entry", {}});
    read_entry(entry[0].get<std::string>(), entry[1], has_base);
  }
  // Own points must fit the number of classes (checked once both are read, in either order).
  if (const Refusal labels = label_error(s); !labels.code.empty()) {
    refuse(refused(labels));
    s.custom.clear();
  }
  // The features in the catalog's order, each once (a link's "x2,x1,x1" is "x1,x2").
  std::vector<std::string> features;
  for (const std::string& name : choices_of("features"))
    if (std::find(s.features.begin(), s.features.end(), name) != s.features.end()) features.push_back(name);
  s.features = features;
  const ordered_json trained = to_json(s);
  ordered_json settings;
  for (const SettingField& f : fields) settings[f.key] = f.view_only ? view[f.key] : trained[f.key];
  return ordered_json{{"settings", settings}, {"refusals", refusals}}.dump();
}

std::string playground_defaults_json() { return to_json(defaults()).dump(); }

// The optimizers the playground runs on the full batch (its batch setting does not apply): gd,
// and those meant for the whole objective (the Newton-type steps).
static bool full_batch(const std::string& optimizer) {
  const OptimizerKind* kind = find_optimizer_kind(optimizer);
  return optimizer == "gd" || (kind && kind->full_batch);
}

// The points the playground trains on: all own points, or the generated ones not held out.
static long long train_points_of(const Settings& s) {
  if (s.data == "custom") return static_cast<long long>(s.custom.size());
  return kPlaygroundPoints - static_cast<long long>(std::floor(kPlaygroundPoints * s.test / 100));
}

std::string playground_catalog_json() {
  ordered_json full_batch_optimizers = ordered_json::array();
  for (const OptimizerKind& kind : optimizer_table())
    if (full_batch(kind.name)) full_batch_optimizers.push_back(kind.name);
  ordered_json j = {{"max_layers", kPlaygroundMaxLayers},
                    {"max_units", kPlaygroundMaxUnits},
                    {"points", kPlaygroundPoints},
                    {"max_noise", kPlaygroundMaxNoise},
                    {"max_test", kPlaygroundMaxTest},
                    {"max_learning_rate", kPlaygroundMaxLearningRate},
                    {"max_regularization", kPlaygroundMaxRegularization},
                    {"max_lambda", kPlaygroundMaxLambda},
                    {"max_stop_loss", kPlaygroundMaxStopLoss},
                    {"max_edited_weight", kPlaygroundMaxEditedWeight},
                    {"max_csv_bytes", kPlaygroundMaxCsvBytes},
                    {"window", {{"plane", kPlaygroundPlaneWindow}, {"line", kPlaygroundLineWindow}}},
                    {"full_batch_optimizers", full_batch_optimizers},
                    {"defaults", to_json(defaults())}};
  // Every setting as the page's form and link reader need it (setting_fields()), with its
  // default: scenarios/playground.json's, and for how the page shows the run, off.
  ordered_json defaults_json = j["defaults"];
  defaults_json["stop"] = 0;
  defaults_json["showTest"] = false;
  defaults_json["discretize"] = false;
  ordered_json fields = ordered_json::array();
  for (const SettingField& f : setting_fields()) {
    ordered_json entry = {{"key", f.key}, {"label", f.label}, {"type", f.type}};
    const std::string type = f.type;
    if (type == "integer" || type == "number" || type == "layers") {
      entry["min"] = f.min;
      entry["max"] = f.max;
      if (f.above_min) entry["above_min"] = true;
    }
    if (f.max_count) entry["max_count"] = f.max_count;
    if (type == "choice" || type == "features") entry["choices"] = choices_of(f.key);
    if (const auto labels = choice_labels_of(f.key); !labels.empty()) {
      entry["choice_labels"] = ordered_json::object();
      for (const auto& [choice, label] : labels) entry["choice_labels"][choice] = label;
    }
    if (*f.unit) entry["unit"] = f.unit;
    // The learning rates a reader picks from (TensorFlow Playground's menu); any other in the
    // range may be typed.
    if (std::string(f.key) == "lr")
      entry["suggested"] = {
          0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, kPlaygroundMaxLearningRate};
    entry["view_only"] = f.view_only;
    entry["default"] = defaults_json[f.key];
    fields.push_back(entry);
  }
  j["fields"] = fields;
  return j.dump();
}

Result<std::string> playground_scenario_json(const std::string& settings_json) {
  auto document = parse_json_text(settings_json, "settings");
  if (!document) return document.failure();
  auto read = read_settings(*document, defaults());
  if (!read) return read.failure();
  const Settings& s = *read;
  const bool regression = s.problem == "regression";
  const int classes = classes_of(s);
  // k > 2 classes always take softmax cross-entropy over k logits.
  const bool cross_entropy = !regression && (classes > 2 || s.loss == "cross_entropy");
  const DatasetKind* kind = find_dataset_kind(s.data);
  const bool one_d = kind && kind->inputs == 1;
  // 1-D data has no x2 features.
  std::vector<std::string> features;
  for (const std::string& f : s.features)
    if (!one_d || f.find('2') == std::string::npos) features.push_back(f);
  if (features.empty()) features = {"x1"};

  ordered_json data;
  if (s.data == "custom") {
    ordered_json x = ordered_json::array(), y = ordered_json::array();
    for (const auto& p : s.custom) {
      x.push_back({p[0], p[1]});
      y.push_back({p[2]});
    }
    data = {{"kind", "inline"}, {"x", x}, {"y", y}, {"features", features}};
  } else {
    data = {{"kind", s.data},         {"points", kPlaygroundPoints},
            {"noise", s.noise / 100}, {"test_fraction", s.test / 100},
            {"seed", s.dseed},        {"features", features}};
    if (classes > 2) data["classes"] = classes;
  }
  const long long train_points = train_points_of(s);
  // The playground's gd is full-batch gradient descent (sgd takes batches), as are the
  // optimizers meant for the whole objective.
  const long long batch = full_batch(s.optimizer) ? 0 : std::min(s.batch, train_points);
  ordered_json optimizer = {{"kind", s.optimizer}, {"learning_rate", s.lr}, {"batch_size", batch}};
  // The playground's presets for Newton-type steps (the core's default damping, 0.1, is gentler
  // than a playground reader expects); a Newton step is at most the full step.
  if (s.optimizer == "newton" || s.optimizer == "saddle_free_newton") {
    optimizer["damping"] = s.optimizer == "newton" ? 1e-3 : 1e-2;
    optimizer["learning_rate"] = std::min(s.lr, 1.0);
  }
  ordered_json init;
  if (s.ckpt)
    init = {{"kind", "params"}, {"params", *s.ckpt}};
  else if (s.init == "zeros")
    init = {{"kind", "zeros"}};
  else
    init = {{"kind", "uniform"}, {"scale", 0.5}, {"bias", 0.1}};
  ordered_json layers = ordered_json::array();
  for (int units : s.layers) layers.push_back({{"units", units}, {"activation", s.activation}});
  // Output: classification with squared loss has one tanh unit against +-1 labels (as
  // TensorFlow Playground); with cross-entropy one softmax logit per class; regression one
  // linear unit.
  layers.push_back(regression      ? ordered_json{{"units", 1}, {"activation", "linear"}}
                   : cross_entropy ? ordered_json{{"units", classes}, {"activation", "linear"}}
                                   : ordered_json{{"units", 1}, {"activation", "tanh"}});
  const long long log_every =
      batch ? std::max(1ll, (train_points + batch - 1) / batch) : 1; // one record per epoch
  ordered_json scenario;
  scenario["name"] = "playground";
  scenario["seed"] = s.seed;
  scenario["data"] = data;
  scenario["model"] = {{"inputs", features.size()}, {"layers", layers}, {"init", init}};
  scenario["loss"] = cross_entropy ? "cross_entropy" : "half_squared";
  scenario["problem"] = regression ? "regression" : "classification";
  scenario["optimizer"] = optimizer;
  scenario["steps"] = kMaxSteps;
  scenario["log_every"] = log_every;
  // The loss chart needs only the figures; per-point outputs in every epoch's record cost more
  // than the epoch and flood the page's heap.
  scenario["log_detail"] = "summary";
  if (s.reg != "none") scenario["regularization"] = {{"kind", s.reg}, {"rate", s.rate}};
  if (s.neuron) scenario["added_neuron"] = {{"enabled", true}, {"lambda", s.lambda}, {"start_step", 0}};
  ordered_json out = {
      {"scenario", scenario},
      {"steps_per_epoch", log_every},
      {"train_points", train_points},
      {"one_d", one_d},
      {"classes", classes},
      {"window", one_d ? kPlaygroundLineWindow : kPlaygroundPlaneWindow},
      // The loss setting the run trains (more than two classes: cross-entropy, whatever was chosen).
      {"loss", regression      ? "squared"
               : cross_entropy ? "cross_entropy"
                               : "squared"}};
  return out.dump();
}

Result<std::string> playground_settings_json(const std::string& scenario_json) {
  auto parsed = parse_scenario(scenario_json);
  if (!parsed) return parsed.failure();
  const json j = json::parse(scenario_json);
  const Scenario& sc = *parsed;
  if (sc.surface) return refused({"surface", "playground_not_surface", {}});
  ordered_json s;
  if (sc.data.kind == "inline") {
    s["data"] = "custom";
    ordered_json custom = ordered_json::array();
    for (Eigen::Index i = 0; i < sc.data.x.rows(); ++i)
      custom.push_back({sc.data.x(i, 0), sc.data.x.cols() > 1 ? sc.data.x(i, 1) : 0.0, sc.data.y(i, 0)});
    s["custom"] = custom;
  } else {
    s["data"] = sc.data.kind;
    // Percent, as the playground's controls hold them (0.15 * 100 is 15.000000000000002).
    s["noise"] = std::round(sc.data.noise * 100 * 1e6) / 1e6;
    s["test"] = std::round(sc.data.test_fraction * 100 * 1e6) / 1e6;
    s["dseed"] = sc.data.seed.value_or(sc.seed);
    if (sc.data.classes > 2) s["classes"] = sc.data.classes;
  }
  if (!sc.data.features.empty()) s["features"] = sc.data.features;
  const auto& layers = sc.network.layers;
  ordered_json hidden = ordered_json::array();
  for (std::size_t i = 0; i + 1 < layers.size(); ++i) hidden.push_back(layers[i].units);
  s["layers"] = hidden;
  if (layers.size() > 1) s["activation"] = to_string(layers[0].activation);
  s["problem"] = sc.problem == Problem::regression ? "regression" : "classification";
  if (sc.problem == Problem::classification)
    s["loss"] = sc.loss == LossKind::cross_entropy ? "cross_entropy" : "squared";
  s["optimizer"] = sc.optimizer.kind;
  s["lr"] = sc.optimizer.learning_rate;
  if (sc.optimizer.batch_size > 0) s["batch"] = sc.optimizer.batch_size;
  if (j.contains("regularization")) {
    s["reg"] = j["regularization"].value("kind", "none");
    s["rate"] = j["regularization"].value("rate", 0.0);
  }
  if (sc.init.kind == "params")
    s["ckpt"] = sc.init.params;
  else if (sc.init.kind == "zeros")
    s["init"] = "zeros";
  else if (sc.init.kind == "uniform" && sc.init.scale == 0.5 && sc.init.bias == 0.1)
    s["init"] = "random";
  else
    return refused({"model.init", "playground_init", {}});
  s["seed"] = sc.seed;
  s["neuron"] = sc.added_neuron.spec.enabled;
  if (sc.added_neuron.spec.enabled) s["lambda"] = sc.added_neuron.spec.lambda;
  return s.dump();
}

Result<std::string> playground_points_csv_json(const std::string& request_json) {
  auto document = parse_json_text(request_json, "request");
  if (!document) return document.failure();
  const json& request = *document;
  if (!request.is_object() || !request.contains("text") || !request["text"].is_string() ||
      !request.contains("classes") || !request["classes"].is_number_integer())
    return refused({"request", "not_csv_request", {}});
  const long long classes = request["classes"].get<long long>();
  if (classes < 2 || classes > kMaxClasses)
    return refused({"classes", "whole_number_from", {"2", std::to_string(kMaxClasses)}});
  const std::string& text = request["text"].get_ref<const std::string&>();
  if ((long long)text.size() > kPlaygroundMaxCsvBytes)
    return refused({"csv", "csv_too_large", {with_thousands(kPlaygroundMaxCsvBytes)}});
  // The message names one range for x1 and x2: the plane is a square.
  static_assert(kPlaygroundPlaneWindow[0] == kPlaygroundPlaneWindow[2] &&
                kPlaygroundPlaneWindow[1] == kPlaygroundPlaneWindow[3]);
  const auto& [x0, x1, y0, y1] = kPlaygroundPlaneWindow;
  const long long most = field("custom").max_count;
  // A cell as a number: the whole cell, finite (strtod alone would take "1abc" as 1, "inf" as infinity).
  ordered_json points = ordered_json::array();
  std::size_t start = 0;
  for (long long line = 1; start <= text.size(); ++line) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string row = text.substr(start, end - start);
    start = end + 1;
    const std::size_t first = row.find_first_not_of(" \t\r"), last = row.find_last_not_of(" \t\r");
    if (first == std::string::npos || row[first] == '#') continue; // an empty line, a comment
    row = row.substr(first, last - first + 1);
    // Cells: separated by commas, semicolons, tabs or spaces (any run of them).
    std::vector<std::string> cells;
    for (std::size_t i = 0; i < row.size();) {
      const std::size_t next = row.find_first_of(",; \t", i);
      const std::size_t stop = next == std::string::npos ? row.size() : next;
      if (stop > i) cells.push_back(row.substr(i, stop - i));
      i = row.find_first_not_of(",; \t", stop);
      if (i == std::string::npos) break;
    }
    std::vector<double> values;
    for (const std::string& cell : cells) {
      const std::optional<double> v = number_text(cell);
      if (!v) break;
      values.push_back(*v);
    }
    if (line == 1 && values.size() < cells.size()) continue; // a header line
    const std::string where = "CSV line " + std::to_string(line);
    if (cells.size() != 3 || values.size() != 3)
      return refused({where, "csv_not_three", {printable(row, 60)}});
    if (values[0] < x0 || values[0] > x1 || values[1] < y0 || values[1] > y1) {
      std::ostringstream low, high;
      low << x0;
      high << x1;
      return refused({where, "csv_outside", {low.str(), high.str()}});
    }
    const double label = values[2];
    if (classes > 2 && !(std::floor(label) == label && label >= 0 && label < double(classes)))
      return refused(
          {where, "csv_label", {std::to_string(classes), std::to_string(classes - 1), printable(cells[2])}});
    if (classes == 2 && label != 1 && label != -1 && label != 0)
      return refused({where, "csv_label_binary", {printable(cells[2])}});
    if (static_cast<long long>(points.size()) == most)
      return refused({"CSV", "csv_too_many", {std::to_string(most)}});
    points.push_back({values[0], values[1], classes > 2 ? label : label > 0 ? 1.0 : -1.0});
  }
  if (points.size() < 2) return refused({"CSV", "csv_too_few", {}});
  return ordered_json{{"points", points}}.dump();
}

Result<double> playground_edited_weight(const std::string& text, const std::string& name) {
  const std::size_t first = text.find_first_not_of(" \t\r\n"), last = text.find_last_not_of(" \t\r\n");
  const std::optional<double> value =
      first == std::string::npos ? std::nullopt : number_text(text.substr(first, last - first + 1));
  if (!value || std::abs(*value) > kPlaygroundMaxEditedWeight) {
    std::ostringstream most;
    most << kPlaygroundMaxEditedWeight;
    return refused({printable(name), "edited_weight", {printable(text, 40), most.str()}});
  }
  return *value;
}

Result<std::string> playground_link_state(const std::string& scenario_json) {
  auto settings = playground_settings_json(scenario_json);
  if (!settings) return settings.failure();
  auto read = read_settings(json::parse(*settings), defaults());
  if (!read) return read.failure();
  Settings s = *read;
  // A full batch (0: every training point at each step) of an optimizer that takes batches: the
  // playground's batch of all its training points (it would otherwise take its default batch).
  const auto parsed = parse_scenario(scenario_json); // valid: playground_settings_json read it
  if (parsed->optimizer.batch_size == 0 && !full_batch(s.optimizer) && train_points_of(s) > 0)
    s.batch = std::min(train_points_of(s), static_cast<long long>(field("batch").max));
  const ordered_json values = to_json(s), fallback = to_json(defaults());
  std::string query;
  for (const SettingField& f : setting_fields()) {
    if (f.view_only || values[f.key] == fallback[f.key] || values[f.key].is_null()) continue;
    query +=
        (query.empty() ? "" : "&") + std::string(f.key) + "=" + query_escaped(link_text(f, values[f.key]));
  }
  return query;
}

} // namespace landscape
