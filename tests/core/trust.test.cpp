// "No way to wedge it or fool it": the reproducers of tests/fixtures/reproducers (inputs that
// once aborted, hung or printed NaN) now each give a message naming the field, and the
// resource limits (core/input/limits.hpp) refuse what the machine cannot do before allocating it.
#include "curvature/curvature.hpp"
#include "input/limits.hpp"
#include "input/text.hpp"
#include "test_support.hpp"
#include "training/training.hpp"

#include <catch2/catch.hpp>

#include <limits>
#include <nlohmann/json.hpp>

using namespace landscape;
using namespace landscape::testing;

namespace {
std::string reproducer(const std::string& name) {
  return read_text(std::string(LANDSCAPE_SOURCE_DIR) + "/tests/fixtures/reproducers/" + name);
}

// The playground's network on circle data with `units` per hidden layer and an optimizer.
std::string network(int points, std::vector<int> hidden, const std::string& optimizer) {
  nlohmann::json layers = nlohmann::json::array();
  for (int units : hidden) layers.push_back({{"units", units}});
  layers.push_back({{"units", 1}});
  return nlohmann::json{{"data", {{"kind", "circle"}, {"points", points}}},
                        {"model", {{"inputs", 2}, {"layers", layers}}},
                        {"loss", "half_squared"},
                        {"optimizer", {{"kind", optimizer}, {"learning_rate", 0.5}}},
                        {"steps", 1}}
      .dump();
}

// Zero value and gradient, and a Hessian with an infinite entry.
class InfiniteCurvature final : public Objective {
public:
  Eigen::Index dimension() const override { return 2; }
  double value(const Vector&) const override { return 0.0; }
  double value_and_gradient(const Vector&, Vector& gradient) const override {
    gradient = Vector::Zero(2);
    return 0.0;
  }
  void hessian_vector(const Vector&, const Vector& v, Vector& hv) const override {
    hv = v;
    hv[0] += std::numeric_limits<double>::infinity() * v[1];
  }
};
} // namespace

TEST_CASE("Newton and saddle-free Newton are capped at the dense-Hessian limit, naming optimizer.kind") {
  // 2-128-128-1: 17,025 parameters (a 2.3 GB Hessian once aborted the wasm module).
  auto big = parse_scenario(network(50, {128, 128}, "newton"));
  REQUIRE_FALSE(big);
  CHECK(big.error() ==
        "optimizer.kind: newton needs the dense Hessian, at most 2000 parameters (this network "
        "has 17,025); use gd, momentum or adam, or fewer units");
  CHECK_THAT(parse_scenario(network(50, {128, 128}, "saddle_free_newton")).error(),
             Catch::StartsWith("optimizer.kind: saddle_free_newton needs the dense Hessian"));
  for (const char* file :
       {"newton-66k-params-abort.json", "newton-1M-params-abort.json", "newton-8x32-one-step.json"}) {
    INFO(file);
    auto s = parse_scenario(reproducer(file));
    REQUIRE_FALSE(s);
    CHECK_THAT(s.error(), Catch::StartsWith("optimizer.kind: newton needs the dense Hessian, at most 2000"));
  }
  // The edge: 2-43-43-1 has 2,065 parameters, 2-42-42-1 1,975 (accepted; the same with gd).
  CHECK_FALSE(parse_scenario(network(50, {43, 43}, "newton")));
  CHECK(parse_scenario(network(50, {42, 42}, "newton")));
  CHECK(parse_scenario(network(50, {128, 128}, "gd")));
}

TEST_CASE("data x network memory is refused before allocating, naming data.points and model.layers") {
  auto huge = parse_scenario(network(100000, {1024, 1024}, "gd"));
  REQUIRE_FALSE(huge);
  CHECK_THAT(huge.error(),
             Catch::StartsWith("data.points: 100,000 points on a 2-1024-1024-1 network need about"));
  CHECK_THAT(huge.error(), Catch::Contains("512 MB"));
  CHECK_THAT(huge.error(), Catch::Contains("model.layers"));
  // The largest accepted count for this network is the one the message proposes.
  const std::string message = huge.error();
  const auto at = message.find("use at most ") + 12;
  std::string digits;
  for (char c : message.substr(at, message.find(' ', at) - at))
    if (c != ',') digits += c;
  const int most = std::stoi(digits);
  // (that many points would still be over the time limit of one pass: that is refused too)
  CHECK(std::string(parse_scenario(network(most + 1, {1024, 1024}, "gd")).error()).rfind("data.points:", 0) ==
        0);
  // Time: one pass over 2,000 points of 2-1024-1024-1 is 2.1e9 multiply-adds.
  auto slow = parse_scenario(network(2000, {1024, 1024}, "gd"));
  REQUIRE_FALSE(slow);
  CHECK_THAT(slow.error(), Catch::StartsWith("data.points: one pass over 2,000 points"));
  // The documented maxima alone still fit on a small network.
  CHECK(parse_scenario(network(100000, {8, 8}, "gd")));
  CHECK(parse_scenario(network(1000, {1024}, "adam")));
  // The dense Hessian's own memory and time on many points: refused for Newton.
  auto dense = parse_scenario(network(10000, {40, 40}, "newton"));
  REQUIRE_FALSE(dense);
  CHECK_THAT(dense.error(),
             Catch::StartsWith("optimizer.kind: newton needs the dense Hessian, which on 10,000"));
  CHECK(parse_scenario(network(10000, {40, 40}, "adam")));
}

TEST_CASE("the dense Hessian of 2000 parameters is computed; a wider one is refused with the limit") {
  auto s = parse_scenario(network(20, {42, 42}, "gd"));
  REQUIRE(s);
  auto t = std::move(*Training::create(*s));
  CHECK(t->parameters().size() == 1975);
  CHECK(check_dense_hessian(t->scenario(), t->parameters().size(), DenseHessianUse::spectrum).code.empty());
  auto three = parse_scenario(reproducer("hessian-3901-params.json"));
  REQUIRE(three);
  const Refusal refusal = check_dense_hessian(*three, 3901, DenseHessianUse::spectrum);
  CHECK(refusal.code == "spectrum_hessian_parameters");
  CHECK(english(refusal) ==
        "spectrum needs the dense Hessian, at most 2000 parameters (this network has 3,901); ask for "
        "extremes() instead");
}

TEST_CASE("a finite loss with a non-finite gradient is refused at the start, naming the quantity") {
  for (const char* file :
       {"nan-gradient-finite-loss.json", "nan-gradient-finite-loss-run.json", "nan-gradient-armijo.json"}) {
    INFO(file);
    auto s = parse_scenario(reproducer(file));
    REQUIRE(s);
    auto t = Training::create(*s);
    REQUIRE_FALSE(t);
    CHECK_THAT(t.error(), Catch::StartsWith("model.init: the initial gradient is not finite"));
    CHECK_THAT(t.error(), Catch::Contains("data.x"));
  }
}

TEST_CASE("training pauses when the gradient becomes non-finite, with the loss still finite") {
  // q = w x with x = 1e154, y = 0: the loss r^2 (r = w x) is finite up to r = 1.34e154, its gradient
  // 2 x r only up to r = 9e153. One step from w = -0.1 lands on w = 1.1 (r = 1.1e154) in between.
  Scenario s = *parse_scenario(R"({"data": {"kind": "inline", "x": [[1e154]], "y": [[0]]},
    "model": {"inputs": 1, "layers": [{"units": 1, "activation": "linear", "bias": false}],
              "init": {"kind": "params", "params": [-0.1]}},
    "loss": "squared", "optimizer": {"kind": "gd", "learning_rate": 6e-308}, "steps": 100, "log_every": 1})");
  auto t = std::move(*Training::create(s));
  const auto records = t->advance(100);
  CHECK(t->state() == TrainingState::diverged);
  CHECK_THAT(t->message(),
             Catch::StartsWith("training diverged at step 1: the gradient is not finite (the loss "
                               "is finite; its derivatives overflow"));
  CHECK(t->step() == 0);
  CHECK(t->parameters()[0] == -0.1);
  for (const LogRecord& r : records) {
    CHECK(std::isfinite(r.loss));
    CHECK(std::isfinite(r.grad_norm));
    CHECK(r.params.allFinite());
  }
}

TEST_CASE("the fuzzer's null-output reproducers now end with a message, never a NaN in a record", "[slow]") {
  for (const char* file : {"fuzz-00133-hessian-null-output.json", "fuzz-01796-hessian-null-output.json",
                           "fuzz-02936-run-null-output.json"}) {
    INFO(file);
    auto s = parse_scenario(reproducer(file));
    REQUIRE(s);
    auto created = Training::create(*s);
    if (!created) {
      CHECK_THAT(created.error(), Catch::StartsWith("model.init: "));
      continue;
    }
    Training& t = **created;
    while (t.state() == TrainingState::running) {
      for (const LogRecord& r : t.advance(1 << 16)) {
        REQUIRE(std::isfinite(r.loss));
        REQUIRE(std::isfinite(r.grad_norm));
        REQUIRE(std::isfinite(r.original_loss));
        REQUIRE(r.a.allFinite());
        REQUIRE(r.w.allFinite());
      }
    }
    if (t.state() == TrainingState::diverged) {
      CHECK_THAT(t.message(), Catch::StartsWith("training diverged"));
      continue;
    }
    auto spectrum = spectrum_json(t.objective(), t.parameters(), {}, loss_floor(t.scenario()));
    if (spectrum) {
      CHECK(spectrum->find("null") == std::string::npos);
    } else {
      CHECK_THAT(spectrum.error(), Catch::StartsWith("hessian: "));
    }
  }
}

TEST_CASE("curvature refuses a Hessian with non-finite entries instead of counting NaN as positive") {
  InfiniteCurvature f;
  auto text = spectrum_json(f, Vector::Zero(2));
  REQUIRE_FALSE(text);
  CHECK_THAT(text.error(), Catch::StartsWith("hessian: the Hessian has entries that are not finite"));
  // As data: the field and the code a page words it from (core/input/messages.cpp).
  CHECK(text.failure().field == "hessian");
  CHECK(text.failure().code == "hessian_entries_not_finite");
  Vector far = Vector::Zero(2);
  far[0] = std::numeric_limits<double>::quiet_NaN();
  auto at_nan = spectrum_json(f, far);
  REQUIRE_FALSE(at_nan);
  CHECK(at_nan.failure().code == "parameter_not_finite");
  CHECK(at_nan.error() == "hessian: a parameter is not finite");
}

TEST_CASE("messages echo input as one printable line: code points whole, controls escaped") {
  CHECK(printable("a\nb") == "a\\u000Ab");
  CHECK(printable("\x1b[2J") == "\\u001B[2J");
  CHECK(printable("caf\xc3\xa9") == "caf\xc3\xa9");
  CHECK(printable("caf\xc3") == "caf\\xC3"); // a cut sequence
  CHECK(printable("\xc2\x9b") == "\\u009B"); // C1 CSI
  CHECK(printable("\xc3\xa9\xc3\xa9\xc3\xa9", 5) == "\xc3\xa9\xc3\xa9...");
  auto two_lines = parse_scenario(reproducer("fuzz-02153-two-line-error.json"));
  REQUIRE_FALSE(two_lines);
  CHECK(two_lines.error().find('\n') == std::string::npos);
  CHECK_THAT(two_lines.error(), Catch::StartsWith("model.init.kind: unknown kind 'u\\u000Aiform'"));
  auto escape = parse_scenario(reproducer("terminal-escape-in-error.json"));
  REQUIRE_FALSE(escape);
  CHECK(escape.error().find('\x1b') == std::string::npos);
  CHECK(escape.error().find('\n') == std::string::npos);
  CHECK_THAT(escape.error(), Catch::StartsWith("model.layers[0].activation: unknown kind '\\u001B[2J"));
  // A syntax error next to a multi-byte character, and one whose token is cut mid-character.
  auto cut = parse_scenario(reproducer("fuzz-00003-wasm-status-abort.json"));
  REQUIRE_FALSE(cut);
  CHECK(printable(cut.error()) == cut.error());
  auto accents =
      parse_scenario("{\"name\": \"" + std::string(60, 'x') + "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9");
  REQUIRE_FALSE(accents);
  CHECK(printable(accents.error()) == accents.error());
  auto cut_token = parse_scenario("{\"name\": \"" + std::string(19, 'x') + "\xc3\xa9\xc3\xa9");
  REQUIRE_FALSE(cut_token);
  CHECK(printable(cut_token.error()) == cut_token.error());
  CHECK(cut_token.error().find("\\x") == std::string::npos);
}

TEST_CASE("a class label of 1e300 is refused naming its row (no float-to-int cast)") {
  auto s = parse_scenario(reproducer("one-hot-float-cast-ub.json"));
  REQUIRE_FALSE(s);
  CHECK(s.error() == "data.y[0]: class labels must be whole numbers from 0 to 2 (got 1e+300)");
}

TEST_CASE("a field of the input plane that would not fit in memory is refused naming n") {
  auto s = parse_scenario(network(100, {1024, 1024}, "gd"));
  REQUIRE(s);
  auto t = std::move(*Training::create(*s));
  auto field = input_plane_field(*t, 400, {-1, 1, -1, 1}, true);
  REQUIRE_FALSE(field);
  CHECK_THAT(field.error(), Catch::StartsWith("n: a field of 160000 points"));
  CHECK(input_plane_field(*t, 20, {-1, 1, -1, 1}, false));
}

TEST_CASE("a mini-batch run whose state overflows on all the points pauses at the last state checked there") {
  // Each step sees one point; the fourth makes the loss on all the points infinite. The run
  // must report only finite numbers, whether asked through advance() or current().
  for (long long chunk : {1LL, 3LL, 40LL}) {
    INFO("advanced " << chunk << " steps at a time");
    auto parsed = parse_scenario(reproducer("mini-batch-full-data-overflow.json"));
    REQUIRE(parsed);
    auto created = Training::create(*parsed);
    REQUIRE(created);
    Training& t = **created;
    while (t.state() == TrainingState::running) {
      for (const LogRecord& r : t.advance(chunk)) {
        REQUIRE(std::isfinite(r.loss));
        REQUIRE(std::isfinite(r.grad_norm));
        REQUIRE(to_json(r).find("null") == std::string::npos);
      }
      const LogRecord now = t.current();
      REQUIRE(std::isfinite(now.loss));
      REQUIRE(std::isfinite(now.grad_norm));
    }
    REQUIRE(t.state() == TrainingState::diverged);
    INFO(t.message());
    REQUIRE(t.message().rfind("training diverged", 0) == 0);
    REQUIRE(t.message().find("mini-batch") != std::string::npos);
    // The state it paused at is one checked on all the points: the start, here.
    REQUIRE(t.step() == 0);
    REQUIRE(t.parameters()[0] == 0.1);
  }
}

TEST_CASE("a classification run stuck with saturated tanh units says why, a converged one does not") {
  // The playground's circle at learning rate 10: the tanh output goes to +-1 on most points,
  // its derivative to 0, and the run sits still with points wrong and nothing diverging.
  nlohmann::json scenario = {{"seed", 1},
                             {"data", {{"kind", "circle"}, {"points", 200}, {"seed", 1}}},
                             {"problem", "classification"},
                             {"model",
                              {{"inputs", 2},
                               {"layers",
                                {{{"units", 4}, {"activation", "tanh"}},
                                 {{"units", 2}, {"activation", "tanh"}},
                                 {{"units", 1}, {"activation", "tanh"}}}},
                               {"init", {{"kind", "uniform"}, {"scale", 0.5}, {"bias", 0.1}}}}},
                             {"loss", "half_squared"},
                             {"optimizer", {{"kind", "sgd"}, {"learning_rate", 10.0}, {"batch_size", 10}}},
                             {"steps", 4000},
                             {"log_every", 20}};
  auto stuck = Training::create(*parse_scenario(scenario.dump()));
  REQUIRE(stuck);
  (*stuck)->advance(4000);
  const LogRecord r = (*stuck)->current();
  INFO("loss " << r.loss << ", gradient " << r.grad_norm << ", accuracy " << r.accuracy);
  REQUIRE(r.accuracy < 1.0);
  REQUIRE(r.note.rfind("stuck: the tanh ", 0) == 0);
  REQUIRE(r.note.find("gradient has vanished") != std::string::npos);
  REQUIRE(r.note.find("learning rate 10") != std::string::npos);
  REQUIRE(to_json(r).find("\"note\":\"stuck: ") != std::string::npos);
  // The same network at a learning rate that trains: no note.
  scenario["optimizer"]["learning_rate"] = 0.03;
  auto fine = Training::create(*parse_scenario(scenario.dump()));
  REQUIRE(fine);
  (*fine)->advance(4000);
  REQUIRE((*fine)->current().note.empty());
}
