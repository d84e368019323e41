// Correctness against a real peer: TensorFlow Playground's own code trained its default
// network (circle data, 2-4-2-1 tanh, batch 10, learning rate 0.03, loss 1/2 (o-t)^2,
// labels +-1) and recorded the parameters after 1, 10 and 100 epochs of plain mini-batch
// SGD over the points in stored order (tests/fixtures/tfp-default-circle.json, a copy of
// shared/fixtures). The same run as a scenario with inline data and explicit parameters
// must reproduce them.
#include "test_support.hpp"
#include "training/training.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace landscape;
using nlohmann::json;

namespace {
// Playground layers are {bias: [node], weights: [node][input]}: our row-major W, then b.
std::vector<double> flatten(const json& layers) {
  std::vector<double> out;
  for (const json& layer : layers) {
    for (const json& node : layer["weights"])
      for (const json& w : node) out.push_back(w.get<double>());
    for (const json& b : layer["bias"]) out.push_back(b.get<double>());
  }
  return out;
}
} // namespace

TEST_CASE("TensorFlow Playground's default run is reproduced to 1e-12 after 1, 10 and 100 epochs") {
  const json fixture = json::parse(
      testing::read_text(std::string(LANDSCAPE_SOURCE_DIR) + "/tests/fixtures/tfp-default-circle.json"));
  json x = json::array(), y = json::array();
  for (const json& point : fixture["train"]) {
    x.push_back({point[0], point[1]});
    y.push_back({point[2]});
  }
  const auto& config = fixture["config"];
  const int batch = config["batchSize"].get<int>();
  const int epoch_steps = int(fixture["train"].size()) / batch;
  json scenario = {
      {"data", {{"kind", "inline"}, {"x", x}, {"y", y}}},
      {"model",
       {{"inputs", 2},
        {"layers",
         {{{"units", 4}, {"activation", "tanh"}},
          {{"units", 2}, {"activation", "tanh"}},
          {{"units", 1}, {"activation", "tanh"}}}},
        {"init", {{"kind", "params"}, {"params", flatten(fixture["init"])}}}}},
      {"loss", "half_squared"},
      {"optimizer",
       {{"kind", "gd"}, {"learning_rate", config["lr"]}, {"batch_size", batch}, {"shuffle", false}}},
      {"steps", 100 * epoch_steps},
      {"log_every", epoch_steps}};
  auto parsed = parse_scenario(scenario.dump());
  REQUIRE(parsed.ok());
  auto training = std::move(*Training::create(*parsed));

  int checked = 0;
  for (const json& checkpoint : fixture["checkpoints"]) {
    const int epoch = checkpoint["epoch"].get<int>();
    training->advance(epoch * epoch_steps - training->step());
    REQUIRE(training->step() == epoch * epoch_steps);
    const std::vector<double> expected = flatten(checkpoint["params"]);
    const Vector& actual = training->parameters();
    REQUIRE(actual.size() == Eigen::Index(expected.size()));
    double worst = 0.0;
    for (std::size_t i = 0; i < expected.size(); ++i)
      worst = std::max(worst, std::abs(actual[Eigen::Index(i)] - expected[i]) /
                                  std::max(std::abs(expected[i]), 1e-300));
    INFO("epoch " << epoch << ": largest relative difference " << worst);
    CHECK(worst < 1e-12);
    CHECK(training->current().loss == Approx(checkpoint["train_loss"].get<double>()).epsilon(1e-12));
    ++checked;
  }
  CHECK(checked == 3);
}
