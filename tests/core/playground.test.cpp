// What the playground draws: every layer's activations over the input plane.
#include "model/network.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace landscape;

TEST_CASE("layer_outputs gives every unit's activation, the last layer is the network's output") {
  Dataset data;
  data.x = Matrix::Zero(1, 2);
  data.y = Matrix::Zero(1, 1);
  const NetworkObjective f({2, {{3, Activation::tanh, true}, {1, Activation::linear, true}}},
                           LossKind::half_squared, data, {});
  Vector theta(f.dimension());
  for (Eigen::Index i = 0; i < theta.size(); ++i) theta[i] = 0.1 * double(i + 1) * (i % 2 ? -1 : 1);
  Matrix inputs(4, 2);
  inputs << 0, 0, 1, -2, -3, 0.5, 2, 2;
  const std::vector<Matrix> layers = f.layer_outputs(theta, inputs);
  REQUIRE(layers.size() == 2);
  REQUIRE(layers[0].rows() == 4);
  REQUIRE(layers[0].cols() == 3);
  // Unit u of layer 0: tanh(W[u, 0] x1 + W[u, 1] x2 + b[u]); W row-major, then b.
  for (Eigen::Index i = 0; i < 4; ++i)
    for (Eigen::Index u = 0; u < 3; ++u)
      CHECK(layers[0](i, u) ==
            Approx(std::tanh(theta[2 * u] * inputs(i, 0) + theta[2 * u + 1] * inputs(i, 1) + theta[6 + u]))
                .epsilon(1e-14));
  CHECK((layers[1] - f.predict(theta, inputs)).norm() == 0.0);
}
