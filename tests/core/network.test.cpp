#include "model/network.hpp"
#include "numerics/portable_math.hpp"
#include "numerics/random.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace landscape;
using namespace landscape::testing;

namespace {

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

TEST_CASE("dL~/db_k = a_k (dL~/da_k - lambda a_k) at random points") {
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

TEST_CASE("weight penalties: gradient and Hessian-vector product match finite differences, biases are free") {
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

namespace {
// The documented order of every sum, in plain scalar loops: z = b + sum_k W[u,k] a[k]
// (k ascending), dW = sum_i delta_i a_i^T and db = sum_i delta_i (i ascending), and
// dL/da = sum_u W[u,k] delta[u] (u ascending). The core's SIMD kernels must give the same
// bits, or native and wasm could drift apart once either changes.
double reference_value_and_gradient(const NetworkSpec& net, const Dataset& data, const Vector& theta,
                                    Vector& gradient) {
  const Eigen::Index m = data.size();
  const double inv_m = 1.0 / double(m);
  gradient = Vector::Zero(theta.size());
  double value = 0.0;
  std::vector<std::vector<Vector>> act{static_cast<std::size_t>(m)}; // per point, per layer
  for (Eigen::Index i = 0; i < m; ++i) {
    std::vector<Vector>& a = act[std::size_t(i)];
    a.push_back(data.x.row(i).transpose());
    Eigen::Index offset = 0, fan_in = net.inputs;
    for (const LayerSpec& layer : net.layers) {
      Vector z(layer.units);
      for (int u = 0; u < layer.units; ++u) {
        double s = layer.bias ? theta[offset + layer.units * fan_in + u] : 0.0;
        for (Eigen::Index k = 0; k < fan_in; ++k) s += theta[offset + u * fan_in + k] * a.back()[k];
        z[u] = portable::tanh(s);
      }
      offset += layer.units * fan_in + (layer.bias ? layer.units : 0);
      fan_in = layer.units;
      a.push_back(z);
    }
    for (Eigen::Index k = 0; k < net.outputs(); ++k) {
      const double diff = a.back()[k] - data.y(i, k);
      value += (0.5 * inv_m) * (diff * diff);
    }
  }
  std::vector<Vector> delta{static_cast<std::size_t>(m)};
  for (Eigen::Index i = 0; i < m; ++i) {
    delta[std::size_t(i)] = Vector(net.outputs());
    for (Eigen::Index k = 0; k < net.outputs(); ++k)
      delta[std::size_t(i)][k] = (act[std::size_t(i)].back()[k] - data.y(i, k)) * (2.0 * 0.5 * inv_m);
  }
  std::vector<Eigen::Index> offsets;
  Eigen::Index offset = 0, fan_in = net.inputs;
  for (const LayerSpec& layer : net.layers) {
    offsets.push_back(offset);
    offset += layer.units * fan_in + (layer.bias ? layer.units : 0);
    fan_in = layer.units;
  }
  for (int l = int(net.layers.size()) - 1; l >= 0; --l) {
    const LayerSpec& layer = net.layers[std::size_t(l)];
    const Eigen::Index in = l == 0 ? net.inputs : net.layers[std::size_t(l - 1)].units,
                       w0 = offsets[std::size_t(l)];
    for (Eigen::Index i = 0; i < m; ++i) {
      const Vector& out = act[std::size_t(i)][std::size_t(l + 1)];
      for (int u = 0; u < layer.units; ++u) delta[std::size_t(i)][u] *= 1.0 - out[u] * out[u];
    }
    for (int u = 0; u < layer.units; ++u)
      for (Eigen::Index k = 0; k < in; ++k)
        for (Eigen::Index i = 0; i < m; ++i)
          gradient[w0 + u * in + k] += delta[std::size_t(i)][u] * act[std::size_t(i)][std::size_t(l)][k];
    if (layer.bias)
      for (int u = 0; u < layer.units; ++u)
        for (Eigen::Index i = 0; i < m; ++i) gradient[w0 + layer.units * in + u] += delta[std::size_t(i)][u];
    for (Eigen::Index i = 0; i < m; ++i) {
      Vector below = Vector::Zero(in);
      for (Eigen::Index k = 0; k < in; ++k)
        for (int u = 0; u < layer.units; ++u) below[k] += theta[w0 + u * in + k] * delta[std::size_t(i)][u];
      delta[std::size_t(i)] = below;
    }
  }
  return value;
}
} // namespace

TEST_CASE("the vectorised value and gradient equal plain loops in the documented order, bit for bit") {
  // Widths and batch sizes that leave every tail of the kernels' tiles in use.
  const std::vector<NetworkSpec> nets = {
      {3, {{11, Activation::tanh, true}, {9, Activation::tanh, false}, {1, Activation::tanh, true}}},
      {2, {{32, Activation::tanh, true}, {32, Activation::tanh, true}, {2, Activation::tanh, true}}},
      {1, {{4, Activation::tanh, true}, {3, Activation::tanh, true}}},
      // TensorFlow Playground's default (2-4-2-1), and widths 5 to 7 (the four-column tiles).
      {2, {{4, Activation::tanh, true}, {2, Activation::tanh, true}, {1, Activation::tanh, true}}},
      {5, {{6, Activation::tanh, true}, {7, Activation::tanh, false}, {5, Activation::tanh, true}}}};
  Random rng(11);
  for (const NetworkSpec& net : nets) {
    for (const Eigen::Index m : {1, 2, 6, 7, 10, 13}) {
      Dataset data;
      data.x.resize(m, net.inputs);
      data.y.resize(m, net.outputs());
      for (Eigen::Index i = 0; i < data.x.size(); ++i) data.x.data()[i] = rng.uniform(-2, 2);
      for (Eigen::Index i = 0; i < data.y.size(); ++i) data.y.data()[i] = rng.uniform(-1, 1);
      const NetworkObjective f(net, LossKind::half_squared, data, {});
      const Vector theta = random_vector(f.dimension(), rng);
      Vector gradient, expected;
      const double value = f.value_and_gradient(theta, gradient);
      CHECK(value == reference_value_and_gradient(net, data, theta, expected));
      CHECK(gradient == expected);
    }
  }
}

TEST_CASE("the loss and its outputs from one pass: the same bits as the loss and predict() apart") {
  // A training record takes the loss, the gradient and the accuracy (the outputs) from one pass.
  for (const bool neuron : {false, true})
    for (const LossKind loss : {LossKind::half_squared, LossKind::cross_entropy}) {
      const NetworkObjective f =
          make_network(Activation::tanh, Activation::linear, loss, neuron, 3, neuron ? 17 : 18);
      Random rng(5);
      const Vector x = random_vector(f.dimension(), rng);
      Vector gradient, expected_gradient;
      Matrix outputs, loss_outputs;
      const double value = f.value_gradient_and_outputs(x, gradient, outputs);
      CHECK(value == f.value_and_gradient(x, expected_gradient));
      CHECK(gradient == expected_gradient);
      CHECK(outputs == f.predict(x, f.data().x));
      CHECK(f.data_loss_and_outputs(x, loss_outputs) == f.data_loss(x));
      CHECK(loss_outputs == outputs);
    }
}
