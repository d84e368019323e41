// What a page asks of a Training (core/training/training_requests.hpp): the curvature panel's choice of
// the dense spectrum or Lanczos and its parameter count, the refusals past the dense limit, and
// the signs of a spectrum by the zero-eigenvalue rule.
#include "training/training_requests.hpp"
#include "apps/catalog.hpp"
#include "apps/playground.hpp"
#include "curvature/eigenvalue_signs.hpp"

#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace landscape;
using nlohmann::json;

namespace {
std::unique_ptr<Training> playground_training(const json& settings) {
  auto built = playground_scenario_json(settings.dump());
  REQUIRE(built);
  auto scenario = parse_scenario(json::parse(*built)["scenario"].dump());
  REQUIRE(scenario);
  auto training = Training::create(std::move(*scenario));
  REQUIRE(training);
  return std::move(*training);
}
} // namespace

TEST_CASE("the curvature panel counts every parameter the layout holds, the added neuron's dy (2 + dx) too") {
  // Seven input features and one output: the neuron has 1 * (2 + 7) = 9 parameters.
  for (const auto& [layers, dense] :
       {std::pair{json::array({4}), true}, std::pair{json::array({16, 16}), false}}) {
    auto t = playground_training({{"features", feature_names()}, {"layers", layers}, {"neuron", true}});
    const json layout = json::parse(parameter_layout_json(t->scenario().network, t->neuron_on()));
    CHECK(layout["size"].get<long long>() - t->objective().network_parameter_count() == 2 + 7);
    auto text = training_curvature_json(*t, true);
    REQUIRE(text);
    const json c = json::parse(*text);
    CHECK(c["n"] == layout["size"]);
    CHECK(c["n"].get<long long>() == t->parameters().size());
    CHECK(c["dense"] == dense);
    if (dense)
      CHECK(c["negative"].get<long long>() + c["zero"].get<long long>() + c["positive"].get<long long>() ==
            c["n"]);
    else
      CHECK(c["iterations"] == kPanelLanczosSteps);
  }
}

TEST_CASE("the curvature panel takes the dense spectrum while training only for the smaller models") {
  // 2-8-8-1 with two features: 24 + 72 + 9 = 105 parameters (dense both ways); 2-16-1: 65;
  // 2-12-12-1 = 36 + 156 + 13 = 205 (dense when looking, Lanczos while training).
  auto t = playground_training({{"layers", {12, 12}}});
  REQUIRE(t->parameters().size() > kPanelDenseWhileTraining);
  REQUIRE(t->parameters().size() <= kPanelDenseParameters);
  CHECK(json::parse(*training_curvature_json(*t, true))["dense"] == true);
  CHECK(json::parse(*training_curvature_json(*t, false))["dense"] == false);
}

TEST_CASE("past the dense limit the spectrum is refused naming the limit, never null") {
  auto t = playground_training({{"layers", {32, 32, 32}}}); // 96 + 1056 + 1056 + 33 = 2241 parameters
  REQUIRE(t->parameters().size() > kMaxDenseHessianParameters);
  auto spectrum = training_spectrum_json(*t);
  REQUIRE_FALSE(spectrum);
  CHECK(spectrum.error() ==
        "spectrum needs the dense Hessian, at most 2000 parameters (this network has 2,241); "
        "ask for extremes() instead");
  auto c = training_curvature_json(*t, true);
  REQUIRE(c);
  CHECK(json::parse(*c)["dense"] == false);
}

TEST_CASE("a spectrum's signs are classify()'s judgement of each eigenvalue") {
  Vector eigenvalues(5);
  eigenvalues << -2, -1e-12, 0, 1e-9, 3;
  CHECK(eigenvalue_signs(eigenvalues) == std::vector<int>{-1, 0, 0, 0, 1});
  const PointClassification c = classify(0, eigenvalues);
  CHECK(c.negative == 1);
  CHECK(c.zero == 3);
  CHECK(c.positive == 1);
  CHECK(eigenvalue_signs(Vector::Zero(3)) == std::vector<int>{0, 0, 0});
}
