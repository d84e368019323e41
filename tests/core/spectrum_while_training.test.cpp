// The claims of the "spectrum while training" widget (scenarios/spectrum-while-training.json),
// asserted on the core with the scenario's fixed seed: the reader sees exactly these runs.
#include "curvature/curvature.hpp"
#include "test_support.hpp"
#include "training/training.hpp"

#include <catch2/catch.hpp>

using namespace landscape;
using namespace landscape::testing;

namespace {
struct Snapshot {
  long long step;
  double loss;
  PointClassification point;
};

// The widget's loop: advance by log_every, then classify the point reached.
std::vector<Snapshot> watch(const std::string& kind, double learning_rate, double damping) {
  Scenario s = load_scenario("spectrum-while-training");
  s.optimizer.kind = kind;
  s.optimizer.learning_rate = learning_rate;
  s.optimizer.damping = damping;
  auto t = std::move(*Training::create(s));
  std::vector<Snapshot> snapshots;
  while (t->state() == TrainingState::running) {
    t->advance(s.log_every);
    snapshots.push_back({t->step(), t->current().loss, classify(t->objective(), t->parameters())});
  }
  return snapshots;
}
} // namespace

// Newton's method converging to the saddle and saddle-free Newton reaching a minimum, the
// widget's two long runs (30,000 steps with a dense Hessian each), are asserted on the wasm core
// in tests/wasm/long-runs.test.mjs: under the sanitizers they took six minutes each.

TEST_CASE("spectrum while training: gradient descent plateaus with negative curvature, the index falls with "
          "the loss") {
  const auto run = watch("gd", 0.1, 0.0);
  // While the loss is high (the plateaus near saddles) many directions lead down ...
  double high_loss_index = 0.0;
  for (const Snapshot& s : run)
    if (s.loss > 0.02) high_loss_index = std::max(high_loss_index, s.point.index);
  CHECK(high_loss_index >= 0.2);
  // ... and near the end none do: every eigenvalue is positive, in a minimum's basin.
  const Snapshot& end = run.back();
  CHECK(end.loss < 0.012);
  CHECK(end.point.negative == 0);
  CHECK(end.point.zero == 0);
  // The plateau: a long stretch of steps with a tiny gradient yet a loss far above the end.
  int plateau_snapshots = 0;
  for (const Snapshot& s : run)
    if (s.loss > 0.02 && s.point.gradient_norm < 2e-3) ++plateau_snapshots;
  CHECK(plateau_snapshots >= 5);
}
