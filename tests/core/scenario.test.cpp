#include "input/scenario.hpp"
#include "test_support.hpp"
#include "training/training.hpp"

#include <catch2/catch.hpp>

using namespace landscape;

namespace {
const char* kValid = R"({"data": {"kind": "inline", "x": [[0.5], [1.0]], "y": [[0.1], [0.2]]},
  "model": {"inputs": 1, "layers": [{"units": 1, "activation": "sine", "bias": false}]}})";

// Replaces the first occurrence of `from` in the valid scenario.
std::string with(const std::string& from, const std::string& to) {
  std::string s = kValid;
  const auto at = s.find(from);
  REQUIRE(at != std::string::npos);
  return s.replace(at, from.size(), to);
}

std::string error_of(const std::string& text) {
  auto parsed = parse_scenario(text);
  if (!parsed) return parsed.error();
  auto training = Training::create(*parsed);
  return training ? "" : training.error();
}
} // namespace

TEST_CASE("a valid scenario parses with defaults filled in") {
  auto s = parse_scenario(kValid);
  REQUIRE(s.ok());
  CHECK(s->network.parameter_count() == 1);
  CHECK(s->optimizer.kind == "gd");
  CHECK(s->loss == LossKind::squared);
}

TEST_CASE("every shipped scenario parses and starts") {
  for (const char* name : {"rescue", "relu-blind-spot", "relu-blind-spot-fixed-step"}) {
    INFO(name);
    CHECK(Training::create(testing::load_scenario(name)).ok());
  }
}

TEST_CASE("bad input gets a one-line message naming the field") {
  const std::pair<std::string, std::string> cases[] = {
      {"{\"steps\": ", "scenario: invalid JSON"},
      {"[1, 2]", "scenario: must be a JSON object"},
      {with("\"kind\": \"inline\"", "\"kind\": \"donut\""), "data.kind: unknown kind 'donut'"},
      {with("\"units\": 1", "\"units\": 0"),
       "model.layers[0].units: must be an integer from 1 to 1024 (got 0)"},
      {with("\"units\": 1", "\"units\": -3"), "model.layers[0].units: must be an integer from 1"},
      {with("\"units\": 1", "\"units\": 1e9"), "model.layers[0].units: must be an integer from 1 to 1024"},
      {with("\"units\": 1", "\"units\": \"many\""), "model.layers[0].units: must be an integer"},
      {with("\"activation\": \"sine\"", "\"activation\": \"swish\""),
       "model.layers[0].activation: unknown kind 'swish'"},
      {with("\"layers\": [", "\"optimizer\": {\"learning_rate\": -0.1}, \"layers\": ["),
       "model.optimizer: unknown field (known: inputs, layers, init)"},
      {std::string(kValid).insert(1, "\"optimizer\": {\"learning_rate\": -0.1}, "),
       "optimizer.learning_rate: must be > 0"},
      {std::string(kValid).insert(1, "\"optimizer\": {\"learning_rate\": 0}, "),
       "optimizer.learning_rate: must be > 0"},
      {std::string(kValid).insert(1, "\"optimizer\": {\"learning_rate\": 1e400}, "),
       "optimizer.learning_rate: 1e400 is not a finite number"},
      {std::string(kValid).insert(1, "\"optimizer\": {\"learning_rate\": \"fast\"}, "),
       "optimizer.learning_rate: must be a number"},
      {std::string(kValid).insert(1, "\"optimizer\": {\"kind\": \"lbfgs\"}, "),
       "optimizer.kind: unknown kind 'lbfgs'"},
      {std::string(kValid).insert(1, "\"added_neuron\": {\"lambda\": 0}, "),
       "added_neuron.lambda: must be > 0"},
      {std::string(kValid).insert(1, "\"steps\": -5, "), "steps: must be an integer from 0"},
      {std::string(kValid).insert(1, "\"log_every\": 0, "), "log_every: must be an integer from 1"},
      {std::string(kValid).insert(1, "\"stepz\": 5, "), "stepz: unknown field"},
      {std::string(kValid).insert(1, "\"log_detail\": \"all\", "), "log_detail: unknown kind 'all'"},
      {std::string(kValid).insert(1, "\"loss\": \"hinge\", "), "loss: unknown kind 'hinge'"},
      {with("[[0.1], [0.2]]", "[[0.1]]"), "data.y: has 1 rows but data.x has 2"},
      {with("[[0.5], [1.0]]", "[[0.5], [1.0, 2.0]]"), "data.x[1]: must be an array of 1 numbers like row 0"},
      {with("\"inputs\": 1", "\"inputs\": 2"), "model.inputs: is 2 but the data have 1 input column(s)"},
      {with("\"layers\": [{\"units\": 1, \"activation\": \"sine\", \"bias\": false}]",
            "\"layers\": [{\"units\": 1024}, {\"units\": 1024}, {\"units\": 1024}, {\"units\": 1}]"),
       "model.layers: too many parameters"},
      {with("\"bias\": false}]}", "\"bias\": false}], \"init\": {\"kind\": \"params\", \"params\": [1, 2]}}"),
       "model.init.params: has 2 numbers but the network has 1 parameters"},
      {std::string(kValid).insert(1, "\"loss\": \"cross_entropy\", "),
       "model.layers: cross_entropy needs an output layer of at least 2 units"},
      {std::string(kValid).insert(1, "\"added_neuron\": {\"enabled\": true, \"params\": [1, 800, 1]}, "),
       "model.init: the initial loss is not finite: the added neuron's exponent w.x+b reached 801"},
      {with("\"kind\": \"inline\"", "\"features\": [\"x1\", \"x3\"], \"kind\": \"inline\""),
       "data.features[1]: unknown feature 'x3'"},
      {with("\"kind\": \"inline\"", "\"features\": [\"x1\", \"sin(x2)\"], \"kind\": \"inline\""),
       "data.features[1]: 'sin(x2)' needs 2 input columns"},
      {with("\"kind\": \"inline\"", "\"features\": [\"x1\", \"x1^2\"], \"kind\": \"inline\""),
       "model.inputs: is 1 but the data have 2 feature(s)"},
      {with("\"kind\": \"inline\"", "\"test_x\": [[1]], \"kind\": \"inline\""), "data.test_y: missing"},
      {std::string(kValid).insert(1, "\"regularization\": {\"kind\": \"l3\"}, "),
       "regularization.kind: unknown kind 'l3'"},
      {std::string(kValid).insert(1, "\"regularization\": {\"rate\": -1}, "),
       "regularization.rate: must be >= 0"},
      {std::string(kValid).insert(1, "\"problem\": \"ranking\", "), "problem: unknown kind 'ranking'"},
  };
  for (const auto& [text, expected] : cases) {
    INFO(text);
    const std::string message = error_of(text);
    CHECK_THAT(message, Catch::StartsWith(expected));
    CHECK(message.find('\n') == std::string::npos);
  }
}
