// The playground's settings as catalog() publishes them (core/playground.hpp): one entry per
// setting in the order of a link's keys, each default the shipped scenario's, and each range the
// one the core's own reader keeps to (a value just past it is refused, naming the setting).
#include "catalog.hpp"
#include "playground.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace landscape;
using nlohmann::json;

TEST_CASE("catalog() publishes every playground setting with its type, range or choices, and default") {
  const json catalog = json::parse(catalog_json());
  const json& fields = catalog["playground"]["fields"];
  std::vector<std::string> keys;
  for (const json& f : fields) keys.push_back(f["key"]);
  CHECK(keys == std::vector<std::string>{"data",      "classes",    "noise",      "test",    "dseed",
                                         "features",  "layers",     "activation", "problem", "loss",
                                         "optimizer", "lr",         "batch",      "reg",     "rate",
                                         "init",      "seed",       "neuron",     "lambda",  "stop",
                                         "showTest",  "discretize", "custom",     "ckpt"});
  const json defaults = json::parse(playground_defaults_json());
  for (const json& f : fields) {
    INFO(f.dump());
    const std::string key = f["key"], type = f["type"];
    if (defaults.contains(key)) CHECK(f["default"] == defaults[key]);
    if (type == "choice" || type == "features") CHECK_FALSE(f["choices"].empty());
    if (type == "choice")
      CHECK(std::find(f["choices"].begin(), f["choices"].end(), f["default"]) != f["choices"].end());
    if (type == "integer" || type == "number") {
      // The reader's range is the published one: its bounds pass, just past them is refused.
      const double hi = f["max"];
      CHECK(playground_scenario_json(json{{key, hi}}.dump()));
      auto past = playground_scenario_json(json{{key, hi + 1}}.dump());
      REQUIRE_FALSE(past);
      CHECK(past.error().rfind(key + ": ", 0) == 0);
      const double lo = f["min"];
      CHECK(bool(playground_scenario_json(json{{key, lo}}.dump())) == !f.value("above_min", false));
    }
  }
  // A menu's labels, for every choice that has one, say what the core does ("random" draws
  // uniform(-0.5, 0.5) weights with biases 0.1, as the scenario it builds says).
  for (const json& f : fields) {
    if (!f.contains("choice_labels")) continue;
    for (auto it = f["choice_labels"].begin(); it != f["choice_labels"].end(); ++it)
      CHECK(std::find(f["choices"].begin(), f["choices"].end(), it.key()) != f["choices"].end());
  }
  const json init = json::parse(*playground_scenario_json("{}"))["scenario"]["model"]["init"];
  CHECK(init == json{{"kind", "uniform"}, {"scale", 0.5}, {"bias", 0.1}});
  CHECK(catalog["playground"]["window"]["plane"] == json::array({-6, 6, -6, 6}));
  // Armijo's line search takes the whole batch too (the page once left its batch field enabled).
  CHECK(catalog["playground"]["full_batch_optimizers"] ==
        json::array({"gd", "armijo", "newton", "saddle_free_newton"}));
}

namespace {
// A link's [key, value] pairs (a list of lists: nlohmann would read {{"lr", 11}} as an object).
json read_link(const std::vector<std::pair<std::string, json>>& pairs) {
  json entries = json::array();
  for (const auto& [key, value] : pairs) entries.push_back(json::array({key, value}));
  auto read = playground_read_settings_json(json{{"entries", entries}}.dump());
  if (!read) FAIL(read.error());
  return json::parse(*read);
}
} // namespace

TEST_CASE("a link's settings are read by the core one by one: a refused value is named, its default kept") {
  const json catalog = json::parse(catalog_json());
  // Every setting in the catalog's order, view-only ones too; nothing given: every default.
  const json none = read_link({});
  CHECK(none["errors"].empty());
  for (const json& f : catalog["playground"]["fields"]) CHECK(none["settings"][f["key"].get<std::string>()] == f["default"]);

  // The two wordings of one rule are now the core's one, naming the setting by label and key.
  const json read = read_link({{"lr", 11}, {"layers", json::array({1, 1, 1, 1, 1, 1, 1, 1, 1})}, {"seed", 3},
                               {"stop", -1}, {"showTest", true}, {"features", {"x2", "x1", "x2"}}});
  CHECK(read["errors"] == json::array({"learning rate (lr): must be above 0 and at most 10 (got 11)",
                                       "hidden layers (layers): at most 8 (got 9)",
                                       "stop at loss (stop): must be from 0 to 1000000 (got -1)"}));
  CHECK(read["settings"]["lr"] == none["settings"]["lr"]);
  CHECK(read["settings"]["layers"] == none["settings"]["layers"]);
  CHECK(read["settings"]["seed"] == 3);
  CHECK(read["settings"]["showTest"] == true);
  CHECK(read["settings"]["features"] == json::array({"x1", "x2"})); // the catalog's order, once each

  // Own points must fit the classes, whichever comes first in the link.
  const json points = json::array({{1, 1, 0}, {2, 2, 2}, {-1, 0, 1}});
  CHECK(read_link({{"custom", points}, {"classes", 3}, {"data", "custom"}})["errors"].empty());
  const json two = read_link({{"custom", points}, {"data", "custom"}});
  CHECK(two["errors"] == json::array({"custom: point 1 has label 0; labels must be +1 or -1 (two classes)"}));
  CHECK(two["settings"]["custom"].empty());

  // A value of the wrong type is the core's to refuse too (the page passes text it cannot read as a number).
  CHECK(read_link({{"batch", "abc"}})["errors"][0] == "batch size (batch): must be a whole number from 1 to 500 (got \"abc\")");
  CHECK_FALSE(playground_read_settings_json("{\"entries\": 1}"));
}
