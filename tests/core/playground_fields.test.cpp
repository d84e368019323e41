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
  CHECK(catalog["playground"]["window"]["plane"] == json::array({-6, 6, -6, 6}));
  // Armijo's line search takes the whole batch too (the page once left its batch field enabled).
  CHECK(catalog["playground"]["full_batch_optimizers"] ==
        json::array({"gd", "armijo", "newton", "saddle_free_newton"}));
}
