// Optimizers on the toy surfaces: how each behaves near a saddle (MATH.md 2.2, 2.6, 3.6).
#include "curvature.hpp"
#include "optimizer.hpp"
#include "surfaces.hpp"

#include <catch2/catch.hpp>

using namespace landscape;

namespace {
Surface surface(const std::string& name, double a = 1.0, double b = 1.0) { return **make_surface(name, a, b); }
Vector point(double x, double y) { return (Vector(2) << x, y).finished(); }
Vector run(Optimizer& optimizer, const Objective& f, Vector x, int steps) {
  for (int i = 0; i < steps; ++i) optimizer.step(f, x);
  return x;
}
} // namespace

TEST_CASE("5x^2 - y^2: one Newton step lands on the origin, one undamped saddle-free step maps (x, y) to (0, 2y)") {
  const Surface f = surface("saddle", 5.0, 1.0);
  for (const auto& [x, y] : {std::pair{0.7, -0.4}, std::pair{-3.0, 2.5}}) {
    DampedNewton newton(1.0, 0.0);
    Vector p = point(x, y);
    newton.step(f, p);
    CHECK(p.norm() < 1e-14);
    SaddleFreeNewton sfn(1.0, 0.0);
    Vector q = point(x, y);
    sfn.step(f, q);
    CHECK(q[0] == Approx(0.0).margin(1e-14));
    CHECK(q[1] == Approx(2 * y).epsilon(1e-14));
  }
}

TEST_CASE("(w1 w2 - 1)^2: Newton from (0.2, 0.1) converges to the saddle; damped SFN reaches the hyperbola") {
  const Surface f = surface("product");
  DampedNewton newton(1.0, 0.0);
  Vector p = point(0.2, 0.1);
  int steps = 0;
  while (p.norm() > 1e-10 && steps < 100) newton.step(f, p), ++steps;
  CHECK(p.norm() <= 1e-10);
  CHECK(steps <= 25); // MATH: 20 iterations
  SaddleFreeNewton sfn(1.0, 0.1);
  const Vector q = run(sfn, f, point(0.2, 0.1), 200);
  CHECK(q[0] * q[1] == Approx(1.0).margin(1e-6)); // MATH: (1.0015, 0.9985)
  CHECK(f.value(q) < 1e-10);
  CHECK(q[0] == Approx(1.0015).margin(0.01));
}

TEST_CASE("gradient descent started on w1 = -w2 stays on it and converges to the saddle (MATH 3.6)") {
  const Surface f = surface("product");
  GradientDescent gd(0.1);
  const Vector p = run(gd, f, point(0.5, -0.5), 200);
  CHECK(std::abs(p[0] + p[1]) < 1e-12);
  CHECK(p.norm() < 1e-6);
  GradientDescent nudged(0.1);
  const Vector q = run(nudged, f, point(0.5, -0.5 + 1e-6), 200);
  CHECK(q[0] == Approx(1.0).margin(1e-3));
  CHECK(q[1] == Approx(1.0).margin(1e-3));
}

TEST_CASE("perturbed gradient descent leaves the saddle's stable manifold for the minima") {
  const Surface f = surface("product");
  PerturbedGradientDescent pgd(0.1, 1e-3, 1e-3, 10, 0);
  const Vector p = run(pgd, f, point(0.5, -0.5), 2000);
  CHECK(std::abs(p[0] * p[1] - 1.0) < 1e-3);
  CHECK(pgd.perturbations() >= 1);
}

TEST_CASE("near a saddle: newton converges to it, saddle-free newton and perturbed gd leave, gd is slowed") {
  const Surface f = surface("product");
  const Vector start = point(0.05, -0.04); // near the saddle, off its stable manifold
  DampedNewton newton(1.0, 0.0);
  CHECK(run(newton, f, start, 50).norm() < 1e-8);
  SaddleFreeNewton sfn(1.0, 0.1);
  CHECK(f.value(run(sfn, f, start, 100)) < 1e-8);
  PerturbedGradientDescent pgd(0.1, 1e-3, 1e-3, 10, 3);
  CHECK(f.value(run(pgd, f, start, 1000)) < 1e-6);
  // gd needs more steps from near the saddle than from a start as far from the minima but off it.
  auto steps_to_minimum = [&](Vector x) {
    GradientDescent gd(0.1);
    int steps = 0;
    while (f.value(x) > 1e-6 && steps < 10000) gd.step(f, x), ++steps;
    return steps;
  };
  const int near = steps_to_minimum(start);
  const int far = steps_to_minimum(point(0.5, 0.4));
  CHECK(near < 10000);
  CHECK(near > 2 * far);
}

TEST_CASE("momentum and adam minimise Rosenbrock's valley towards (1, 1)") {
  const Surface f = surface("rosenbrock");
  Momentum momentum(1e-3, 0.9);
  const Vector p = run(momentum, f, point(-1.0, 1.0), 20000);
  CHECK((p - point(1, 1)).norm() < 1e-2);
  Adam adam(0.02, 0.9, 0.999, 1e-8);
  const Vector q = run(adam, f, point(-1.0, 1.0), 20000);
  CHECK((q - point(1, 1)).norm() < 1e-2);
}
