// The playground's settings and the scenario they build (core/apps/playground.hpp): the defaults are
// scenarios/playground.json to the bit, every data set and optimizer builds a scenario the
// core accepts, and a bad setting is refused naming it.
#include "apps/catalog.hpp"
#include "apps/playground.hpp"
#include "input/scenario.hpp"
#include "model/data.hpp"
#include "test_support.hpp"
#include "training/optimizer.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace landscape;
using nlohmann::json;

namespace {

json build(const json& settings) {
  auto built = playground_scenario_json(settings.dump());
  if (!built) FAIL(built.error());
  return json::parse(*built);
}

std::string refusal(const json& settings) {
  auto built = playground_scenario_json(settings.dump());
  REQUIRE(!built);
  return built.error();
}

} // namespace

TEST_CASE("the playground's default settings build scenarios/playground.json exactly") {
  json file =
      json::parse(testing::read_text(std::string(LANDSCAPE_SOURCE_DIR) + "/scenarios/playground.json"));
  file.erase("description");
  const json built = build(json::object());
  CHECK(built["scenario"] == file);
  CHECK(built["steps_per_epoch"] == 25); // 250 training points in batches of 10
  CHECK(built["train_points"] == 250);
  // The catalog carries the same defaults, and the settings read back from the file.
  const json catalog = json::parse(catalog_json());
  CHECK(catalog["playground"]["defaults"] == json::parse(playground_defaults_json()));
  CHECK(catalog["playground"]["max_layers"] == kPlaygroundMaxLayers);
  auto read = playground_settings_json(file.dump());
  REQUIRE(read);
  CHECK(build(json::parse(*read))["scenario"] == file);
}

TEST_CASE("every data set and optimizer of the playground builds a scenario the core accepts") {
  for (const DatasetKind& data : dataset_table())
    for (const OptimizerKind& optimizer : optimizer_table()) {
      json settings = {{"data", data.name},
                       {"optimizer", optimizer.name},
                       {"problem", data.classification ? "classification" : "regression"}};
      const json built = build(settings);
      INFO(data.name << " " << optimizer.name);
      auto parsed = parse_scenario(built["scenario"].dump());
      REQUIRE(parsed);
      CHECK(built["one_d"] == (data.inputs == 1));
    }
}

TEST_CASE("the playground's rules: classes, outputs, batches, Newton presets, own points, weights") {
  // Four spiral classes: softmax cross-entropy over four logits, whatever the loss setting.
  json four = build({{"data", "spiral"}, {"classes", 4}, {"loss", "squared"}, {"test", 30}, {"batch", 7}});
  CHECK(four["scenario"]["loss"] == "cross_entropy");
  CHECK(four["scenario"]["model"]["layers"].back() == json({{"units", 4}, {"activation", "linear"}}));
  CHECK(four["scenario"]["data"]["classes"] == 4);
  CHECK(four["classes"] == 4);
  CHECK(four["loss"] == "cross_entropy"); // the loss setting the page shows for the run
  CHECK(build({{"data", "spiral"}, {"classes", 2}, {"loss", "squared"}})["loss"] == "squared");
  CHECK(build({{"data", "spiral"}, {"classes", 3}, {"problem", "regression"}})["classes"] == 2);
  CHECK(four["train_points"] == 350);
  CHECK(four["steps_per_epoch"] == 50); // ceil(350 / 7)
  // Circle comes in two classes only; regression has one linear output.
  CHECK(build({{"data", "circle"}, {"classes", 3}})["classes"] == 2);
  CHECK(build({{"data", "plane"}, {"problem", "regression"}})["scenario"]["model"]["layers"]
            .back()["activation"] == "linear");
  // 1-D data drops the x2 features (and keeps x1 when nothing is left).
  CHECK(build({{"data", "sine"},
               {"problem", "regression"},
               {"features", {"x2", "x2^2"}}})["scenario"]["data"]["features"] == json({"x1"}));
  // Full-batch optimizers take every point; Newton-type steps get the playground's damping and
  // at most the full step.
  const json newton = build({{"optimizer", "newton"}, {"lr", 3}});
  CHECK(newton["scenario"]["optimizer"] ==
        json({{"kind", "newton"}, {"learning_rate", 1.0}, {"batch_size", 0}, {"damping", 1e-3}}));
  CHECK(newton["steps_per_epoch"] == 1);
  CHECK(build({{"optimizer", "sgd"}, {"batch", 500}})["scenario"]["optimizer"]["batch_size"] == 250);
  // Own points are inline data; given weights start the run.
  const json own = build({{"data", "custom"}, {"custom", {{1, 1, 1}, {-1, -1, -1}}}, {"ckpt", {0.5, -0.5}}});
  CHECK(own["scenario"]["data"]["kind"] == "inline");
  CHECK(own["scenario"]["data"]["x"] == json({{1, 1}, {-1, -1}}));
  CHECK(own["scenario"]["model"]["init"] == json({{"kind", "params"}, {"params", {0.5, -0.5}}}));
  CHECK(own["train_points"] == 2);
  const json neuron = build({{"neuron", true}, {"lambda", 0.2}, {"reg", "l2"}, {"rate", 0.01}});
  CHECK(neuron["scenario"]["added_neuron"] == json({{"enabled", true}, {"lambda", 0.2}, {"start_step", 0}}));
  CHECK(neuron["scenario"]["regularization"] == json({{"kind", "l2"}, {"rate", 0.01}}));
  // How the page shows the run is not the core's business.
  CHECK(build({{"stop", 0.01}, {"showTest", true}, {"discretize", true}})["scenario"] ==
        build(json::object())["scenario"]);
}

TEST_CASE("a bad playground setting is refused naming it") {
  CHECK(refusal({{"lr", 11}}) == "lr: must be > 0 and <= 10 (got 11)");
  CHECK(refusal({{"lr", 0}}) == "lr: must be > 0 and <= 10 (got 0)");
  CHECK(refusal({{"layers", json::array({1, 1, 1, 1, 1, 1, 1, 1, 1})}}) == "layers: at most 8 (got 9)");
  CHECK(
      refusal({{"layers", {4, 33}}}).rfind("layers: units per layer must be whole numbers from 1 to 32", 0) ==
      0);
  CHECK(refusal({{"data", "mnist"}}).rfind("data: unknown kind 'mnist' (known: circle, ", 0) == 0);
  CHECK(refusal({{"__proto__", 1}}) ==
        "__proto__: unknown field (known: data, classes, noise, test, dseed, features, layers, activation, "
        "problem, loss, optimizer, lr, batch, reg, rate, init, seed, neuron, lambda, stop, showTest, "
        "discretize, custom, ckpt)");
  CHECK(refusal({{"test", 12.5}}) == "test: must be an integer");
  CHECK(refusal({{"test", 95}}) == "test: must be an integer from 0 to 90 (got 95)");
  CHECK(refusal({{"custom", {{1, 2}}}}).rfind("custom: point 1 must be three numbers", 0) == 0);
  CHECK(refusal({{"ckpt", {1, "x"}}}) == "ckpt: weight 2 is not a finite number");
  CHECK(refusal({{"neuron", 1}}) == "neuron: must be true or false");
  CHECK(refusal({{"seed", -1}}) == "seed: must be an integer from 0 to 2147483648 (got -1)");
  CHECK(refusal({{"stop", -1}}) == "stop: must be >= 0 and <= 1000000 (got -1)");
  CHECK(refusal({{"noise", "x"}}) == "noise: must be a number");
  CHECK(!playground_scenario_json("{"));
  CHECK(!playground_scenario_json("[1]"));
}
