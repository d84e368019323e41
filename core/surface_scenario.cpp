#include "surface_scenario.hpp"

#include "text.hpp"

#include <nlohmann/json.hpp>

namespace landscape {

Result<std::unique_ptr<SurfaceScenario>> SurfaceScenario::create(const std::string& json_text) {
  auto parsed = parse_scenario(json_text);
  if (!parsed) return Error{parsed.error()};
  if (!parsed->surface) return Error{"surface: missing (a network scenario trains as a Training)"};
  std::unique_ptr<SurfaceScenario> result(new SurfaceScenario());
  result->scenario_ = std::move(*parsed);
  const SurfaceSpec& spec = *result->scenario_.surface;
  result->surface_ = std::move(*make_surface(spec.name, spec.a, spec.b)); // validated by the parser
  for (const ScenarioVariant& v : result->scenario_.compare) {
    auto variant = parse_scenario(v.text); // validated with the scenario
    if (!variant || !variant->surface)
      return Error{"compare: variant '" + v.name + "' is not a surface scenario"};
    const SurfaceSpec& s = *variant->surface;
    auto surface = make_surface(s.name, s.a, s.b);
    if (!surface) return Error{surface.error()};
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
  return Error{printable("compare: no variant named '" + name +
                         "' (known: " + (known.empty() ? "none" : known) + ")")};
}

Result<int> SurfaceScenario::steps(const std::string& name) const {
  if (name.empty()) return scenario_.steps;
  for (const Variant& v : variants_)
    if (v.name == name) return v.scenario.steps;
  return Error{printable("compare: no variant named '" + name + "'")};
}

Result<std::string> scenario_on_surface(const std::string& json_text, const std::string& surface_name) {
  auto parsed = parse_scenario(json_text);
  if (!parsed) return Error{parsed.error()};
  if (!parsed->surface) return Error{"surface: missing (only a surface scenario can change its surface)"};
  // dump() below aborts the wasm module on invalid UTF-8 (JSON_NOEXCEPTION): refuse such a name.
  if (printable(surface_name) != surface_name)
    return Error{"surface.name: unknown surface '" + printable(surface_name, 64) + "'"};
  nlohmann::json document = nlohmann::json::parse(json_text); // valid: parse_scenario read it
  document["surface"]["name"] = surface_name;
  // A variant that names its own surface keeps it; the others follow the scenario's.
  const std::string text = document.dump();
  auto check = parse_scenario(text);
  if (!check) return Error{check.error()};
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
  if (!points) return Error{points.error()};
  auto count = steps(name);
  if (!count) return Error{count.error()};
  return nlohmann::json{{"points", *points}, {"left_window", points->size() < std::size_t(*count) + 1}}
      .dump();
}

} // namespace landscape
