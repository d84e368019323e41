// The exports a widget offers that need the core: a checkpoint scenario that continues a run
// from its exact parameters, and a surface scenario moved to another surface.
#include "input/surface_scenario.hpp"
#include "test_support.hpp"
#include "training/training.hpp"

#include <catch2/catch.hpp>

using namespace landscape;

namespace {
std::string scenario_text(const std::string& name) {
  return testing::read_text(std::string(LANDSCAPE_SOURCE_DIR) + "/scenarios/" + name + ".json");
}
} // namespace

TEST_CASE("a checkpoint continues a full-batch run to the same bits") {
  // Newton on the spectrum network: stateless steps, so the rest of the run from the
  // checkpoint equals the rest of the original run exactly.
  const std::string text = *scenario_variant(scenario_text("spectrum-while-training"), "newton");
  auto whole = std::move(*Training::create(*parse_scenario(text)));
  auto first = std::move(*Training::create(*parse_scenario(text)));
  first->advance(600);
  auto checkpoint = checkpoint_scenario(text, *first);
  REQUIRE(checkpoint);
  const Scenario resumed_scenario = *parse_scenario(*checkpoint);
  CHECK(resumed_scenario.steps == whole->scenario().steps - 600);
  CHECK(resumed_scenario.init.kind == "params");
  auto resumed = std::move(*Training::create(resumed_scenario));
  whole->advance(600);
  REQUIRE(resumed->parameters() == whole->parameters());
  whole->advance(400);
  resumed->advance(400);
  CHECK(resumed->parameters() == whole->parameters());
  CHECK(resumed->current(false).loss == whole->current(false).loss);
}

TEST_CASE("a checkpoint after the added neuron is on carries the neuron's parameters") {
  const std::string text = scenario_text("rescue");
  auto training = std::move(*Training::create(*parse_scenario(text)));
  training->advance(5000); // the neuron switches on at step 4000
  REQUIRE(training->neuron_on());
  auto checkpoint = checkpoint_scenario(text, *training);
  REQUIRE(checkpoint);
  auto resumed = std::move(*Training::create(*parse_scenario(*checkpoint)));
  CHECK(resumed->neuron_on());
  CHECK(resumed->parameters() == training->parameters());
  CHECK(resumed->current(false).loss == training->current(false).loss);
}

TEST_CASE("a surface scenario moves to another surface, and a bad surface name is refused naming the field") {
  const std::string text = scenario_text("saddle-explorer");
  auto monkey = scenario_on_surface(text, "monkey");
  REQUIRE(monkey);
  auto scenario = SurfaceScenario::create(*monkey);
  REQUIRE(scenario);
  CHECK((*scenario)->surface().name() == "monkey");
  auto bad = scenario_on_surface(text, "volcano");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().rfind("surface", 0) == 0);
  CHECK_FALSE(scenario_on_surface(scenario_text("rescue"), "monkey"));
}
