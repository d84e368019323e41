// The catalog (what the core accepts, as the pages read it), the parameter layout and the
// global-minimum policy: the lists must be the parser's own, the layout must address the
// flat vector docs/javascript.md documents, and "at a global minimum" must follow the floor.
#include "apps/catalog.hpp"
#include "curvature/critical_points.hpp"
#include "curvature/curvature.hpp"
#include "input/scenario.hpp"
#include "model/surfaces.hpp"
#include "test_support.hpp"
#include "training/training.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace landscape;
using nlohmann::json;

namespace {
// A small valid scenario with one field replaced (a JSON merge patch).
std::string scenario_with(const json& patch) {
  json s = json::parse(R"({"data": {"kind": "inline", "x": [[0.5], [1.0]], "y": [[0.1], [0.2]]},
    "model": {"inputs": 1, "layers": [{"units": 1, "activation": "sine", "bias": false}]}})");
  s.merge_patch(patch);
  return s.dump();
}
} // namespace

TEST_CASE("the catalog's lists are exactly what the parser accepts") {
  const json catalog = json::parse(catalog_json());
  for (const json& optimizer : catalog["optimizers"]) {
    const std::string name = optimizer["name"];
    INFO(name);
    json spec = optimizer["defaults"];
    spec["kind"] = name;
    if (name == "sgd") spec["batch_size"] = 1;
    CHECK(parse_scenario(scenario_with({{"optimizer", spec}})).ok());
    // Every default is the parser's: a scenario without the fields gets the same spec.
    const OptimizerSpec filled = parse_scenario(scenario_with({{"optimizer", spec}}))->optimizer;
    if (spec.contains("learning_rate")) CHECK(filled.learning_rate == OptimizerSpec{}.learning_rate);
    CHECK(optimizer["hessian"] == (name == "newton" || name == "saddle_free_newton"));
  }
  CHECK(catalog["optimizers"].size() == optimizer_kinds().size());
  CHECK_THAT(parse_scenario(scenario_with({{"optimizer", {{"kind", "lbfgs"}}}})).error(),
             Catch::StartsWith("optimizer.kind: unknown kind 'lbfgs'"));
  for (const json& activation : catalog["activations"])
    CHECK(parse_scenario(
              scenario_with(
                  {{"model", {{"layers", {{{"units", 1}, {"activation", activation}, {"bias", false}}}}}}}))
              .ok());
  for (const json& loss : catalog["losses"]) {
    if (loss == "cross_entropy") continue; // needs two outputs
    CHECK(parse_scenario(scenario_with({{"loss", loss}})).ok());
  }
  for (const json& kind : catalog["regularizations"])
    CHECK(parse_scenario(scenario_with({{"regularization", {{"kind", kind}}}})).ok());
  for (const json& dataset : catalog["datasets"]) {
    INFO(dataset.dump());
    const int inputs = dataset["inputs"];
    auto parsed =
        parse_scenario(scenario_with({{"data", {{"kind", dataset["name"]}, {"x", nullptr}, {"y", nullptr}}},
                                      {"model", {{"inputs", inputs}}}}));
    REQUIRE(parsed.ok());
    CHECK((parsed->problem == Problem::classification) == (dataset["problem"] == "classification"));
  }
  CHECK(catalog["features"] == json(feature_names()));
  CHECK(catalog["inits"] == json({"normal", "uniform", "zeros", "params"}));
  CHECK(catalog["limits"]["dense_hessian_parameters"] == 2000);
  CHECK(catalog["limits"]["layers"] == kMaxLayers);
  CHECK(catalog["tolerances"]["critical_gradient"] == 1e-6);
  CHECK(catalog["tolerances"]["zero_eigenvalue"] == 1e-8);
  CHECK(catalog["tolerances"]["global_minimum"] == 1e-8);
  const json& surfaces = catalog["surfaces"];
  REQUIRE(surfaces.size() == surface_names().size());
  CHECK(surfaces[1]["name"] == "product");
  CHECK(surfaces[1]["lowest_value"] == 0.0);
  CHECK(surfaces[0]["lowest_value"].is_null()); // the saddle is unbounded below
  CHECK(surfaces[1]["axes"] == json({"w1", "w2"}));
}

TEST_CASE("the parameter layout addresses the documented example R vector (docs/javascript.md) [w1, w2, c1, "
          "c2, v1, v2, a, b, w]") {
  const Scenario s = testing::load_scenario("relu-blind-spot");
  auto training = std::move(*Training::create(s));
  REQUIRE(training->neuron_on());
  const json layout = json::parse(parameter_layout_json(s.network, training->neuron_on()));
  CHECK(layout["layers"][0]["W"] == json({{"offset", 0}, {"rows", 2}, {"cols", 1}}));
  CHECK(layout["layers"][0]["b"] == json({{"offset", 2}, {"size", 2}}));
  CHECK(layout["layers"][1]["W"] == json({{"offset", 4}, {"rows", 1}, {"cols", 2}}));
  CHECK(layout["layers"][1]["b"].is_null());
  CHECK(layout["neuron"]["a"] == json({{"offset", 6}, {"size", 1}}));
  CHECK(layout["neuron"]["b"] == json({{"offset", 7}, {"size", 1}}));
  CHECK(layout["neuron"]["W"] == json({{"offset", 8}, {"rows", 1}, {"cols", 1}}));
  CHECK(layout["size"] == training->parameters().size());
  // The blocks address the values the scenario set: v2 = 0.3 is the output's second weight.
  CHECK(training->parameters()[layout["layers"][1]["W"]["offset"].get<int>() + 1] == 0.3);
  CHECK(json::parse(parameter_layout_json(s.network, false))["neuron"].is_null());
}

TEST_CASE("at a global minimum: within 1e-8 max(1, |floor|) of a known floor, never without one") {
  CHECK(at_global_minimum(0.0, 0.0));
  CHECK(at_global_minimum(9e-9, 0.0));
  CHECK_FALSE(at_global_minimum(2e-8, 0.0));
  CHECK(at_global_minimum(-3.0 + 2e-8, -3.0));
  CHECK_FALSE(at_global_minimum(-3.0 + 4e-8, -3.0));
  CHECK_FALSE(at_global_minimum(0.0, std::nullopt));
  // The saddle explorer's case: beside the hyperbola of minima of (w1 w2 - 1)^2 the second-order
  // test says "minimum" or "degenerate" by the last rounding; the floor says global minimum.
  const Surface product = **make_surface("product");
  const json near = json::parse(*surface_curvature_json(product, 2.0, 0.5 + 1e-10));
  CHECK(near["at_global_minimum"] == true);
  const json origin = json::parse(*surface_curvature_json(product, 0.0, 0.0));
  CHECK(origin["at_global_minimum"] == false);
  CHECK(origin["kind"] == "saddle");
  // A network: the rescue ends at L ~ 3e-28 (squared loss: floor 0); its start does not.
  auto rescue = std::move(*Training::create(testing::load_scenario("rescue")));
  const auto floor = loss_floor(rescue->scenario());
  CHECK(json::parse(*spectrum_json(rescue->objective(), rescue->parameters(), {},
                                   floor))["at_global_minimum"] == false);
  while (rescue->state() == TrainingState::running) rescue->advance(100000);
  CHECK(json::parse(*spectrum_json(rescue->objective(), rescue->parameters(), {},
                                   floor))["at_global_minimum"] == true);
  Scenario cross = *parse_scenario(R"({"data": {"kind": "spiral", "points": 20}, "loss": "cross_entropy",
    "model": {"inputs": 2, "layers": [{"units": 2}]}})");
  CHECK_FALSE(loss_floor(cross).has_value());
}
