#include "numerics/portable_math.hpp"
#include "numerics/kernels.hpp"
#include "numerics/random.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

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

TEST_CASE("tanh: within 2.5 ulp everywhere, odd, saturating to exactly +-1, and the same bits on two lanes") {
  Random rng(7);
  double worst = 0.0;
  for (int i = 0; i < 200000; ++i) {
    // Uniform on [-25, 25] and log-uniform down to 1e-12, where e^r - 1 must not cancel.
    const double x = i % 2 ? rng.uniform(-25.0, 25.0) : rng.uniform(-1.0, 1.0) * std::pow(10.0, -(i % 13));
    // The reference in long double (64-bit mantissa on x86), rounded to double last.
    const long double exact = std::tanh(static_cast<long double>(x));
    const double t = portable::tanh(x), expected = static_cast<double>(exact);
    const double ulp = std::nextafter(std::fabs(expected), 2.0) - std::fabs(expected);
    worst = std::max(worst, static_cast<double>(std::fabs(t - exact)) / ulp);
    CHECK(portable::tanh(-x) == -t);
    const simd::f64x2 lanes = portable::tanh(simd::pair(x, -0.5 * x));
    CHECK(lanes[0] == t);
    CHECK(lanes[1] == portable::tanh(-0.5 * x));
  }
  CHECK(worst < 2.5);
  CHECK(portable::tanh(19.5) == 1.0);
  CHECK(portable::tanh(-1e300) == -1.0);
  CHECK(portable::tanh(HUGE_VAL) == 1.0);
  CHECK(portable::tanh(0.0) == 0.0);
  CHECK(portable::tanh(5e-324) == 5e-324);
  CHECK(std::isnan(portable::tanh(std::nan(""))));
}

TEST_CASE(
    "the layer's tanh (eight lanes at a time, then two, then one) gives the scalar's bits at every length") {
  // Special values among ordinary ones, at every position of the eight-lane blocks and the tails.
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<double> specials = {
      0.0,  -0.0,  inf,   -inf, std::numeric_limits<double>::quiet_NaN(), 1e-300, -4e-320,
      19.9, -20.1, 710.0, 1e308};
  Random rng(7);
  for (std::size_t n = 0; n <= 27; ++n) {
    std::vector<double> z(n), a(n, 99.0);
    for (std::size_t j = 0; j < n; ++j)
      z[j] = j % 3 == 0 ? specials[(n + j) % specials.size()] : rng.uniform(-25.0, 25.0);
    kernels::tanh(z.data(), a.data(), n);
    for (std::size_t j = 0; j < n; ++j) {
      const double expected = portable::tanh(z[j]);
      std::uint64_t got_bits, expected_bits;
      std::memcpy(&got_bits, &a[j], sizeof got_bits);
      std::memcpy(&expected_bits, &expected, sizeof expected_bits);
      INFO("n = " << n << ", j = " << j << ", z = " << z[j]);
      CHECK(got_bits == expected_bits);
    }
  }
}
