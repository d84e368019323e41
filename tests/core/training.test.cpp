// The tutorial's training experiments as assertions on the core (fixed data, no randomness).
#include "training/training.hpp"
#include "input/messages.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

using namespace landscape;
using namespace landscape::testing;

namespace {
std::vector<LogRecord> run_to_end(Training& t) {
  std::vector<LogRecord> records;
  while (t.state() == TrainingState::running) {
    auto batch = t.advance(1 << 20);
    records.insert(records.end(), batch.begin(), batch.end());
  }
  return records;
}
} // namespace

TEST_CASE("Example S: plain gradient descent stops at the strict bad minimum theta_b = 6.0398") {
  Scenario s = load_scenario("rescue");
  s.added_neuron.spec.enabled = false;
  s.steps = 4000;
  auto t = std::move(*Training::create(s));
  run_to_end(*t);
  const LogRecord end = t->current();
  CHECK(end.params[0] == Approx(6.0398).margin(1e-4));
  CHECK(end.original_loss == Approx(0.4306).margin(1e-4));
  CHECK(end.grad_norm < 1e-8);
  // Strict minimum: L'' = 1.859 > 0 (the exact Hessian-vector product along theta).
  Vector hv;
  t->objective().hessian_vector(t->parameters(), Vector::Ones(1), hv);
  CHECK(hv[0] == Approx(1.859).margin(1e-3));
}

TEST_CASE("Example S: the added neuron rescues theta to the global minimum and a -> 0") {
  for (double lambda : {0.01, 0.05, 0.1}) {
    INFO("lambda = " << lambda);
    Scenario s = load_scenario("rescue");
    s.added_neuron.spec.lambda = lambda;
    s.log_every = 10;
    auto t = std::move(*Training::create(s));
    const auto records = run_to_end(*t);
    REQUIRE(s.steps - s.added_neuron.start_step == 10000);
    const LogRecord end = t->current();
    CHECK(std::abs(end.params[0] - 4.0) < 1e-5);
    CHECK(end.original_loss < 1e-12);
    CHECK(std::abs(end.a[0]) < 1e-10);
    CHECK(std::isfinite(end.b[0]));
    CHECK(std::abs(end.w(0, 0)) < 5.0); // u ~ 3.2, b ~ -2.45: finite, not diverging
    double highest = 0.0, previous = INFINITY;
    bool non_increasing = true;
    for (const LogRecord& r : records) {
      const int since = r.step - s.added_neuron.start_step;
      if (since < 0) continue;
      highest = std::max(highest, r.original_loss);
      // The rescue's reference run logs these steps. In between, the fixed step (eta = 0.02) is at the edge
      // of stability: L~ spikes for a few steps near the barrier (docs/scenarios.md, "Rescue").
      if (since == 10 || since == 300 || since == 1000 || since == 3000 || since == 10000) {
        non_increasing = non_increasing && r.loss <= previous;
        previous = r.loss;
      }
    }
    CHECK(highest > 0.59); // theta climbs over the barrier of L at 5.29 ...
    CHECK(non_increasing); // ... while the trained objective falls
  }
}

TEST_CASE("Example S at lambda = 0.05 ends where the rescue's reference run does") {
  auto t = std::move(*Training::create(load_scenario("rescue")));
  run_to_end(*t);
  const LogRecord end = t->current();
  CHECK(end.loss < 1e-26);           // reference: 3.5e-28
  CHECK(std::abs(end.a[0]) < 1e-14); // reference: -3.8e-15
  CHECK(end.a[0] < 0.0);
  CHECK(end.w(0, 0) == Approx(3.231).margin(0.05)); // u
  CHECK(end.b[0] == Approx(-2.446).margin(0.05));
}

TEST_CASE("Example R: plain gradient descent stalls at loss 1/3 with x = -1 in the blind spot") {
  Scenario s = load_scenario("relu-blind-spot-fixed-step");
  s.added_neuron.spec.enabled = false;
  auto t = std::move(*Training::create(s));
  run_to_end(*t);
  const LogRecord end = t->current();
  CHECK(std::abs(end.original_loss - 1.0 / 3.0) < 1e-9);
  CHECK(end.grad_norm < 1e-10);
  // Pre-activations w_j (-1) + c_j of both units stay negative.
  CHECK(-end.params[0] + end.params[2] < 0.0);
  CHECK(-end.params[1] + end.params[3] < 0.0);
  CHECK(end.params[0] == Approx(1.17993).margin(1e-4));
  CHECK(end.params[4] == Approx(0.62885).margin(1e-4));
}

TEST_CASE("Example R with the neuron, Armijo: L~ -> 0 but the original loss stays at 1/3") {
  Scenario s = load_scenario("relu-blind-spot");
  REQUIRE(s.steps == 100000);
  auto t = std::move(*Training::create(s));
  run_to_end(*t);
  const LogRecord end = t->current();
  CHECK(end.loss < 1e-3);
  CHECK(end.original_loss > 0.3333);
  CHECK(end.original_loss < 0.3340);
  CHECK(end.neuron_output(0, 0) > 0.999); // g(-1) -> the residual there
  CHECK(end.a[0] < 0.05);
  const double scaled = end.a[0] * std::sqrt(4 * s.added_neuron.spec.lambda * end.elapsed_time);
  CHECK(scaled > 0.95); // a ~ (4 lambda T)^(-1/2)
  CHECK(scaled < 1.05);
  CHECK(end.max_exponent > 3.0); // the exponent at x = -1 (b - u) grows: a narrow bump
}

TEST_CASE("Example R with the neuron, fixed step: a stalls near sqrt(eta/m) = 0.0816") {
  auto t = std::move(*Training::create(load_scenario("relu-blind-spot-fixed-step")));
  run_to_end(*t);
  const LogRecord end = t->current();
  CHECK(end.a[0] > 0.080);
  CHECK(end.a[0] < 0.084);
  CHECK(end.original_loss > 0.3333);
}

namespace {
// The codes of a message's parts, in order.
std::vector<std::string> codes_of(const Error& error) {
  std::vector<std::string> codes;
  for (const MessagePart& part : error.parts) codes.push_back(part.code);
  return codes;
}
} // namespace

TEST_CASE(
    "a diverged run's message is data: coded parts whose templates, one after the other, are its English") {
  auto s = parse_scenario(R"({"data": {"kind": "inline", "x": [[1], [2]], "y": [[1], [-1]]},
    "model": {"inputs": 1, "layers": [{"units": 1, "activation": "linear"}], "init": {"kind": "params", "params": [1, 0]}},
    "optimizer": {"learning_rate": 10}, "steps": 1000, "log_every": 1})");
  REQUIRE(s.ok());
  auto t = std::move(*Training::create(*s));
  CHECK(t->outcome().parts.empty()); // nothing to say while it runs
  run_to_end(*t);
  REQUIRE(t->state() == TrainingState::diverged);
  const Error& outcome = t->outcome();
  INFO(outcome.message);
  REQUIRE(outcome.parts.size() >= 3);
  // What happened is the head (its code and args are the Error's); where it paused is the tail.
  CHECK((outcome.code == "diverged_at_step" || outcome.code == "diverged_after_step"));
  CHECK(outcome.code == outcome.parts.front().code);
  CHECK(outcome.args == outcome.parts.front().args);
  CHECK(outcome.parts.back().code == "paused_at_step");
  CHECK(outcome.parts.back().args == std::vector<std::string>{std::to_string(t->step())});
  CHECK(outcome.field.empty());
  for (const MessagePart& part : outcome.parts) CHECK(message_template(part.code) != nullptr);
  CHECK(english(outcome.parts) == t->message());
  CHECK(t->message().rfind("training diverged " +
                               std::string(outcome.code == "diverged_at_step" ? "at" : "after") + " step " +
                               outcome.args.at(0) + ": ",
                           0) == 0);

  // Told inside a larger outcome (a view's replay): the head, then the run's own parts.
  const Error replay = nested("replay", {{"training_diverged", {}}}, outcome);
  CHECK(replay.message == "replay: training diverged: " + t->message());
  CHECK(replay.code == "training_diverged");
  CHECK(replay.parts.size() == outcome.parts.size() + 1);
  // ... and inside a field: the field is extended, the parts are kept.
  const Error inner = inside("polish", replay);
  CHECK(inner.message == "polish.replay: training diverged: " + t->message());
  CHECK(inner.parts.size() == replay.parts.size());
}

TEST_CASE("a start that is not finite is refused as data, with why as a part") {
  auto exponent = parse_scenario(R"({"data": {"kind": "inline", "x": [[0.5], [1.0]], "y": [[0.1], [0.2]]},
    "model": {"inputs": 1, "layers": [{"units": 1, "activation": "sine", "bias": false}]},
    "added_neuron": {"enabled": true, "params": [1, 800, 1]}})");
  REQUIRE(exponent.ok());
  auto refused_start = Training::create(*exponent);
  REQUIRE(!refused_start.ok());
  const Error& loss = refused_start.failure();
  CHECK(loss.field == "model.init");
  CHECK(loss.code == "initial_loss_not_finite_because");
  CHECK(codes_of(loss) ==
        std::vector<std::string>{"initial_loss_not_finite_because", "reason_neuron_exponent"});
  CHECK(loss.parts.at(1).args == std::vector<std::string>{"801"});
  CHECK(loss.message ==
        "model.init: the initial loss is not finite: the added neuron's exponent w.x+b reached 801, "
        "past the largest that exp() can represent (about 709.8)");

  // A finite loss with a gradient that overflows (inputs near 1e308): one template, no parts.
  auto huge =
      parse_scenario(R"({"data": {"kind": "inline", "x": [[1e308], [1e308]], "y": [[-5e153], [5e153]]},
    "model": {"inputs": 1, "layers": [{"units": 1, "activation": "linear", "bias": false}], "init": {"kind": "zeros"}},
    "loss": "squared", "optimizer": {"kind": "gd", "learning_rate": 0.1}, "steps": 0})");
  REQUIRE(huge.ok());
  auto refused_gradient = Training::create(*huge);
  REQUIRE(!refused_gradient.ok());
  const Error& gradient = refused_gradient.failure();
  CHECK(gradient.code == "initial_gradient_not_finite");
  CHECK(gradient.parts.empty());
  CHECK(gradient.message == english(Refusal{gradient.field, gradient.code, gradient.args}));
  CHECK_THAT(gradient.message,
             Catch::StartsWith("model.init: the initial gradient is not finite (the loss is "));
}

TEST_CASE("diverging training pauses at the last finite state with a message") {
  auto s = parse_scenario(R"({"data": {"kind": "inline", "x": [[1], [2]], "y": [[1], [-1]]},
    "model": {"inputs": 1, "layers": [{"units": 1, "activation": "linear"}], "init": {"kind": "params", "params": [1, 0]}},
    "optimizer": {"learning_rate": 10}, "steps": 1000, "log_every": 1})");
  REQUIRE(s.ok());
  auto t = std::move(*Training::create(*s));
  const auto records = run_to_end(*t);
  CHECK(t->state() == TrainingState::diverged);
  CHECK_THAT(t->message(), Catch::Contains("diverged") && Catch::Contains("last finite state"));
  CHECK(t->parameters().allFinite());
  CHECK(std::isfinite(t->current().loss));
  CHECK(records.back().step == t->step());
  // The clock goes back with the parameters: elapsed time is the sum of the steps taken to the
  // paused state (fixed steps of 10), not one more.
  CHECK(t->current().elapsed_time == 10.0 * t->step());
  CHECK(records.back().elapsed_time == 10.0 * t->step());
  CHECK(t->advance(10).empty()); // paused: stays put
}

TEST_CASE("switching the neuron on keeps the network's parameters and starts a, b, W at zero") {
  Scenario s = load_scenario("rescue");
  s.steps = 4001;
  auto t = std::move(*Training::create(s));
  t->advance(4000);
  const double theta = t->parameters()[0];
  CHECK_FALSE(t->neuron_on());
  t->advance(1);
  CHECK(t->neuron_on());
  CHECK(t->parameters().size() == 4);
  CHECK(std::abs(t->parameters()[0] - theta) < 0.01);
}

TEST_CASE("Summary records carry the same figures as full ones, without the per-point arrays") {
  Scenario full = load_scenario("rescue");
  full.steps = 300;
  full.log_every = 50;
  Scenario summary = full;
  summary.log_arrays = false;
  auto a = std::move(*Training::create(full));
  auto b = std::move(*Training::create(summary));
  const auto with_arrays = run_to_end(*a);
  const auto without = run_to_end(*b);
  REQUIRE(with_arrays.size() == without.size());
  REQUIRE(without.size() == 7); // steps 0, 50, ..., 300
  for (std::size_t i = 0; i < without.size(); ++i) {
    CHECK(without[i].step == with_arrays[i].step);
    CHECK(without[i].loss == with_arrays[i].loss); // the same trajectory, bit for bit
    CHECK(without[i].grad_norm == with_arrays[i].grad_norm);
    CHECK(with_arrays[i].network_output.rows() == 3);
    CHECK(without[i].network_output.size() == 0);
    CHECK(without[i].params.size() == 0);
    CHECK(to_json(without[i]).find("network_output") == std::string::npos);
  }
  // The current state always reports everything.
  CHECK(b->current().params.size() == 1);
  CHECK(b->current().network_output.rows() == 3);
}

namespace {
// A record as nlohmann::ordered_json's dump() writes it: the reference the direct writer of
// to_json() must match character for character (the page, the CLI and the fixtures read it).
std::string record_by_library(const LogRecord& r) {
  const auto vector_json = [](const Vector& v) {
    nlohmann::json out = nlohmann::json::array();
    for (Eigen::Index i = 0; i < v.size(); ++i) out.push_back(v[i]);
    return out;
  };
  const auto matrix_json = [&](const Matrix& m) {
    nlohmann::json out = nlohmann::json::array();
    for (Eigen::Index i = 0; i < m.rows(); ++i) out.push_back(vector_json(m.row(i).transpose()));
    return out;
  };
  nlohmann::ordered_json j;
  j["step"] = r.step;
  j["loss"] = r.loss;
  j["original_loss"] = r.original_loss;
  j["grad_norm"] = r.grad_norm;
  j["step_size"] = r.step_size;
  j["elapsed_time"] = r.elapsed_time;
  if (std::isfinite(r.test_loss)) j["test_loss"] = r.test_loss;
  if (std::isfinite(r.accuracy)) j["accuracy"] = r.accuracy;
  if (std::isfinite(r.test_accuracy)) j["test_accuracy"] = r.test_accuracy;
  if (!r.note.empty()) j["note"] = r.note;
  if (r.neuron_enabled) {
    j["neuron_on"] = r.neuron_on;
    j["a"] = vector_json(r.a);
    j["b"] = vector_json(r.b);
    j["w"] = matrix_json(r.w);
    if (r.neuron_output.size() > 0) j["neuron_output"] = matrix_json(r.neuron_output);
    j["max_exponent"] = r.max_exponent;
  }
  if (r.network_output.size() > 0) j["network_output"] = matrix_json(r.network_output);
  if (r.params.size() > 0) j["params"] = vector_json(r.params);
  return j.dump();
}
} // namespace

TEST_CASE("a record's JSON is what the JSON library writes, for every key and every kind of number") {
  const double inf = std::numeric_limits<double>::infinity(), nan = std::numeric_limits<double>::quiet_NaN();
  LogRecord r;
  r.step = 123456;
  r.loss = 0.1 + 0.2;
  r.original_loss = 1e-310; // subnormal
  r.grad_norm = inf;        // null, as the library writes a non-finite number
  r.step_size = 0.0;
  r.elapsed_time = -2.5e21;
  r.test_loss = 3.0;
  r.accuracy = 0.5;
  r.test_accuracy = 1.0;
  r.note = "a \"quoted\" note\nwith a line break, a tab\t, a backslash \\ and λ";
  r.neuron_enabled = true;
  r.neuron_on = true;
  r.a = Vector::LinSpaced(3, -1.0, 1.0);
  r.b = Vector::Constant(3, nan);
  r.w = Matrix(3, 2);
  r.w << 1, -0.0, 1e-7, 123456789.125, -inf, 2.0 / 3.0;
  r.neuron_output = Matrix::Constant(4, 3, 0.3);
  r.max_exponent = 709.5;
  r.network_output = Matrix(4, 3);
  for (Eigen::Index i = 0; i < r.network_output.size(); ++i)
    r.network_output.data()[i] = std::pow(-3.1, double(i) - 6);
  r.params = Vector::LinSpaced(7, -1e-5, 1e5);
  CHECK(to_json(r) == record_by_library(r));

  // The keys that come and go: no test loss, no accuracies, no note, no neuron, no arrays.
  LogRecord plain;
  plain.loss = nan;
  plain.test_loss = nan;
  plain.accuracy = nan;
  plain.test_accuracy = nan;
  CHECK(to_json(plain) == record_by_library(plain));
  LogRecord neuron_only = r;
  neuron_only.neuron_output.resize(0, 0);
  neuron_only.network_output.resize(0, 0);
  neuron_only.params.resize(0);
  CHECK(to_json(neuron_only) == record_by_library(neuron_only));

  // And the records of a real run (the tutorial's rescue: the added neuron, notes, arrays).
  Scenario rescue = load_scenario("rescue");
  auto t = std::move(*Training::create(rescue));
  for (const LogRecord& record : run_to_end(*t)) CHECK(to_json(record) == record_by_library(record));
}

TEST_CASE("advance_for takes the steps advance takes, in chunks and within a time, and stops at max_steps") {
  Scenario s = load_scenario("rescue");
  auto whole = std::move(*Training::create(s));
  run_to_end(*whole);
  // Chunks of 37 steps with no time to spare: one chunk a call, many calls, the same run.
  auto chunked = std::move(*Training::create(s));
  int calls = 0;
  while (chunked->state() == TrainingState::running) {
    long long taken = 0;
    chunked->advance_for(-1, 37, 0.0, taken);
    CHECK(taken == 37);
    ++calls;
  }
  CHECK(calls > 100);
  CHECK(chunked->step() == whole->step());
  CHECK(chunked->parameters() == whole->parameters()); // bit for bit
  // max_steps bounds a call whatever the time left.
  auto bounded = std::move(*Training::create(s));
  long long taken = 0;
  bounded->advance_for(10, 3, 60.0, taken);
  CHECK(taken == 10);
  CHECK(bounded->step() == 10);
}
