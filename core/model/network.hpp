// Why this file exists: the training loss of a multilayer perceptron, optionally
// wrapped with the added neuron of Kawaguchi & Kaelbling, as an Objective. One
// templated forward/backward pass gives the gradient in double and, run on dual
// numbers, the exact Hessian-vector product (forward-over-reverse): no finite
// differences and no second copy of the backpropagation code.
//
// Flat parameter layout (documented in docs/javascript.md, "Parameter layout"):
//   for each layer l: W_l (row-major, units_l x inputs_l), then b_l (units_l) if the layer has a bias;
//   then, when the added neuron is on: a (d_y), b (d_y), W (d_y x d_x, row-major).
#pragma once

#include "input/result.hpp"
#include "model/objective.hpp"

#include <span>
#include <string>
#include <vector>

namespace landscape {

enum class Activation { linear, tanh, sigmoid, relu, sine };
enum class LossKind {
  squared,      // l(q, y) = ||q - y||^2 (no 1/2: the tutorial's convention)
  half_squared, // l(q, y) = 1/2 ||q - y||^2 (TensorFlow Playground, deep linear nets)
  cross_entropy // softmax on the logits q, then -sum_k y_k log p_k
};

std::string to_string(Activation activation);
std::string to_string(LossKind loss);
// Every name to_string gives, in the enums' order: what the scenario schema accepts.
const std::vector<std::string>& activation_names();
const std::vector<std::string>& loss_names();

struct LayerSpec {
  int units = 1;
  Activation activation = Activation::tanh;
  bool bias = true;
  // Residual: h_{l+1} = h_l + f(W h_l + b), for a layer whose units equal its input width
  // (the scenario parser refuses other widths; the objective ignores such a flag rather
  // than read past a row).
  bool skip = false;
};

struct NetworkSpec {
  int inputs = 1;
  std::vector<LayerSpec> layers; // the last one is the output layer
  int outputs() const { return layers.empty() ? inputs : layers.back().units; }
  // Layer l's input width: inputs for the first layer, the previous layer's units after.
  int fan_in(std::size_t l) const { return l == 0 ? inputs : layers[l - 1].units; }
  // Whether layer l adds its input to its output (skip set and the widths agree).
  bool residual(std::size_t l) const { return layers[l].skip && layers[l].units == fan_in(l); }
  Eigen::Index parameter_count() const; // of the network alone, without the added neuron
};

struct Dataset {
  Matrix x; // m x d_x, one point per row
  Matrix y; // m x d_y, one target per row (one-hot rows for cross-entropy)
  Eigen::Index size() const { return x.rows(); }
};

struct AddedNeuronSpec {
  bool enabled = false;
  double lambda = 0.05; // weight of (lambda/2) ||a||^2
};

// A penalty on the layers' weights W (not on biases, not on the added neuron), as in
// TensorFlow Playground: l1 adds rate * sum |w| (its Hessian is zero off w = 0), l2 adds
// (rate / 2) * sum w^2.
struct Regularization {
  enum class Kind { none, l1, l2 } kind = Kind::none;
  double rate = 0.0;
};

// Exponents w.x+b above this overflow exp() in double precision.
inline constexpr double kMaxExponent = 709.0;

class NetworkObjective final : public Objective {
public:
  NetworkObjective(NetworkSpec network, LossKind loss, Dataset data, AddedNeuronSpec neuron,
                   Regularization regularization = {});

  Eigen::Index dimension() const override;
  double value(const Vector& x) const override;
  double value_and_gradient(const Vector& x, Vector& gradient) const override;
  void hessian_vector(const Vector& x, const Vector& v, Vector& hv) const override;
  void hessian_vectors(const Vector& x, const Matrix& directions, Matrix& hv) const override;
  std::string explain_non_finite(const Vector& x) const override;
  // The same reason as data (a part of a composed message, core/input/messages.hpp): its code
  // ("reason_parameter", "reason_neuron_exponent", "reason_outputs_overflowed") and args; an
  // empty code when nothing specific is known. explain_non_finite() is its English.
  MessagePart non_finite_reason(const Vector& x) const;

  const NetworkSpec& network() const { return network_; }
  LossKind loss() const { return loss_; }
  const Dataset& data() const { return data_; }
  const AddedNeuronSpec& neuron() const { return neuron_; }
  const Regularization& regularization() const { return regularization_; }
  Eigen::Index network_parameter_count() const { return network_.parameter_count(); }

  // L(theta) of the original network alone: no added neuron, no penalties.
  double original_loss(const Vector& x) const;
  // The data term alone (with the neuron when it is on; no penalties): the "loss" a
  // reader compares between training and test points.
  double data_loss(const Vector& x) const;
  // value_and_gradient() and data_loss() that also hand back the outputs at the selected points
  // (points x d_y): the numbers predict() gives for them, bit for bit, from the same forward
  // pass. A training record needs the loss and the accuracy of the same state; computing the
  // outputs again cost more than an epoch of TensorFlow Playground's default network.
  double value_gradient_and_outputs(const Vector& x, Vector& gradient, Matrix& outputs) const;
  double data_loss_and_outputs(const Vector& x, Matrix& outputs) const;
  // Network outputs (with the neuron when it is on) at the rows of inputs: rows x d_y.
  Matrix predict(const Vector& x, const Matrix& inputs) const;
  // Every layer's activations at the rows of inputs, one matrix (rows x units) per layer, the
  // last the network's output without the added neuron: what a playground draws per neuron.
  std::vector<Matrix> layer_outputs(const Vector& x, const Matrix& inputs) const;
  // g_k(x_i) = a_k exp(w_k.x_i + b_k) at every training point: m x d_y (zeros when off).
  Matrix neuron_outputs(const Vector& x) const;
  // max over i, k of w_k.x_i + b_k (-inf when the neuron is off).
  double max_exponent(const Vector& x) const;

  // Restrict value/gradient/Hessian to a subset of the training points (mini-batch SGD);
  // an empty list means all points. A view, not a vector: a step of a small network selects
  // its batch thousands of times a second, and the rows are copied into xt_, yt_ at once.
  void select_batch(std::span<const Eigen::Index> rows);

private:
  NetworkSpec network_;
  LossKind loss_;
  Dataset data_;
  AddedNeuronSpec neuron_;
  Regularization regularization_;
  Matrix xt_, yt_; // the selected points, one per column: d_x x m and d_y x m
};

} // namespace landscape
