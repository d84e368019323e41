// Residual layers (LayerSpec::skip, scenario field model.layers[i].skip): the gradient and
// the Hessian-vector product against finite differences as in network.test.cpp, the
// forward pass against the formula, and the scenario's refusal of mismatched widths. Kept
// apart from network.test.cpp so the two can change independently.
#include "curvature/curvature.hpp"
#include "input/scenario.hpp"
#include "landscape/landscape.hpp"
#include "model/network.hpp"
#include "numerics/portable_math.hpp"
#include "numerics/random.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace landscape;
using namespace landscape::testing;

namespace {

// 2-2(skip)-3(no skip)-3(skip)-outputs: a residual first layer (inputs = units), a plain
// layer that changes the width, a residual hidden layer; 7 seeded points.
NetworkObjective residual_network(Activation hidden, LossKind loss, bool neuron, int outputs,
                                  std::uint64_t seed) {
  Random rng(seed);
  Dataset data;
  data.x.resize(7, 2);
  data.y = Matrix::Zero(7, outputs);
  // data.x is (7, 2), data.y is (7, outputs): one-hot rows for cross-entropy
  for (int i = 0; i < 7; ++i) {
    data.x(i, 0) = rng.uniform(-1.5, 1.5);
    data.x(i, 1) = rng.uniform(-1.5, 1.5);
    if (loss == LossKind::cross_entropy)
      data.y(i, int(rng.below(std::uint64_t(outputs)))) = 1.0;
    else
      for (int k = 0; k < outputs; ++k) data.y(i, k) = rng.uniform(-1, 1);
  }
  NetworkSpec spec{
      2, {{2, hidden, true, true}, {3, hidden, true}, {3, hidden, false, true}, {outputs, hidden, true}}};
  return NetworkObjective(spec, loss, data, AddedNeuronSpec{neuron, 0.07});
}

} // namespace

TEST_CASE(
    "residual layers: the gradient matches central finite differences (every activation, loss, neuron)") {
  const Activation activations[] = {Activation::linear, Activation::tanh, Activation::sigmoid,
                                    Activation::relu, Activation::sine};
  std::uint64_t seed = 300;
  for (Activation activation : activations)
    for (LossKind loss : {LossKind::squared, LossKind::cross_entropy})
      for (bool neuron : {false, true}) {
        const int outputs = loss == LossKind::cross_entropy ? 3 : 2;
        NetworkObjective f = residual_network(activation, loss, neuron, outputs, ++seed);
        Random rng(seed);
        const Vector x = random_vector(f.dimension(), rng);
        Vector gradient;
        f.value_and_gradient(x, gradient);
        INFO(to_string(activation) << ", " << to_string(loss) << (neuron ? ", with neuron" : ""));
        CHECK(relative_error(gradient, finite_difference_gradient(f, x)) < 1e-6);
      }
}

TEST_CASE("residual layers: the Hessian-vector product matches finite differences of gradients") {
  const Activation activations[] = {Activation::linear, Activation::tanh, Activation::sigmoid,
                                    Activation::relu, Activation::sine};
  std::uint64_t seed = 400;
  for (Activation activation : activations)
    for (LossKind loss : {LossKind::squared, LossKind::cross_entropy})
      for (bool neuron : {false, true}) {
        const int outputs = loss == LossKind::cross_entropy ? 3 : 1;
        NetworkObjective f = residual_network(activation, loss, neuron, outputs, ++seed);
        Random rng(seed);
        const Vector x = random_vector(f.dimension(), rng);
        const Vector v = random_vector(f.dimension(), rng, 1.0);
        Vector hv;
        f.hessian_vector(x, v, hv);
        INFO(to_string(activation) << ", " << to_string(loss) << (neuron ? ", with neuron" : ""));
        CHECK(relative_error(hv, finite_difference_hessian_vector(f, x, v)) < 1e-6);
        // The eight-direction packs give the single products' bits, skip or not.
        Matrix columns;
        f.hessian_vectors(x, v, columns);
        CHECK((columns.col(0).array() == hv.array()).all());
      }
}

TEST_CASE("a residual layer computes h + f(W h + b)") {
  // 1-1(skip, tanh)-1(linear): y = v (x + tanh(w x + c)) + d.
  NetworkSpec spec{1, {{1, Activation::tanh, true, true}, {1, Activation::linear, true}}};
  Dataset data{Matrix::Constant(1, 1, 0.3), Matrix::Zero(1, 1)};
  NetworkObjective f(spec, LossKind::squared, data, {});
  Vector x(4);
  x << 1.5, -0.2, 0.7, 0.1; // w, c, v, d
  const double h = 0.3 + portable::tanh(1.5 * 0.3 - 0.2);
  CHECK(f.predict(x, data.x)(0, 0) == Approx(0.7 * h + 0.1).epsilon(1e-15));
  CHECK(f.layer_outputs(x, data.x)[0](0, 0) == h);
  // Without the skip the same parameters give v tanh(w x + c) + d.
  spec.layers[0].skip = false;
  NetworkObjective plain(spec, LossKind::squared, data, {});
  CHECK(plain.predict(x, data.x)(0, 0) == Approx(0.7 * (h - 0.3) + 0.1).epsilon(1e-15));
}

TEST_CASE("the scenario's skip field: accepted where the widths agree, refused naming the field where not") {
  const char* good = R"({"data": {"kind": "circle", "points": 20},
    "model": {"inputs": 2, "layers": [{"units": 2, "skip": true}, {"units": 4}, {"units": 4, "skip": true},
                                      {"units": 1}]}})";
  auto parsed = parse_scenario(good);
  REQUIRE(parsed.ok());
  CHECK(parsed->network.layers[0].skip);
  CHECK_FALSE(parsed->network.layers[1].skip);
  CHECK(parsed->network.residual(2));
  const char* bad = R"({"data": {"kind": "circle", "points": 20},
    "model": {"inputs": 2, "layers": [{"units": 4}, {"units": 3, "skip": true}, {"units": 1}]}})";
  auto refused = parse_scenario(bad);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error() ==
        "model.layers[1].skip: a residual layer needs as many units as inputs (3 units, 4 inputs)");
  const char* not_boolean = R"({"data": {"kind": "circle", "points": 20},
    "model": {"inputs": 2, "layers": [{"units": 2, "skip": 1}, {"units": 1}]}})";
  CHECK(parse_scenario(not_boolean).error() == "model.layers[0].skip: must be true or false");
}

TEST_CASE("rescaling refuses residual layers, whose identity path is not rescaled") {
  NetworkSpec spec{
      2, {{2, Activation::relu, true, true}, {2, Activation::relu, true}, {1, Activation::linear, true}}};
  const Vector theta = Vector::Ones(spec.parameter_count());
  CHECK_THAT(rescale_layers(spec, false, theta, 0, 2.0).error(), Catch::Contains("model.layers[0].skip"));
  spec.layers[0].skip = false;
  spec.layers[1].skip = true;
  CHECK_THAT(rescale_layers(spec, false, theta, 0, 2.0).error(), Catch::Contains("model.layers[1].skip"));
  spec.layers[1].skip = false;
  CHECK(rescale_layers(spec, false, theta, 0, 2.0).ok());
}
