// The schema's additions: compare variants (JSON merge patches, validated with the scenario),
// surface scenarios, and the critical_points section (the index-versus-loss searches).
#include "curvature/critical_point_survey.hpp"
#include "input/scenario.hpp"
#include "input/surface_scenario.hpp"
#include "test_support.hpp"
#include "training/training.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace landscape;
using nlohmann::json;

namespace {
json base_network() {
  return json::parse(
      R"({"name": "base", "seed": 2, "data": {"kind": "inline", "x": [[0.5], [1.0]], "y": [[0.1], [0.2]]},
    "model": {"inputs": 1, "layers": [{"units": 1, "activation": "tanh"}], "init": {"kind": "params", "params": [0.3, 0.1]}},
    "optimizer": {"kind": "gd", "learning_rate": 0.1}, "steps": 50, "log_every": 10})");
}
std::string error_of(const json& document) {
  auto parsed = parse_scenario(document.dump());
  return parsed ? "" : parsed.error();
}
} // namespace

TEST_CASE("a compare variant is the scenario with a JSON merge patch applied, validated with it") {
  json s = base_network();
  s["compare"] = json::parse(R"json([{"name": "newton", "label": "Newton (damping 1e-4)",
    "patch": {"optimizer": {"kind": "newton", "learning_rate": 1, "damping": 1e-4}}},
    {"name": "wide", "patch": {"model": {"layers": [{"units": 3, "activation": "tanh"}, {"units": 1, "activation": "linear"}], "init": {"kind": "zeros", "params": null}}}}])json");
  auto parsed = parse_scenario(s.dump());
  REQUIRE(parsed.ok());
  REQUIRE(parsed->compare.size() == 2);
  CHECK(parsed->compare[0].label == "Newton (damping 1e-4)");
  CHECK(parsed->compare[1].label == "wide"); // the name when there is no label
  const json newton = json::parse(*scenario_variant(s.dump(), "newton"));
  CHECK(newton["optimizer"] == json({{"kind", "newton"}, {"learning_rate", 1}, {"damping", 1e-4}}));
  CHECK(newton["data"] == s["data"]); // objects merge: only the patched fields change
  CHECK_FALSE(newton.contains("compare"));
  const json wide = json::parse(*scenario_variant(s.dump(), "wide"));
  CHECK(wide["model"]["init"] == json({{"kind", "zeros"}})); // null removes a field
  CHECK(parse_scenario(wide.dump())->network.parameter_count() == 10);
  // The scenario itself ("") without its variants, and its numbers unchanged by them.
  const json itself = json::parse(*scenario_variant(s.dump(), ""));
  CHECK_FALSE(itself.contains("compare"));
  auto with_variants = std::move(*Training::create(*parsed));
  auto without = std::move(*Training::create(*parse_scenario(base_network().dump())));
  with_variants->advance(50);
  without->advance(50);
  CHECK(with_variants->parameters() == without->parameters());
  CHECK_THAT(scenario_variant(s.dump(), "adam").error(),
             Catch::StartsWith("compare: no variant named 'adam' (known: newton, wide)"));

  const std::pair<std::string, std::string> cases[] = {
      {R"([{"name": "a", "patch": {"optimizer": {"kind": "lbfgs"}}}])",
       "compare[0].patch.optimizer.kind: unknown kind 'lbfgs'"},
      {R"([{"name": "a", "patch": {}}, {"name": "b", "patch": {"steps": -1}}])", "compare[1].patch.steps: "},
      {R"([{"name": "a", "patch": {}}, {"name": "a", "patch": {}}])", "compare[1].name: 'a' is used twice"},
      {R"([{"patch": {}}])", "compare[0].name: missing"},
      {R"([{"name": "a"}])", "compare[0].patch: missing"},
      {R"([{"name": "a", "patch": 3}])", "compare[0].patch: must be an object"},
      {R"([{"name": "a", "patch": {"compare": []}}])", "compare[0].patch.compare: "},
      {R"([{"name": "a", "patch": {}, "colour": 1}])", "compare[0].colour: unknown field"},
      {R"({"name": "a"})", "compare: must be an array"},
  };
  for (const auto& [compare, expected] : cases) {
    INFO(compare);
    json bad = base_network();
    bad["compare"] = json::parse(compare);
    CHECK_THAT(error_of(bad), Catch::StartsWith(expected));
  }
}

TEST_CASE("a surface scenario: a 2-D surface instead of data, model and loss; its variants' paths") {
  const json s =
      json::parse(R"({"name": "s", "seed": 1, "surface": {"name": "product", "a": 1}, "start": [0.5, -0.3],
    "optimizer": {"kind": "gd", "learning_rate": 0.02}, "steps": 300,
    "compare": [{"name": "newton", "patch": {"optimizer": {"kind": "newton", "learning_rate": 1, "damping": 0}}}]})");
  auto scenario = SurfaceScenario::create(s.dump());
  REQUIRE(scenario.ok());
  const Scenario& parsed = (*scenario)->scenario();
  CHECK(parsed.start == std::array<double, 2>{0.5, -0.3});
  CHECK((*scenario)->surface().name() == "product");
  // The scenario's own path is gradient descent's, the variant's Newton's (it goes to the saddle).
  OptimizerSpec gd;
  gd.learning_rate = 0.02;
  const auto own = *(*scenario)->path("", {0.5, -0.3});
  CHECK(own == *surface_path((*scenario)->surface(), gd, 1, {0.5, -0.3}, 300));
  const auto newton = *(*scenario)->path("newton", {0.1, 0.05});
  CHECK(std::abs(newton.back()[0]) + std::abs(newton.back()[1]) < 1e-6);
  CHECK_FALSE((*scenario)->path("adam", {0, 0}).ok());
  CHECK_THAT(Training::create(parsed).error(), Catch::StartsWith("surface: "));
  CHECK_THAT(SurfaceScenario::create(base_network().dump()).error(), Catch::StartsWith("surface: missing"));

  const std::pair<std::string, std::string> cases[] = {
      {R"({"surface": {"name": "product"}, "data": {"kind": "sine"}})", "data: not in a surface scenario"},
      {R"({"surface": {"name": "product"}, "loss": "squared"})", "loss: not in a surface scenario"},
      {R"({"surface": {"name": "donut"}})", "surface.name: unknown kind 'donut'"},
      {R"({"surface": {}})", "surface.name: missing"},
      {R"({"surface": {"name": "saddle", "a": -1}})", "surface.a, surface.b: "},
      {R"({"surface": {"name": "saddle", "angle": 30}})", "surface.angle: only the quadratic has an angle"},
      {R"({"surface": {"name": "quadratic", "angle": 400}})", "surface.angle: "},
      {R"({"surface": {"name": "product"}, "start": [1]})", "start: must be [x, y]"},
      {R"({"surface": {"name": "product"}, "steps": 100000000})",
       "steps: must be an integer from 0 to 1000000"},
      {R"({"surface": {"name": "product"}, "optimizer": {"kind": "x"}})", "optimizer.kind: unknown kind 'x'"},
  };
  for (const auto& [text, expected] : cases) {
    INFO(text);
    CHECK_THAT(error_of(json::parse(text)), Catch::StartsWith(expected));
  }
  json network_with_start = base_network();
  network_with_start["start"] = {0, 0};
  CHECK_THAT(error_of(network_with_start), Catch::StartsWith("start: only a surface scenario"));
}

TEST_CASE("the critical_points section: counted searches, each reproducible alone and in any order") {
  json s = base_network();
  s["critical_points"] = json::parse(R"({"starts": 3, "scale": 1, "iterations": 200,
    "polish": {"starts": 2, "stops": [5, 20], "iterations": 100, "init": {"kind": "normal", "scale": 0.5},
               "optimizer": {"kind": "saddle_free_newton", "learning_rate": 1, "damping": 0.01}}})");
  auto scenario = parse_scenario(s.dump());
  REQUIRE(scenario.ok());
  auto survey = std::move(*CriticalPointSurvey::create(*scenario));
  REQUIRE(survey->count() == 3 + 2 * 2);
  std::vector<std::string> in_order;
  for (int i = 0; i < survey->count(); ++i) in_order.push_back(*survey->run(i));
  // The same searches backwards from a fresh survey: each search depends on i alone.
  auto fresh = std::move(*CriticalPointSurvey::create(*scenario));
  for (int i = survey->count() - 1; i >= 0; --i) CHECK(*fresh->run(i) == in_order[std::size_t(i)]);
  const json first = json::parse(in_order[0]);
  CHECK(first["method"] == "finder");
  CHECK(first["search"] == 0);
  const json polished = json::parse(in_order[4]);
  CHECK(polished["method"] == "saddle-free Newton 20 steps, then the finder");
  for (const char* key : {"value", "grad_norm", "converged", "iterations", "index", "negative", "zero",
                          "positive", "kind", "at_global_minimum"})
    CHECK(polished.contains(key));
  // Search 0 is the finder from random_start(n, 1, scale) on the scenario's objective.
  auto t = std::move(*Training::create(*scenario));
  const CriticalPoint c = find_critical_point(t->objective(), random_start(2, 1, 1.0), {200, 1e-8});
  CHECK(first["value"] == c.value);
  CHECK_THAT(survey->run(7).error(), Catch::StartsWith("search: must be from 0 to 6"));

  const std::pair<std::string, std::string> cases[] = {
      {R"({"starts": -1})", "critical_points.starts: "},
      {R"({"polish": {"starts": 2}})", "critical_points.polish.stops: missing"},
      {R"({"polish": {"stops": [30, 10]}})", "critical_points.polish.stops[1]: must be larger"},
      {R"({"polish": {"stops": [30], "optimizer": {"kind": "x"}}})",
       "critical_points.polish.optimizer.kind: "},
      {R"({"polish": {"stops": [30], "init": {"kind": "params"}}})", "critical_points.polish.init.kind: "},
      {R"({"scale": 0})", "critical_points.scale: must be > 0"},
  };
  for (const auto& [section, expected] : cases) {
    INFO(section);
    json bad = base_network();
    bad["critical_points"] = json::parse(section);
    CHECK_THAT(error_of(bad), Catch::StartsWith(expected));
  }
  CHECK_THAT(CriticalPointSurvey::create(*parse_scenario(base_network().dump())).error(),
             Catch::StartsWith("critical_points: missing"));
}
