#include "input/view_scenario.hpp"

#include "input/field_reader.hpp"
#include "input/text.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace landscape {

using nlohmann::json;

std::string to_string(ViewKind kind) { return view_kinds()[std::size_t(kind)]; }

const std::vector<std::string>& view_kinds() {
  static const std::vector<std::string> kinds = {"slice", "interpolate", "connect", "sharpness"};
  return kinds;
}

namespace {

void read_between(FieldReader& r, const std::vector<std::string>& variants, ViewSpec& out) {
  if (!r.ok() || !r.has("between")) return;
  const json& v = r.child("between");
  if (!v.is_array() || v.size() != 2 || !v[0].is_string() || !v[1].is_string())
    return r.refuse(r.at("between"), "not_variant_pair");
  for (std::size_t i = 0; i < 2; ++i) {
    const std::string name = v[i].get<std::string>();
    if (std::find(variants.begin(), variants.end(), name) == variants.end())
      return variants.empty() ? r.refuse(r.at("between") + "[" + std::to_string(i) + "]",
                                         "unknown_compare_variant_none", {name})
                              : r.refuse(r.at("between") + "[" + std::to_string(i) + "]",
                                         "unknown_compare_variant", {name, join(variants)});
    out.between.push_back(name);
  }
  if (out.between[0] == out.between[1]) r.refuse(r.at("between"), "same_variant_twice");
}

// "range": [t0, t1] of a line, t0 < t1, within [-10, 10].
void read_line_range(FieldReader& r, ViewSpec& out) {
  if (!r.ok() || !r.has("range")) return;
  const json& v = r.child("range");
  const bool ok = v.is_array() && v.size() == 2 && v[0].is_number() && v[1].is_number() &&
                  std::isfinite(v[0].get<double>()) && std::isfinite(v[1].get<double>()) &&
                  v[0].get<double>() < v[1].get<double>() && v[0].get<double>() >= -10 &&
                  v[1].get<double>() <= 10;
  if (!ok) return r.refuse(r.at("range"), "not_line_range");
  out.t0 = v[0].get<double>();
  out.t1 = v[1].get<double>();
}

} // namespace

void read_view_section(const json& section, const std::vector<std::string>& variants, ViewSpec& out,
                       FirstFailure& failure) {
  FieldReader r(section, "view", failure);
  if (!r.ok()) return;
  if (!r.has("kind")) return r.refuse("view.kind", "missing_choice", {join(view_kinds())});
  std::string kind;
  r.choice("kind", kind, view_kinds());
  if (!r.ok()) return;
  out = ViewSpec{};
  out.kind = ViewKind(std::find(view_kinds().begin(), view_kinds().end(), kind) - view_kinds().begin());
  long long seed = 1;
  r.integer("seed", seed, 0, 9007199254740991LL);
  out.seed = std::uint64_t(seed);
  // Every number of a view is above its low end (a range, a learning rate of 0 is nothing).
  const bool open_low = true;

  switch (out.kind) {
  case ViewKind::slice: {
    r.known({"kind", "seed", "directions", "resolution", "range", "convexity"});
    r.choice("directions", out.directions, {"filter", "random", "pca"});
    r.integer("resolution", out.resolution, 2, kMaxViewResolution);
    r.number("range", out.range, 0.0, 100.0, open_low);
    if (r.ok() && r.has("convexity")) {
      FieldReader convexity(r.child("convexity"), "view.convexity", failure);
      convexity.known({"resolution", "lanczos_steps"});
      convexity.integer("resolution", out.convexity_resolution, 2, kMaxConvexityResolution);
      convexity.integer("lanczos_steps", out.lanczos_steps, 2, 200);
      out.convexity = true;
    }
    break;
  }
  case ViewKind::interpolate:
    r.known({"kind", "seed", "between", "points", "range"});
    read_between(r, variants, out);
    r.integer("points", out.points, 2, kMaxViewResolution * kMaxViewResolution);
    read_line_range(r, out);
    break;
  case ViewKind::connect:
    r.known({"kind", "seed", "between", "curve", "steps", "points", "method", "learning_rate",
             "samples_per_step"});
    if (r.ok() && !r.has("between")) return r.refuse("view.between", "missing_curve_ends");
    read_between(r, variants, out);
    r.choice("curve", out.curve, {"bezier", "polychain"});
    r.integer("steps", out.steps, 0, kMaxCurveSteps);
    r.integer("points", out.points, 2, kMaxViewResolution * kMaxViewResolution);
    r.choice("method", out.method, {"sgd", "adam"});
    r.number("learning_rate", out.learning_rate, 0.0, 1e3, open_low);
    r.integer("samples_per_step", out.samples_per_step, 1, 1000);
    break;
  case ViewKind::sharpness: {
    r.known({"kind", "seed", "between", "points", "range", "lanczos_steps", "rescale"});
    if (r.ok() && !r.has("between")) return r.refuse("view.between", "missing_sharpness_pair");
    read_between(r, variants, out);
    r.integer("points", out.points, 2, kMaxViewResolution * kMaxViewResolution);
    read_line_range(r, out);
    out.lanczos_steps = 40;
    r.integer("lanczos_steps", out.lanczos_steps, 2, 200);
    if (r.ok() && r.has("rescale")) {
      FieldReader rescale(r.child("rescale"), "view.rescale", failure);
      rescale.known({"layer", "alphas"});
      rescale.integer("layer", out.rescale_layer, 0, 15);
      if (!rescale.ok()) return;
      const json& a = rescale.has("alphas") ? rescale.child("alphas") : json();
      if (!a.is_array() || a.empty() || a.size() > 64)
        return rescale.refuse("view.rescale.alphas", "not_alphas");
      for (std::size_t i = 0; i < a.size(); ++i) {
        if (!a[i].is_number() || !std::isfinite(a[i].get<double>()) || !(a[i].get<double>() > 0) ||
            a[i].get<double>() > 1e3)
          return rescale.refuse("view.rescale.alphas[" + std::to_string(i) + "]", "not_alpha");
        out.rescale_alphas.push_back(a[i].get<double>());
      }
    }
    break;
  }
  }
}

} // namespace landscape
