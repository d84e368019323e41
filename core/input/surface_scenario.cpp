#include "input/surface_scenario.hpp"

#include "input/messages.hpp"
#include "input/text.hpp"

#include <nlohmann/json.hpp>

#include <cmath>

namespace landscape {

namespace {

// The "surface.center" of a scenario's text ([0, 0] when none; the parser checked its form).
std::array<double, 2> center_of(const std::string& text) {
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object() || !j.contains("surface") || !j["surface"].is_object()) return {0.0, 0.0};
  const nlohmann::json& surface = j["surface"];
  auto it = surface.find("center");
  if (it == surface.end() || !it->is_array() || it->size() != 2 || !(*it)[0].is_number() ||
      !(*it)[1].is_number())
    return {0.0, 0.0};
  return {(*it)[0].get<double>(), (*it)[1].get<double>()};
}

} // namespace

Result<std::unique_ptr<Surface>> make_centred_surface(const SurfaceSpec& spec, std::array<double, 2> center) {
  auto made = make_surface(spec.name, spec.a, spec.b, spec.angle);
  if (!made || (center[0] == 0.0 && center[1] == 0.0)) return made;
  std::shared_ptr<const Surface> at_origin(std::move(*made));
  const double cx = center[0], cy = center[1];
  std::vector<KnownCriticalPoint> points = at_origin->critical_points();
  for (KnownCriticalPoint& p : points) {
    p.x += cx;
    p.y += cy;
  }
  std::array<double, 4> window = at_origin->window();
  window[0] += cx;
  window[1] += cx;
  window[2] += cy;
  window[3] += cy;
  // Its formula in the moved coordinates: each coordinate t becomes (t - c).
  const SurfaceFormula& parts = at_origin->formula_parts();
  SurfaceFormula formula{parts.text_symbols, parts.tex_symbols,
                         [body = parts.body, cx, cy](const std::string& x, const std::string& y, Notation n) {
                           const auto moved = [n](const std::string& t, double c) {
                             if (c == 0.0) return t;
                             const std::string sign =
                                 c > 0 ? (n == Notation::tex ? " - " : " \u2212 ") : " + ";
                             return "(" + t + sign + formula_number(std::fabs(c), n) + ")";
                           };
                           return body(moved(x, cx), moved(y, cy), n);
                         }};
  return std::make_unique<Surface>(
      at_origin->name(), std::move(formula), at_origin->axes(),
      [at_origin, cx, cy](double x, double y) {
        Vector p(2);
        p << x - cx, y - cy;
        return at_origin->value(p);
      },
      [at_origin, cx, cy](double x, double y) {
        Vector p(2), g;
        p << x - cx, y - cy;
        at_origin->value_and_gradient(p, g);
        return std::array<double, 2>{g[0], g[1]};
      },
      [at_origin, cx, cy](double x, double y) {
        Vector p(2), e(2), h0, h1;
        p << x - cx, y - cy;
        e << 1, 0;
        at_origin->hessian_vector(p, e, h0);
        e << 0, 1;
        at_origin->hessian_vector(p, e, h1);
        return std::array<double, 3>{h0[0], h0[1], h1[1]};
      },
      window, std::move(points), at_origin->lowest_value());
}

Result<std::unique_ptr<SurfaceScenario>> SurfaceScenario::create(const std::string& json_text) {
  auto parsed = parse_scenario(json_text);
  if (!parsed) return parsed.failure();
  if (!parsed->surface) return refused({"surface", "missing_surface_training", {}});
  std::unique_ptr<SurfaceScenario> result(new SurfaceScenario());
  result->scenario_ = std::move(*parsed);
  const SurfaceSpec& spec = *result->scenario_.surface;
  result->center_ = center_of(json_text);
  result->surface_ = std::move(*make_centred_surface(spec, result->center_)); // validated by the parser
  for (const ScenarioVariant& v : result->scenario_.compare) {
    auto variant = parse_scenario(v.text); // validated with the scenario
    if (!variant || !variant->surface)
      return refused({"compare", "variant_not_surface", {printable(v.name)}});
    const SurfaceSpec& s = *variant->surface;
    auto surface = make_centred_surface(s, center_of(v.text));
    if (!surface) return surface.failure();
    result->variants_.push_back({v.name, std::move(*variant), std::move(*surface)});
  }
  return result;
}

Result<std::vector<std::array<double, 2>>> SurfaceScenario::path(const std::string& name,
                                                                 std::array<double, 2> start) const {
  if (name.empty())
    return surface_path(*surface_, scenario_.optimizer, scenario_.seed, start, scenario_.steps);
  std::string known;
  for (const Variant& v : variants_) {
    if (v.name == name)
      return surface_path(*v.surface, v.scenario.optimizer, v.scenario.seed, start, v.scenario.steps);
    known += (known.empty() ? "" : ", ") + v.name;
  }
  if (known.empty()) return refused({"compare", "unknown_variant_none", {printable(name)}});
  return refused({"compare", "unknown_variant", {printable(name), printable(known)}});
}

Result<int> SurfaceScenario::steps(const std::string& name) const {
  if (name.empty()) return scenario_.steps;
  for (const Variant& v : variants_)
    if (v.name == name) return v.scenario.steps;
  return refused({"compare", "unknown_variant_bare", {printable(name)}});
}

Result<std::string> scenario_on_surface(const std::string& json_text, const std::string& surface_name) {
  auto parsed = parse_scenario(json_text);
  if (!parsed) return parsed.failure();
  if (!parsed->surface) return refused({"surface", "missing_surface_change", {}});
  // dump() below aborts the wasm module on invalid UTF-8 (JSON_NOEXCEPTION): refuse such a name.
  if (printable(surface_name) != surface_name)
    return refused({"surface.name", "unknown_surface", {printable(surface_name, 64)}});
  nlohmann::json document = nlohmann::json::parse(json_text); // valid: parse_scenario read it
  document["surface"]["name"] = surface_name;
  // The angle is the quadratic's only: another surface keeps a, b and the centre, not it.
  if (surface_name != "quadratic") document["surface"].erase("angle");
  // A variant that names its own surface keeps it; the others follow the scenario's.
  const std::string text = document.dump();
  auto check = parse_scenario(text);
  if (!check) return check.failure();
  return text;
}

Result<std::string> scenario_with_surface_parameters(const std::string& json_text, double a, double b,
                                                     double angle) {
  auto parsed = parse_scenario(json_text);
  if (!parsed) return parsed.failure();
  if (!parsed->surface) return refused({"surface", "missing_surface_parameters", {}});
  for (const auto& [field, value] : {std::pair{"surface.a", a}, {"surface.b", b}, {"surface.angle", angle}})
    if (!std::isfinite(value)) return refused({field, "not_finite_number", {}});
  nlohmann::json document = nlohmann::json::parse(json_text); // valid: parse_scenario read it
  document["surface"]["a"] = a;
  document["surface"]["b"] = b;
  if (angle != 0.0)
    document["surface"]["angle"] = angle;
  else
    document["surface"].erase("angle");
  const std::string text = document.dump();
  auto check = parse_scenario(text);
  if (!check) return check.failure();
  return text;
}

std::vector<std::string> path_records(const Surface& surface,
                                      const std::vector<std::array<double, 2>>& path) {
  std::vector<std::string> lines;
  lines.reserve(path.size());
  Vector p(2);
  for (std::size_t i = 0; i < path.size(); ++i) {
    p << path[i][0], path[i][1];
    lines.push_back(
        nlohmann::ordered_json{{"step", i}, {"x", path[i][0]}, {"y", path[i][1]}, {"value", surface.value(p)}}
            .dump());
  }
  return lines;
}

std::string SurfaceScenario::info_json() const {
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(surface_info_json(*surface_));
  j["scenario"] = nlohmann::ordered_json::parse(scenario_info_json(scenario_));
  return j.dump();
}

Result<std::string> SurfaceScenario::path_json(const std::string& name, std::array<double, 2> start) const {
  auto points = path(name, start);
  if (!points) return points.failure();
  auto count = steps(name);
  if (!count) return count.failure();
  return nlohmann::json{{"points", *points}, {"left_window", points->size() < std::size_t(*count) + 1}}
      .dump();
}

} // namespace landscape
