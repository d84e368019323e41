#include "data.hpp"
#include "random.hpp"
#include "scenario.hpp"

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

TEST_CASE("the same seed gives the same data and initial parameters; another seed differs") {
  auto parse = [](int seed) {
    return *parse_scenario(R"({"seed": )" + std::to_string(seed) + R"(, "data": {"kind": "spiral", "points": 100, "noise": 0.2},
      "model": {"inputs": 2, "layers": [{"units": 8}, {"units": 1}]}})");
  };
  for (const std::string& kind : dataset_kinds()) {
    if (kind == "inline") continue;
    DataSpec spec;
    spec.kind = kind;
    spec.points = 50;
    spec.noise = 0.1;
    const Dataset a = make_dataset(spec, 3), b = make_dataset(spec, 3), c = make_dataset(spec, 4);
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

