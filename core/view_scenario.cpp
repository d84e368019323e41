#include "view_scenario.hpp"

#include "text.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>

namespace landscape {

using nlohmann::json;

std::string to_string(ViewKind kind) { return view_kinds()[std::size_t(kind)]; }

const std::vector<std::string>& view_kinds() {
  static const std::vector<std::string> kinds = {"slice", "interpolate", "connect", "sharpness"};
  return kinds;
}

namespace {

// The first problem wins; every reader returns at once once there is one.
struct ViewReader {
  const json& object;
  std::string path;
  std::string& error;

  bool has(const char* key) const { return object.contains(key); }
  std::string at(const std::string& key) const { return path + "." + key; }
  void fail(const std::string& where, const std::string& what) {
    if (error.empty()) error = where + ": " + what;
  }

  void integer(const char* key, int& out, int low, int high) {
    if (!error.empty() || !has(key)) return;
    const json& v = object[key];
    const bool whole =
        v.is_number() && std::isfinite(v.get<double>()) && std::floor(v.get<double>()) == v.get<double>();
    if (!whole || v.get<double>() < low || v.get<double>() > high)
      return fail(at(key), "must be an integer from " + std::to_string(low) + " to " + std::to_string(high) +
                               (v.is_number() ? " (got " + v.dump() + ")" : ""));
    out = int(v.get<double>());
  }

  void number(const char* key, double& out, double low, double high) {
    if (!error.empty() || !has(key)) return;
    const json& v = object[key];
    if (!v.is_number() || !std::isfinite(v.get<double>()) || !(v.get<double>() > low) ||
        v.get<double>() > high) {
      std::ostringstream message;
      message << "must be a number > " << low << " and <= " << high;
      if (v.is_number()) message << " (got " << v.dump() << ")";
      return fail(at(key), message.str());
    }
    out = v.get<double>();
  }

  void choice(const char* key, std::string& out, const std::vector<std::string>& allowed) {
    if (!error.empty() || !has(key)) return;
    const json& v = object[key];
    if (!v.is_string()) return fail(at(key), "must be one of " + join(allowed));
    const std::string value = v.get<std::string>();
    if (std::find(allowed.begin(), allowed.end(), value) == allowed.end())
      return fail(at(key), "unknown kind '" + value + "' (known: " + join(allowed) + ")");
    out = value;
  }

  // Refuses fields that are not `allowed` for `kind`, naming them and what the kind takes.
  void known(const std::string& kind, const std::vector<std::string>& allowed) {
    if (!error.empty()) return;
    for (auto it = object.begin(); it != object.end(); ++it)
      if (std::find(allowed.begin(), allowed.end(), it.key()) == allowed.end())
        return fail(at(it.key()), "not a field of " + kind + " (known: " + join(allowed) + ")");
  }
};

void read_between(ViewReader& r, const std::vector<std::string>& variants, ViewSpec& out) {
  if (!r.error.empty() || !r.has("between")) return;
  const json& v = r.object["between"];
  if (!v.is_array() || v.size() != 2 || !v[0].is_string() || !v[1].is_string())
    return r.fail(r.at("between"), "must be two compare variant names, e.g. [\"seed-a\", \"seed-b\"]");
  for (std::size_t i = 0; i < 2; ++i) {
    const std::string name = v[i].get<std::string>();
    if (std::find(variants.begin(), variants.end(), name) == variants.end())
      return r.fail(r.at("between") + "[" + std::to_string(i) + "]",
                    "no compare variant named '" + name +
                        "' (known: " + (variants.empty() ? "none" : join(variants)) + ")");
    out.between.push_back(name);
  }
  if (out.between[0] == out.between[1]) r.fail(r.at("between"), "must name two different variants");
}

// "range": [t0, t1] of a line, t0 < t1, within [-10, 10].
void read_line_range(ViewReader& r, ViewSpec& out) {
  if (!r.error.empty() || !r.has("range")) return;
  const json& v = r.object["range"];
  const bool ok = v.is_array() && v.size() == 2 && v[0].is_number() && v[1].is_number() &&
                  std::isfinite(v[0].get<double>()) && std::isfinite(v[1].get<double>()) &&
                  v[0].get<double>() < v[1].get<double>() && v[0].get<double>() >= -10 &&
                  v[1].get<double>() <= 10;
  if (!ok)
    return r.fail(r.at("range"), "must be [t0, t1] with -10 <= t0 < t1 <= 10 (0 and 1 are the end points)");
  out.t0 = v[0].get<double>();
  out.t1 = v[1].get<double>();
}

} // namespace

std::string read_view_section(const json& section, const std::vector<std::string>& variants, ViewSpec& out) {
  std::string error;
  if (!section.is_object()) return "view: must be an object {\"kind\": " + join(view_kinds()) + ", ...}";
  ViewReader r{section, "view", error};
  if (!r.has("kind")) return "view.kind: missing (known: " + join(view_kinds()) + ")";
  std::string kind;
  r.choice("kind", kind, view_kinds());
  if (!error.empty()) return error;
  out = ViewSpec{};
  out.kind = ViewKind(std::find(view_kinds().begin(), view_kinds().end(), kind) - view_kinds().begin());
  const std::string what = "a " + kind + " view";
  long long seed = 1;
  if (r.has("seed")) {
    const json& v = section["seed"];
    if (!v.is_number_integer() && !v.is_number_unsigned())
      return "view.seed: must be an integer from 0 to 9007199254740991";
    seed = v.get<long long>();
    if (seed < 0 || seed > 9007199254740991LL)
      return "view.seed: must be an integer from 0 to 9007199254740991";
  }
  out.seed = std::uint64_t(seed);

  switch (out.kind) {
  case ViewKind::slice: {
    r.known(what, {"kind", "seed", "directions", "resolution", "range", "convexity"});
    r.choice("directions", out.directions, {"filter", "random", "pca"});
    r.integer("resolution", out.resolution, 2, kMaxViewResolution);
    r.number("range", out.range, 0.0, 100.0);
    if (error.empty() && r.has("convexity")) {
      const json& c = section["convexity"];
      if (!c.is_object()) return "view.convexity: must be an object {\"resolution\", \"lanczos_steps\"}";
      ViewReader cr{c, "view.convexity", error};
      cr.known("the convexity map", {"resolution", "lanczos_steps"});
      cr.integer("resolution", out.convexity_resolution, 2, kMaxConvexityResolution);
      cr.integer("lanczos_steps", out.lanczos_steps, 2, 200);
      out.convexity = true;
    }
    break;
  }
  case ViewKind::interpolate:
    r.known(what, {"kind", "seed", "between", "points", "range"});
    read_between(r, variants, out);
    r.integer("points", out.points, 2, kMaxViewResolution * kMaxViewResolution);
    read_line_range(r, out);
    break;
  case ViewKind::connect:
    r.known(what, {"kind", "seed", "between", "curve", "steps", "points", "method", "learning_rate",
                   "samples_per_step"});
    if (error.empty() && !r.has("between"))
      return "view.between: missing (the two compare variants whose trained points the curve joins)";
    read_between(r, variants, out);
    r.choice("curve", out.curve, {"bezier", "polychain"});
    r.integer("steps", out.steps, 0, kMaxCurveSteps);
    r.integer("points", out.points, 2, kMaxViewResolution * kMaxViewResolution);
    r.choice("method", out.method, {"sgd", "adam"});
    r.number("learning_rate", out.learning_rate, 0.0, 1e3);
    r.integer("samples_per_step", out.samples_per_step, 1, 1000);
    break;
  case ViewKind::sharpness: {
    r.known(what, {"kind", "seed", "between", "points", "range", "lanczos_steps", "rescale"});
    if (error.empty() && !r.has("between"))
      return "view.between: missing (two compare variants, e.g. a small and a large batch)";
    read_between(r, variants, out);
    r.integer("points", out.points, 2, kMaxViewResolution * kMaxViewResolution);
    read_line_range(r, out);
    out.lanczos_steps = 40;
    r.integer("lanczos_steps", out.lanczos_steps, 2, 200);
    if (error.empty() && r.has("rescale")) {
      const json& c = section["rescale"];
      if (!c.is_object()) return "view.rescale: must be an object {\"layer\", \"alphas\"}";
      ViewReader cr{c, "view.rescale", error};
      cr.known("the rescaling", {"layer", "alphas"});
      cr.integer("layer", out.rescale_layer, 0, 15);
      if (error.empty()) {
        const json& a = c.contains("alphas") ? c["alphas"] : json();
        if (!a.is_array() || a.empty() || a.size() > 64)
          return "view.rescale.alphas: must be an array of 1 to 64 numbers > 0";
        for (std::size_t i = 0; i < a.size(); ++i) {
          if (!a[i].is_number() || !std::isfinite(a[i].get<double>()) || !(a[i].get<double>() > 0) ||
              a[i].get<double>() > 1e3)
            return "view.rescale.alphas[" + std::to_string(i) + "]: must be a number > 0 and <= 1000";
          out.rescale_alphas.push_back(a[i].get<double>());
        }
      }
    }
    break;
  }
  }
  return error;
}

} // namespace landscape
