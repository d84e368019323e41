#include "network.hpp"
#include "random.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace landscape;
using namespace landscape::testing;

namespace {

Vector random_vector(Eigen::Index n, Random& rng, double scale = 0.7) {
  Vector v(n);
  for (Eigen::Index i = 0; i < n; ++i) v[i] = rng.normal(0.0, scale);
  return v;
}

// A 2-3-(outputs) network with the given activations, 7 points of seeded data.
NetworkObjective make_network(Activation hidden, Activation output, LossKind loss, bool neuron, int outputs,
                              std::uint64_t seed) {
  Random rng(seed);
  Dataset data;
  data.x.resize(7, 2);
  data.y = Matrix::Zero(7, outputs);
  for (int i = 0; i < 7; ++i) {
    data.x(i, 0) = rng.uniform(-1.5, 1.5);
    data.x(i, 1) = rng.uniform(-1.5, 1.5);
    if (loss == LossKind::cross_entropy)
      data.y(i, int(rng.below(std::uint64_t(outputs)))) = 1.0;
    else
      for (int k = 0; k < outputs; ++k) data.y(i, k) = rng.uniform(-1, 1);
  }
  NetworkSpec spec{2, {{3, hidden, true}, {outputs, output, true}}};
  return NetworkObjective(spec, loss, data, AddedNeuronSpec{neuron, 0.07});
}

} // namespace

TEST_CASE("the gradient matches central finite differences for every activation, loss and the added neuron") {
  const Activation activations[] = {Activation::linear, Activation::tanh, Activation::sigmoid,
                                    Activation::relu, Activation::sine};
  const LossKind losses[] = {LossKind::squared, LossKind::half_squared, LossKind::cross_entropy};
  std::uint64_t seed = 1;
  for (Activation activation : activations)
    for (LossKind loss : losses)
      for (bool neuron : {false, true}) {
        const int outputs = loss == LossKind::cross_entropy ? 3 : 2;
        // The activation under test sits in both layers (the output layer included).
        NetworkObjective f = make_network(activation, activation, loss, neuron, outputs, ++seed);
        Random rng(seed);
        const Vector x = random_vector(f.dimension(), rng);
        Vector gradient;
        f.value_and_gradient(x, gradient);
        INFO(to_string(activation) << ", " << to_string(loss) << (neuron ? ", with neuron" : ""));
        CHECK(relative_error(gradient, finite_difference_gradient(f, x)) < 1e-6);
      }
}

TEST_CASE("the Hessian-vector product matches finite differences of gradients") {
  const Activation activations[] = {Activation::linear, Activation::tanh, Activation::sigmoid,
                                    Activation::relu, Activation::sine};
  std::uint64_t seed = 100;
  for (Activation activation : activations)
    for (LossKind loss : {LossKind::squared, LossKind::cross_entropy})
      for (bool neuron : {false, true}) {
        const int outputs = loss == LossKind::cross_entropy ? 3 : 1;
        NetworkObjective f = make_network(activation, Activation::linear, loss, neuron, outputs, ++seed);
        Random rng(seed);
        const Vector x = random_vector(f.dimension(), rng);
        const Vector v = random_vector(f.dimension(), rng, 1.0);
        Vector hv;
        f.hessian_vector(x, v, hv);
        INFO(to_string(activation) << ", " << to_string(loss) << (neuron ? ", with neuron" : ""));
        CHECK(relative_error(hv, finite_difference_hessian_vector(f, x, v)) < 1e-6);
      }
}

TEST_CASE("dL~/db_k = a_k (dL~/da_k - lambda a_k) at random points (MATH 1.5, step 1)") {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const LossKind loss = seed % 2 ? LossKind::squared : LossKind::cross_entropy;
    const int outputs = loss == LossKind::cross_entropy ? 3 : 2;
    NetworkObjective f = make_network(Activation::tanh, Activation::linear, loss, true, outputs, seed);
    Random rng(seed * 7);
    const Vector x = random_vector(f.dimension(), rng);
    Vector g;
    f.value_and_gradient(x, g);
    const Eigen::Index n = f.network_parameter_count();
    for (int k = 0; k < outputs; ++k) {
      const double a = x[n + k], da = g[n + k], db = g[n + outputs + k];
      CHECK(db == Approx(a * (da - 0.07 * a)).epsilon(1e-10).margin(1e-15));
    }
  }
}

TEST_CASE("with a = 0 the augmented objective equals the original loss") {
  NetworkObjective f = make_network(Activation::tanh, Activation::linear, LossKind::squared, true, 2, 3);
  Random rng(3);
  Vector x = random_vector(f.dimension(), rng);
  const Eigen::Index n = f.network_parameter_count();
  x.segment(n, 2).setZero();
  CHECK(f.value(x) == Approx(f.original_loss(x)).epsilon(1e-15));
  CHECK(f.neuron_outputs(x).cwiseAbs().maxCoeff() == 0.0);
}

TEST_CASE("parameters follow the documented flat layout") {
  // 1-2-1: W1 (2x1), b1 (2), W2 (1x2) without output bias; then a, b, W of the neuron.
  NetworkSpec spec{1, {{2, Activation::relu, true}, {1, Activation::linear, false}}};
  Dataset data{Matrix::Constant(1, 1, 2.0), Matrix::Zero(1, 1)};
  NetworkObjective f(spec, LossKind::squared, data, AddedNeuronSpec{true, 0.1});
  REQUIRE(f.dimension() == 6 + 3);
  Vector x(9);
  x << 1.0, 0.5, 0.5, 0.2, 0.5, 0.3, /*a*/ 0.25, /*b*/ 0.1, /*w*/ -0.3;
  // f(2) = 0.5 relu(2 + 0.5) + 0.3 relu(1 + 0.2) + 0.25 exp(-0.6 + 0.1)
  const double expected = 0.5 * 2.5 + 0.3 * 1.2 + 0.25 * std::exp(-0.5);
  CHECK(f.predict(x, Matrix::Constant(1, 1, 2.0))(0, 0) == Approx(expected).epsilon(1e-15));
}

TEST_CASE("an overflowing exponent of the added neuron is reported, not a silent NaN") {
  NetworkSpec spec{1, {{1, Activation::linear, false}}};
  Dataset data{Matrix::Constant(1, 1, 1.0), Matrix::Zero(1, 1)};
  NetworkObjective f(spec, LossKind::squared, data, AddedNeuronSpec{true, 0.1});
  Vector x(4);
  x << 0.0, /*a*/ 1.0, /*b*/ 700.0, /*w*/ 20.0;
  CHECK_FALSE(std::isfinite(f.value(x)));
  CHECK_THAT(f.explain_non_finite(x), Catch::Contains("exponent w.x+b reached 720"));
}

TEST_CASE("weight penalties: gradient and Hessian-vector product match finite differences; biases are free") {
  for (auto kind : {Regularization::Kind::l1, Regularization::Kind::l2}) {
    Random rng(77);
    Dataset data;
    data.x.resize(6, 2);
    data.y.resize(6, 1);
    for (int i = 0; i < 6; ++i) {
      data.x.row(i) << rng.normal(), rng.normal();
      data.y(i, 0) = rng.normal();
    }
    NetworkSpec spec{2, {{3, Activation::tanh, true}, {1, Activation::linear, true}}};
    NetworkObjective f(spec, LossKind::squared, data, AddedNeuronSpec{true, 0.1}, Regularization{kind, 0.3});
    NetworkObjective bare(spec, LossKind::squared, data, AddedNeuronSpec{true, 0.1});
    const Vector x = random_vector(f.dimension(), rng);
    Vector g, hv;
    f.value_and_gradient(x, g);
    CHECK(relative_error(g, finite_difference_gradient(f, x)) < 1e-6);
    const Vector v = random_vector(f.dimension(), rng, 1.0);
    f.hessian_vector(x, v, hv);
    CHECK(relative_error(hv, finite_difference_hessian_vector(f, x, v)) < 1e-6);
    // The penalty is rate * sum|w| or rate/2 * sum w^2 over the 6 + 3 weights only.
    double expected = 0.0;
    for (int j : {0, 1, 2, 3, 4, 5, 9, 10, 11})
      expected += kind == Regularization::Kind::l1 ? std::abs(x[j]) : 0.5 * x[j] * x[j];
    CHECK(f.value(x) - bare.value(x) == Approx(0.3 * expected).epsilon(1e-12));
    CHECK(f.original_loss(x) == bare.original_loss(x));
  }
}
