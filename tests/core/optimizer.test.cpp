// Optimizers on the toy surfaces: how each behaves near a saddle.
#include "training/optimizer.hpp"
#include "curvature/curvature.hpp"
#include "model/surfaces.hpp"

#include <catch2/catch.hpp>

using namespace landscape;

namespace {
Surface surface(const std::string& name, double a = 1.0, double b = 1.0) {
  return **make_surface(name, a, b);
}
Vector point(double x, double y) { return (Vector(2) << x, y).finished(); }
Vector run(Optimizer& optimizer, const Objective& f, Vector x, int steps) {
  for (int i = 0; i < steps; ++i) optimizer.step(f, x);
  return x;
}
} // namespace

TEST_CASE(
    "5x^2 - y^2: one Newton step lands on the origin, one undamped saddle-free step maps (x, y) to (0, 2y)") {
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

TEST_CASE("(w1 w2 - 1)^2: Newton from (0.2, 0.1) converges to the saddle, damped SFN reaches the hyperbola") {
  const Surface f = surface("product");
  DampedNewton newton(1.0, 0.0);
  Vector p = point(0.2, 0.1);
  // By hand: H = [[0.02, -1.92], [-1.92, 0.08]], g = (-0.196, -0.392), so x1 = x0 - H^{-1} g.
  newton.step(f, p);
  CHECK(p[0] == Approx(-0.008510638297872353).epsilon(1e-12));
  CHECK(p[1] == Approx(-0.004255319148936176).epsilon(1e-12));
  int steps = 1;
  while (p.norm() > 1e-15 && steps < 20) newton.step(f, p), ++steps;
  CHECK(p.norm() <= 1e-15); // within 20 iterations (quadratic convergence: 3 here)
  SaddleFreeNewton sfn(1.0, 0.1);
  const Vector q = run(sfn, f, point(0.2, 0.1), 200);
  CHECK(f.value(q) < 1e-20);
  CHECK(q[0] == Approx(1.0015).margin(1e-4)); // (1.0015, 0.9985)
  CHECK(q[1] == Approx(0.9985).margin(1e-4));
}

TEST_CASE("gradient descent started on w1 = -w2 stays on it and converges to the saddle") {
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

TEST_CASE("momentum takes the hand-computed first two steps") {
  // 5x^2 - y^2, grad (10x, -2y), eta 0.1, mu 0.9 from (1, 1):
  // v1 = (-1, 0.2), x1 = (0, 1.2); v2 = 0.9 v1 - 0.1 (0, -2.4) = (-0.9, 0.42), x2 = (-0.9, 1.62).
  const Surface f = surface("saddle", 5.0, 1.0);
  Momentum momentum(0.1, 0.9);
  Vector x = point(1, 1);
  momentum.step(f, x);
  CHECK(x[0] == Approx(0.0).margin(1e-15));
  CHECK(x[1] == Approx(1.2).epsilon(1e-15));
  momentum.step(f, x);
  CHECK(x[0] == Approx(-0.9).epsilon(1e-15));
  CHECK(x[1] == Approx(1.62).epsilon(1e-15));
  momentum.reset(); // forgets the velocity: the next step is a plain gradient step
  x = point(1, 1);
  momentum.step(f, x);
  CHECK(x[1] == Approx(1.2).epsilon(1e-15));
}

TEST_CASE("adam takes the hand-computed first two steps") {
  // Same surface, eta 0.1, betas 0.9 / 0.999, eps 1e-8, from (1, 1). Step 1 is eta * sign(g)
  // up to eps; step 2 from the bias-corrected moments of g1 = (10, -2), g2 = (9, -2.2).
  const Surface f = surface("saddle", 5.0, 1.0);
  Adam adam(0.1, 0.9, 0.999, 1e-8);
  Vector x = point(1, 1);
  adam.step(f, x);
  CHECK(x[0] == Approx(0.9000000001).epsilon(1e-13));
  CHECK(x[1] == Approx(1.0999999995).epsilon(1e-13));
  adam.step(f, x);
  CHECK(x[0] == Approx(0.8004122278753567).epsilon(1e-13));
  CHECK(x[1] == Approx(1.200134775758703).epsilon(1e-13));
}

TEST_CASE("damped newton: a singular H + mu I leaves that direction alone, lambda < -mu still moves towards "
          "the saddle") {
  const Surface f = surface("saddle", 5.0, 1.0); // H = diag(10, -2)
  DampedNewton singular(1.0, 2.0);               // H + 2 I = diag(12, 0)
  Vector x = point(0.7, -0.4);
  singular.step(f, x);
  CHECK(x.allFinite());
  CHECK(x[0] == Approx(0.7 * 2.0 / 12.0).epsilon(1e-14));
  CHECK(x[1] == -0.4);
  DampedNewton indefinite(1.0, 0.5); // H + I/2 = diag(10.5, -1.5): y <- y (1 - (-2) / (-1.5)) = -y / 3
  x = point(0.7, -0.4);
  indefinite.step(f, x);
  CHECK(x[1] == Approx(0.4 / 3.0).epsilon(1e-14)); // closer to the saddle, i.e. uphill along y
}

TEST_CASE("perturbed gd draws its perturbations uniformly from the ball of radius r") {
  // A flat objective (gradient 0 everywhere) in 3-D: every step from the origin is a pure
  // perturbation xi. Uniform in the ball: ||xi|| <= r, E||xi||^2 = 3/5 r^2, mean 0, and
  // P(||xi|| <= r/2) = 1/8.
  const QuadraticObjective flat(Matrix::Zero(3, 3));
  PerturbedGradientDescent pgd(0.1, 2.0, 1e-3, 1, 17);
  const int samples = 20000;
  double squared = 0, inner = 0, largest = 0;
  Vector mean = Vector::Zero(3);
  for (int i = 0; i < samples; ++i) {
    Vector x = Vector::Zero(3);
    pgd.step(flat, x);
    squared += x.squaredNorm();
    inner += x.norm() <= 1.0;
    largest = std::max(largest, x.norm());
    mean += x;
  }
  CHECK(pgd.perturbations() == samples);
  CHECK(largest <= 2.0);
  CHECK(largest > 1.99);
  CHECK(squared / samples == Approx(0.6 * 4.0).epsilon(0.02));
  CHECK(inner / samples == Approx(0.125).margin(0.01));
  CHECK((mean / samples).norm() < 0.03);
}

TEST_CASE("perturbed gd perturbs only when the gradient is small, at most once per interval") {
  const QuadraticObjective flat(Matrix::Zero(2, 2));
  PerturbedGradientDescent pgd(0.1, 1e-3, 1e-3, 10, 5);
  Vector x = Vector::Zero(2);
  run(pgd, flat, x, 100);
  CHECK(pgd.perturbations() == 10); // at steps 1, 11, ..., 91
  // Far from critical points it is plain gradient descent, step for step.
  const Surface f = surface("saddle", 5.0, 1.0);
  PerturbedGradientDescent steep(0.05, 1e-3, 1e-3, 10, 5);
  GradientDescent gd(0.05);
  const Vector p = run(steep, f, point(1, 1), 20), q = run(gd, f, point(1, 1), 20);
  CHECK(steep.perturbations() == 0);
  CHECK(p == q);
}

TEST_CASE(
    "gradient descent stalls far longer at the degenerate three-layer origin than at the strict saddle") {
  // Both start 1e-3 from the origin along a descent direction; eta 0.1. The strict saddle
  // (lambda = -2) is left in about ln(1e3) / ln(1.2) ~ 38 steps; at the degenerate one the
  // gradient is ~ 6 s^2, so leaving takes ~ 1 / (6 eta s0) ~ 1,700 steps.
  auto steps_to_leave = [](const Surface& f, Vector x) {
    GradientDescent gd(0.1);
    int steps = 0;
    while (f.value(x) > 0.5 && steps < 100000) gd.step(f, x), ++steps;
    return steps;
  };
  const int strict = steps_to_leave(surface("product"), point(1e-3, 1e-3));
  const int degenerate = steps_to_leave(surface("product3"), point(1e-3, 0));
  CHECK(strict < 60);
  CHECK(degenerate > 1000);
  CHECK(degenerate < 100000);
}
