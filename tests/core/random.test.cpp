#include "numerics/random.hpp"
#include "input/scenario.hpp"
#include "model/data.hpp"

#include <catch2/catch.hpp>

using namespace landscape;

TEST_CASE("the generator is seed-deterministic") {
  Random a(7), b(7), c(8);
  for (int i = 0; i < 100; ++i) {
    const auto x = a.next();
    CHECK(x == b.next());
    CHECK(x != c.next());
  }
}

TEST_CASE("uniform and normal draws have the right moments") {
  Random rng(1);
  double sum = 0, sum2 = 0, usum = 0;
  const int n = 200000;
  for (int i = 0; i < n; ++i) {
    const double z = rng.normal();
    sum += z;
    sum2 += z * z;
    const double u = rng.uniform();
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    usum += u;
  }
  CHECK(sum / n == Approx(0.0).margin(0.01));
  CHECK(sum2 / n == Approx(1.0).epsilon(0.01));
  CHECK(usum / n == Approx(0.5).epsilon(0.01));
}

TEST_CASE("the same seed gives the same data and initial parameters, another seed differs") {
  auto parse = [](int seed) {
    return *parse_scenario(R"({"seed": )" + std::to_string(seed) +
                           R"(, "data": {"kind": "spiral", "points": 100, "noise": 0.2},
      "model": {"inputs": 2, "layers": [{"units": 8}, {"units": 1}]}})");
  };
  for (const std::string& kind : dataset_kinds()) {
    if (kind == "inline") continue;
    DataSpec spec;
    spec.kind = kind;
    spec.points = 50;
    spec.noise = 0.1;
    const Dataset a = make_dataset(spec, 3).train, b = make_dataset(spec, 3).train,
                  c = make_dataset(spec, 4).train;
    INFO(kind);
    CHECK(a.x == b.x);
    CHECK(a.y == b.y);
    CHECK(a.x != c.x);
    CHECK(a.x.allFinite());
  }
  CHECK(initial_parameters(parse(5)) == initial_parameters(parse(5)));
  CHECK(initial_parameters(parse(5)) != initial_parameters(parse(6)));
  CHECK(scenario_dataset(parse(5)).x == scenario_dataset(parse(5)).x);
}

TEST_CASE("data.seed fixes the points while the scenario's seed draws other initial weights") {
  auto parse = [](int seed, const std::string& data_seed) {
    return *parse_scenario(R"({"seed": )" + std::to_string(seed) +
                           R"(, "data": {"kind": "spiral", "points": 100)" + data_seed +
                           R"(}, "model": {"inputs": 2, "layers": [{"units": 8}, {"units": 1}]}})");
  };
  CHECK(scenario_dataset(parse(5, ", \"seed\": 9")).x == scenario_dataset(parse(6, ", \"seed\": 9")).x);
  CHECK(scenario_dataset(parse(9, "")).x == scenario_dataset(parse(6, ", \"seed\": 9")).x);
  CHECK(initial_parameters(parse(5, ", \"seed\": 9")) != initial_parameters(parse(6, ", \"seed\": 9")));
  CHECK(parse_scenario(
            R"({"data": {"kind": "spiral", "seed": -1}, "model": {"inputs": 2, "layers": [{"units": 1}]}})")
            .error()
            .find("data.seed: must be an integer") != std::string::npos);
}

TEST_CASE("generated data are shuffled and split into disjoint training and test points") {
  DataSpec spec;
  spec.kind = "circle";
  spec.points = 200;
  spec.test_fraction = 0.3;
  const DataSplit split = make_dataset(spec, 9);
  CHECK(split.train.size() == 140);
  CHECK(split.test.size() == 60);
  // Both classes appear in both parts (the generator emits one class after the other).
  for (const Dataset* part : {&split.train, &split.test}) {
    CHECK(part->y.maxCoeff() == 1.0);
    CHECK(part->y.minCoeff() == -1.0);
  }
  for (Eigen::Index i = 0; i < split.test.size(); ++i)
    for (Eigen::Index j = 0; j < split.train.size(); ++j)
      REQUIRE(split.test.x.row(i) != split.train.x.row(j));
}

TEST_CASE("input features are computed from the raw coordinates in the listed order") {
  Matrix raw(1, 2);
  raw << 2.0, -3.0;
  const Matrix f = apply_features(raw, {"x1*x2", "x1^2", "x2^2", "sin(x1)", "sin(x2)", "x2", "x1"});
  CHECK(f(0, 0) == -6.0);
  CHECK(f(0, 1) == 4.0);
  CHECK(f(0, 2) == 9.0);
  CHECK(f(0, 3) == Approx(std::sin(2.0)).epsilon(1e-15));
  CHECK(f(0, 4) == Approx(std::sin(-3.0)).epsilon(1e-15));
  CHECK(f(0, 5) == -3.0);
  CHECK(f(0, 6) == 2.0);
  CHECK(apply_features(raw, {}) == raw);
}
