#include "portable_math.hpp"
#include "random.hpp"

#include <catch2/catch.hpp>

using namespace landscape;

TEST_CASE("portable exp, log, sin, cos and tanh agree with the C library to a few ulp") {
  Random rng(42);
  for (int i = 0; i < 20000; ++i) {
    const double x = rng.uniform(-30.0, 30.0);
    CHECK(portable::exp(x) == Approx(std::exp(x)).epsilon(1e-15));
    CHECK(portable::sin(x) == Approx(std::sin(x)).epsilon(1e-14).margin(1e-15));
    CHECK(portable::cos(x) == Approx(std::cos(x)).epsilon(1e-14).margin(1e-15));
    CHECK(portable::tanh(x / 10) == Approx(std::tanh(x / 10)).epsilon(1e-15).margin(1e-300));
    const double y = rng.uniform(1e-8, 1e8);
    CHECK(portable::log(y) == Approx(std::log(y)).epsilon(1e-15).margin(1e-15));
  }
  CHECK(portable::tanh(1e-20) == 1e-20);
  CHECK(portable::exp(710.0) == HUGE_VAL);
  CHECK(std::isnan(portable::sin(std::nan(""))));
}
