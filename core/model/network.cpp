#include "model/network.hpp"

#include "input/messages.hpp"
#include "numerics/dual.hpp"
#include "numerics/kernels.hpp"
#include "numerics/portable_math.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <type_traits>

namespace landscape {

namespace {

template <class T> using RowMajorMat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

template <class T> T activate(Activation f, const T& z) {
  switch (f) {
  case Activation::linear: return z;
  case Activation::tanh: return portable::tanh(z);
  case Activation::sigmoid: return T(1.0) / (T(1.0) + portable::exp(-z));
  case Activation::relu: return z > T(0.0) ? z : T(0.0);
  case Activation::sine: return portable::sin(z);
  }
  return z;
}

// f'(z), written with the activation a = f(z) where that is cheaper. relu'(0) = 0.
template <class T> T activation_slope(Activation f, const T& z, const T& a) {
  switch (f) {
  case Activation::linear: return T(1.0);
  case Activation::tanh: return T(1.0) - a * a;
  case Activation::sigmoid: return a * (T(1.0) - a);
  case Activation::relu: return z > T(0.0) ? T(1.0) : T(0.0);
  case Activation::sine: return portable::cos(z);
  }
  return T(1.0);
}

// Applies f to n values at once: tanh, the common case, two lanes at a time (the vector
// tanh gives the scalar's bits, so this changes the speed only).
template <class T> void activate_all(Activation f, const T* z, T* a, std::size_t n) {
  for (std::size_t j = 0; j < n; ++j) a[j] = activate(f, z[j]);
}
void activate_all(Activation f, const double* z, double* a, std::size_t n) {
  if (f == Activation::tanh) return kernels::tanh(z, a, n);
  for (std::size_t j = 0; j < n; ++j) a[j] = activate(f, z[j]);
}

// delta *= f'(z), the switch outside the loop so that the loop vectorises; for double, tanh's
// loop in two-lane vectors (core/numerics/kernels.cpp, the same bits).
template <class T> void multiply_by_slope(Activation f, const T* z, const T* a, T* delta, std::size_t n) {
  switch (f) {
  case Activation::tanh:
    for (std::size_t j = 0; j < n; ++j) delta[j] *= T(1.0) - a[j] * a[j];
    return;
  default:
    for (std::size_t j = 0; j < n; ++j) delta[j] *= activation_slope(f, z[j], a[j]);
    return;
  }
}
void multiply_by_slope(Activation f, const double* z, const double* a, double* delta, std::size_t n) {
  if (f == Activation::tanh) return kernels::multiply_by_tanh_slope(a, delta, n);
  for (std::size_t j = 0; j < n; ++j) delta[j] *= activation_slope(f, z[j], a[j]);
}

// The three products of a layer, in matrices stored row-major with one point per row.
// Every output element is a sum in ascending order of its index (the first term being
// init). These plain loops serve Dual; for double, core/numerics/kernels.cpp gives the same bits
// with register tiles and SIMD across outputs.
//
// out (m x C) = init (1 x C, or zeros when null) + in (m x S) * M (S x C)
template <class T>
void affine(Eigen::Index m, Eigen::Index S, Eigen::Index C, const T* in, const T* M, const T* init, T* out) {
  for (Eigen::Index i = 0; i < m; ++i) {
    T* oi = out + i * C;
    const T* ii = in + i * S;
    for (Eigen::Index c = 0; c < C; ++c) oi[c] = init ? init[c] : T(0.0);
    for (Eigen::Index s = 0; s < S; ++s) {
      const T x = ii[s];
      const T* ms = M + s * C;
      for (Eigen::Index c = 0; c < C; ++c) oi[c] += ms[c] * x;
    }
  }
}
// g (R x C) += d^T (R x m) * a (m x C), summed over the points i in order; with from_zero
// the sums start at 0 instead of g's values.
template <class T>
void accumulate_outer(Eigen::Index m, Eigen::Index R, Eigen::Index C, const T* d, const T* a, T* g,
                      bool from_zero) {
  if (from_zero) std::fill(g, g + R * C, T(0.0));
  for (Eigen::Index i = 0; i < m; ++i)
    for (Eigen::Index r = 0; r < R; ++r)
      for (Eigen::Index c = 0; c < C; ++c) g[r * C + c] += d[i * R + r] * a[i * C + c];
}
// g (R) += the column sums of d (m x R), over the points i in order; from_zero as above.
template <class T> void accumulate_columns(Eigen::Index m, Eigen::Index R, const T* d, T* g, bool from_zero) {
  if (from_zero) std::fill(g, g + R, T(0.0));
  for (Eigen::Index i = 0; i < m; ++i)
    for (Eigen::Index r = 0; r < R; ++r) g[r] += d[i * R + r];
}

// The double versions: core/kernels.cpp.
void affine(Eigen::Index m, Eigen::Index S, Eigen::Index C, const double* in, const double* M,
            const double* init, double* out) {
  kernels::affine(m, S, C, in, M, init, out);
}
void accumulate_outer(Eigen::Index m, Eigen::Index R, Eigen::Index C, const double* d, const double* a,
                      double* g, bool from_zero) {
  kernels::accumulate_outer(m, R, C, d, a, g, from_zero);
}
void accumulate_columns(Eigen::Index m, Eigen::Index R, const double* d, double* g, bool from_zero) {
  kernels::accumulate_columns(m, R, d, g, from_zero);
}

// The forward pass through the layers, shared by evaluate() and predict(). z[l] and
// act[l + 1] are m x units_l, one point per row; input is the input (m x d_x). The
// buffers are kept between calls, one per layer so that each keeps its size: training
// calls this hundreds of thousands of times per second with the same shapes, and a buffer
// that grew again at every call (vector::resize zero-fills) cost a tenth of a small
// network's step.
template <class T> struct ForwardPass {
  std::vector<std::vector<T>> z, act; // act[0] is used only by number types other than double
  const T* input = nullptr;           // the input, m x d_x: xt's own numbers (while that xt lives), or act[0]
  std::vector<std::vector<T>> branch; // f(z[l]) of residual layers (act[l + 1] = act[l] + it)
  std::vector<std::vector<T>> wt;     // each layer's W transposed
  std::vector<Eigen::Index> weight_offset; // where each layer's W starts in theta
  Eigen::Index neuron_offset = 0;          // where (a, b, W) of the added neuron start
  Eigen::Index outputs = 0;
};

template <class T>
void forward(const NetworkSpec& net, const Matrix& xt, const T* theta, ForwardPass<T>& pass) {
  const Eigen::Index m = xt.cols(), dx = xt.rows();
  const int depth = static_cast<int>(net.layers.size());
  std::vector<std::vector<T>>& z = pass.z;
  std::vector<std::vector<T>>& act = pass.act;
  z.resize(std::size_t(depth));
  act.resize(std::size_t(depth + 1));
  pass.branch.resize(std::size_t(depth));
  // xt is d_x x m column-major: the points are already its rows in our layout. Doubles are
  // read in place; other number types (Dual) need a copy.
  if constexpr (std::is_same_v<T, double>) {
    pass.input = xt.data();
  } else {
    act[0].resize(std::size_t(xt.size()));
    for (Eigen::Index j = 0; j < xt.size(); ++j) act[0][std::size_t(j)] = T(xt.data()[j]);
    pass.input = act[0].data();
  }
  std::vector<Eigen::Index>& weight_offset = pass.weight_offset;
  weight_offset.assign(std::size_t(depth), 0);
  pass.wt.resize(std::size_t(depth));
  Eigen::Index offset = 0, fan_in = dx;
  for (int l = 0; l < depth; ++l) {
    const LayerSpec& layer = net.layers[std::size_t(l)];
    const Eigen::Index units = layer.units;
    const T* w = theta + offset; // units x fan_in, row-major
    weight_offset[std::size_t(l)] = offset;
    offset += units * fan_in;
    const T* bias = layer.bias ? theta + offset : nullptr;
    if (layer.bias) offset += units;
    std::vector<T>& wt = pass.wt[std::size_t(l)];
    wt.resize(std::size_t(units * fan_in));
    for (Eigen::Index u = 0; u < units; ++u)
      for (Eigen::Index k = 0; k < fan_in; ++k) wt[std::size_t(k * units + u)] = w[u * fan_in + k];
    std::vector<T>& zl = z[std::size_t(l)];
    zl.resize(std::size_t(units * m));
    const T* in = l == 0 ? pass.input : act[std::size_t(l)].data();
    affine(m, fan_in, units, in, wt.data(), bias, zl.data());
    std::vector<T>& out = act[std::size_t(l + 1)];
    out.resize(zl.size());
    if (net.residual(std::size_t(l))) {
      // h_{l+1} = h_l + f(z), elementwise: both are m x units.
      std::vector<T>& branch = pass.branch[std::size_t(l)];
      branch.resize(zl.size());
      activate_all(layer.activation, zl.data(), branch.data(), zl.size());
      for (std::size_t j = 0; j < zl.size(); ++j) out[j] = in[j] + branch[j];
    } else {
      activate_all(layer.activation, zl.data(), out.data(), zl.size());
    }
    fan_in = units;
  }
  pass.neuron_offset = offset;
  pass.outputs = fan_in;
}

// w_k.x_i + b_k, summed over j in order (the same bits in every build).
template <class T>
T neuron_exponent(const T* wn, const T& bias, const Matrix& xt, Eigen::Index i, Eigen::Index k) {
  const Eigen::Index dx = xt.rows();
  T exponent = bias;
  for (Eigen::Index j = 0; j < dx; ++j) exponent += wn[k * dx + j] * T(xt(j, i));
  return exponent;
}

// evaluate()'s buffers, reused from call to call like the forward pass's.
template <class T> struct Workspace : ForwardPass<T> {
  std::vector<T> q, e, shifted, carry;
  std::vector<std::vector<T>> delta; // dL/dz of each layer, m x units_l (the last starts as r)
};

// One per thread: evaluate() does not recurse, and objectives are const and shared. After a
// call, its q holds that call's outputs (m x d_y, with the added neuron's).
template <class T> Workspace<T>& workspace() {
  thread_local Workspace<T> ws;
  return ws;
}

// The one forward/backward pass. T is double (value, gradient) or Dual (the tangent of
// the gradient is H v). Every sum runs in a fixed sequential order (no SIMD reductions,
// whose order differs between the native and the wasm build), so the result is
// bit-identical natively and in wasm. xt is d_x x m, yt is d_y x m (column-major, one
// point per column); the layers' matrices are m x units, one point per row.
template <class T>
T evaluate(const NetworkSpec& net, LossKind loss, const Matrix& xt, const Matrix& yt, bool with_neuron,
           double lambda, const Regularization& penalty, const T* theta, T* gradient) {
  const Eigen::Index m = xt.cols(), dx = xt.rows();
  const int depth = static_cast<int>(net.layers.size());

  Workspace<T>& ws = workspace<T>();
  forward(net, xt, theta, ws);
  const std::vector<std::vector<T>>& z = ws.z;
  const std::vector<std::vector<T>>& act = ws.act;
  const std::vector<Eigen::Index>& weight_offset = ws.weight_offset;
  const Eigen::Index offset = ws.neuron_offset;
  const Eigen::Index dy = ws.outputs;
  std::vector<T>& q = ws.q; // m x d_y
  q.assign(act[std::size_t(depth)].begin(), act[std::size_t(depth)].end());

  // Added neuron: g_k(x_i) = a_k exp(w_k.x_i + b_k); e is m x d_y.
  std::vector<T>& e = ws.e;
  const T* a = theta + offset;
  const T* wn = theta + offset + 2 * dy; // d_y x d_x, row-major
  if (with_neuron) {
    const T* bn = theta + offset + dy;
    e.resize(std::size_t(dy * m));
    for (Eigen::Index i = 0; i < m; ++i)
      for (Eigen::Index k = 0; k < dy; ++k) {
        e[i * dy + k] = portable::exp(neuron_exponent(wn, bn[k], xt, i, k));
        q[i * dy + k] += a[k] * e[i * dy + k];
      }
  }

  // Loss and r = dL/dq (m x d_y), already divided by m.
  const double inv_m = 1.0 / static_cast<double>(m);
  T value(0.0);
  ws.delta.resize(std::size_t(depth));
  std::vector<T>& r = ws.delta[std::size_t(depth - 1)];
  r.resize(std::size_t(dy * m));
  if (loss == LossKind::cross_entropy) {
    std::vector<T>& shifted = ws.shifted;
    shifted.resize(static_cast<std::size_t>(dy));
    for (Eigen::Index i = 0; i < m; ++i) {
      const T* qi = q.data() + i * dy;
      // log-sum-exp shifted by the column max: identical value, no overflow.
      T shift = qi[0];
      for (Eigen::Index k = 1; k < dy; ++k)
        if (qi[k] > shift) shift = qi[k];
      T total(0.0), target_mass(0.0), target_dot(0.0);
      for (Eigen::Index k = 0; k < dy; ++k) {
        shifted[k] = portable::exp(qi[k] - shift);
        total += shifted[k];
        target_mass += T(yt(k, i));
        target_dot += T(yt(k, i)) * qi[k];
      }
      value += (target_mass * (shift + portable::log(total)) - target_dot) * T(inv_m);
      for (Eigen::Index k = 0; k < dy; ++k)
        r[i * dy + k] = (shifted[k] / total * target_mass - T(yt(k, i))) * T(inv_m);
    }
  } else {
    const double scale = loss == LossKind::squared ? 1.0 : 0.5;
    for (Eigen::Index i = 0; i < m; ++i)
      for (Eigen::Index k = 0; k < dy; ++k) {
        const T diff = q[i * dy + k] - T(yt(k, i));
        value += T(scale * inv_m) * (diff * diff);
        r[i * dy + k] = diff * T(2.0 * scale * inv_m);
      }
  }
  if (with_neuron)
    for (Eigen::Index k = 0; k < dy; ++k) value += T(0.5 * lambda) * (a[k] * a[k]);
  // Weight penalty: sum over every layer's W (not the biases, not the neuron).
  if (penalty.kind != Regularization::Kind::none) {
    T sum(0.0);
    Eigen::Index in_units = dx;
    for (int l = 0; l < depth; ++l) {
      const T* w = theta + weight_offset[l];
      const Eigen::Index count = Eigen::Index(net.layers[l].units) * in_units;
      for (Eigen::Index j = 0; j < count; ++j)
        sum +=
            penalty.kind == Regularization::Kind::l1 ? (w[j] < T(0.0) ? -w[j] : w[j]) : T(0.5) * w[j] * w[j];
      in_units = net.layers[l].units;
    }
    value += T(penalty.rate) * sum;
  }
  if (gradient == nullptr) return value;

  // Backward through the added neuron.
  if (with_neuron) {
    T* ga = gradient + offset;
    T* gb = gradient + offset + dy;
    T* gw = gradient + offset + 2 * dy;
    for (Eigen::Index k = 0; k < dy; ++k) {
      ga[k] = T(0.0);
      gb[k] = T(0.0);
      for (Eigen::Index j = 0; j < dx; ++j) gw[k * dx + j] = T(0.0);
    }
    for (Eigen::Index i = 0; i < m; ++i)
      for (Eigen::Index k = 0; k < dy; ++k) {
        const T re = r[i * dy + k] * e[i * dy + k];
        ga[k] += re;
        const T dexponent = a[k] * re; // dL/d(w_k.x_i + b_k)
        gb[k] += dexponent;
        for (Eigen::Index j = 0; j < dx; ++j) gw[k * dx + j] += dexponent * T(xt(j, i));
      }
    for (Eigen::Index k = 0; k < dy; ++k) ga[k] += a[k] * T(lambda);
  }

  // Backward through the layers. delta = dL/dz of the current layer, m x units.
  for (int l = depth - 1; l >= 0; --l) {
    std::vector<T>& delta = ws.delta[std::size_t(l)]; // the last layer's starts as r
    const LayerSpec& layer = net.layers[std::size_t(l)];
    const Eigen::Index units = layer.units;
    const Eigen::Index in_units = l == 0 ? dx : net.layers[std::size_t(l - 1)].units;
    // A residual layer passes dL/dh_{l+1} to h_l unchanged too (carry), and its slope is
    // that of the branch f(z), not of h_{l+1}.
    const bool residual = net.residual(std::size_t(l));
    if (residual && l > 0) ws.carry.assign(delta.begin(), delta.end());
    const T* activated = residual ? ws.branch[std::size_t(l)].data() : act[std::size_t(l + 1)].data();
    multiply_by_slope(layer.activation, z[std::size_t(l)].data(), activated, delta.data(), delta.size());
    T* gw = gradient + weight_offset[std::size_t(l)];
    T* gbias = layer.bias ? gw + units * in_units : nullptr;
    const T* w_layer = theta + weight_offset[std::size_t(l)];
    // d/dw of the penalty first (sign(0) = 0 for l1), then the data's sums; without a penalty
    // the sums start at zero.
    const Eigen::Index weights = units * in_units;
    switch (penalty.kind) {
    case Regularization::Kind::none: break;
    case Regularization::Kind::l2:
      for (Eigen::Index j = 0; j < weights; ++j) gw[j] = T(penalty.rate) * w_layer[j];
      break;
    case Regularization::Kind::l1:
      for (Eigen::Index j = 0; j < weights; ++j)
        gw[j] = w_layer[j] > T(0.0) ? T(penalty.rate) : (w_layer[j] < T(0.0) ? T(-penalty.rate) : T(0.0));
      break;
    }
    accumulate_outer(m, units, in_units, delta.data(), l == 0 ? ws.input : act[std::size_t(l)].data(), gw,
                     penalty.kind == Regularization::Kind::none);
    if (gbias) accumulate_columns(m, units, delta.data(), gbias, true);
    if (l == 0) break;
    // dL/da of the layer below: delta W, summed over this layer's units in order.
    std::vector<T>& delta_in = ws.delta[std::size_t(l - 1)];
    delta_in.resize(std::size_t(in_units * m));
    affine(m, units, in_units, delta.data(), w_layer, static_cast<const T*>(nullptr), delta_in.data());
    if (residual)
      for (std::size_t j = 0; j < delta_in.size(); ++j) delta_in[j] += ws.carry[j]; // both m x units
  }
  return value;
}

} // namespace

std::string to_string(Activation activation) {
  switch (activation) {
  case Activation::linear: return "linear";
  case Activation::tanh: return "tanh";
  case Activation::sigmoid: return "sigmoid";
  case Activation::relu: return "relu";
  case Activation::sine: return "sine";
  }
  return "?";
}

std::string to_string(LossKind loss) {
  switch (loss) {
  case LossKind::squared: return "squared";
  case LossKind::half_squared: return "half_squared";
  case LossKind::cross_entropy: return "cross_entropy";
  }
  return "?";
}

const std::vector<std::string>& activation_names() {
  static const std::vector<std::string> names = {to_string(Activation::linear), to_string(Activation::tanh),
                                                 to_string(Activation::sigmoid), to_string(Activation::relu),
                                                 to_string(Activation::sine)};
  return names;
}

const std::vector<std::string>& loss_names() {
  static const std::vector<std::string> names = {
      to_string(LossKind::squared), to_string(LossKind::half_squared), to_string(LossKind::cross_entropy)};
  return names;
}

Eigen::Index NetworkSpec::parameter_count() const {
  Eigen::Index count = 0;
  Eigen::Index fan_in = inputs;
  for (const LayerSpec& layer : layers) {
    count += layer.units * fan_in + (layer.bias ? layer.units : 0);
    fan_in = layer.units;
  }
  return count;
}

NetworkObjective::NetworkObjective(NetworkSpec network, LossKind loss, Dataset data, AddedNeuronSpec neuron,
                                   Regularization regularization)
    : network_(std::move(network)), loss_(loss), data_(std::move(data)), neuron_(neuron),
      regularization_(regularization) {
  select_batch({});
}

void NetworkObjective::select_batch(std::span<const Eigen::Index> rows) {
  if (rows.empty()) {
    xt_ = data_.x.transpose();
    yt_ = data_.y.transpose();
    return;
  }
  // Plain loops: a batch of 10 points with 2 inputs is a copy of 30 numbers, where Eigen's
  // row-to-column expressions cost more than the copy itself.
  const Eigen::Index dx = data_.x.cols(), dy = data_.y.cols(), count = Eigen::Index(rows.size());
  xt_.resize(dx, count);
  yt_.resize(dy, count);
  for (Eigen::Index j = 0; j < count; ++j) {
    const Eigen::Index row = rows[std::size_t(j)];
    for (Eigen::Index k = 0; k < dx; ++k) xt_(k, j) = data_.x(row, k);
    for (Eigen::Index k = 0; k < dy; ++k) yt_(k, j) = data_.y(row, k);
  }
}

Eigen::Index NetworkObjective::dimension() const {
  const Eigen::Index dy = network_.outputs();
  return network_.parameter_count() + (neuron_.enabled ? dy * (2 + network_.inputs) : 0);
}

double NetworkObjective::value(const Vector& x) const {
  return evaluate<double>(network_, loss_, xt_, yt_, neuron_.enabled, neuron_.lambda, regularization_,
                          x.data(), nullptr);
}

double NetworkObjective::value_and_gradient(const Vector& x, Vector& gradient) const {
  gradient.resize(dimension());
  return evaluate<double>(network_, loss_, xt_, yt_, neuron_.enabled, neuron_.lambda, regularization_,
                          x.data(), gradient.data());
}

void NetworkObjective::hessian_vector(const Vector& x, const Vector& v, Vector& hv) const {
  const Eigen::Index n = dimension();
  std::vector<Dual> theta(n), gradient(n);
  for (Eigen::Index i = 0; i < n; ++i) theta[i] = Dual(x[i], v[i]);
  evaluate<Dual>(network_, loss_, xt_, yt_, neuron_.enabled, neuron_.lambda, regularization_, theta.data(),
                 gradient.data());
  hv.resize(n);
  for (Eigen::Index i = 0; i < n; ++i) hv[i] = gradient[i].d;
}

void NetworkObjective::hessian_vectors(const Vector& x, const Matrix& directions, Matrix& hv) const {
  // Eight directions per pass: enough to amortise the shared value computation, few enough
  // that a pack (72 bytes) keeps the passes' working set in cache.
  constexpr int kPack = 8;
  using Pack = DualPack<kPack>;
  const Eigen::Index n = dimension(), k = directions.cols();
  hv.resize(n, k);
  std::vector<Pack> theta(n), gradient(n);
  for (Eigen::Index first = 0; first < k; first += kPack) {
    const int width = int(std::min<Eigen::Index>(kPack, k - first));
    for (Eigen::Index i = 0; i < n; ++i) {
      theta[i] = Pack(x[i]);
      for (int j = 0; j < width; ++j) theta[i].d[j] = directions(i, first + j);
    }
    evaluate<Pack>(network_, loss_, xt_, yt_, neuron_.enabled, neuron_.lambda, regularization_, theta.data(),
                   gradient.data());
    for (int j = 0; j < width; ++j)
      for (Eigen::Index i = 0; i < n; ++i) hv(i, first + j) = gradient[i].d[j];
  }
}

double NetworkObjective::original_loss(const Vector& x) const {
  return evaluate<double>(network_, loss_, xt_, yt_, false, 0.0, {}, x.data(), nullptr);
}

double NetworkObjective::data_loss(const Vector& x) const {
  return evaluate<double>(network_, loss_, xt_, yt_, neuron_.enabled, 0.0, {}, x.data(), nullptr);
}

namespace {
// The outputs of evaluate()'s last call at `points` points (points x d_y).
void last_outputs(Eigen::Index points, Matrix& outputs) {
  const std::vector<double>& q = workspace<double>().q;
  const Eigen::Index dy = points > 0 ? Eigen::Index(q.size()) / points : 0;
  outputs = Eigen::Map<const RowMajorMat<double>>(q.data(), points, dy);
}
} // namespace

double NetworkObjective::value_gradient_and_outputs(const Vector& x, Vector& gradient,
                                                    Matrix& outputs) const {
  const double value = value_and_gradient(x, gradient);
  last_outputs(xt_.cols(), outputs);
  return value;
}

double NetworkObjective::data_loss_and_outputs(const Vector& x, Matrix& outputs) const {
  const double value = data_loss(x);
  last_outputs(xt_.cols(), outputs);
  return value;
}

Matrix NetworkObjective::predict(const Vector& x, const Matrix& inputs) const {
  const Matrix xt = inputs.transpose(); // d_x x rows
  ForwardPass<double> pass;
  forward(network_, xt, x.data(), pass);
  const Eigen::Index dy = pass.outputs;
  const std::vector<double>& q = pass.act.back(); // d_y x rows
  Matrix out(inputs.rows(), dy);
  const double* a = x.data() + pass.neuron_offset;
  for (Eigen::Index i = 0; i < inputs.rows(); ++i)
    for (Eigen::Index k = 0; k < dy; ++k) {
      out(i, k) = q[std::size_t(i * dy + k)];
      if (neuron_.enabled)
        out(i, k) += a[k] * portable::exp(neuron_exponent(a + 2 * dy, a[dy + k], xt, i, k));
    }
  return out;
}

std::vector<Matrix> NetworkObjective::layer_outputs(const Vector& x, const Matrix& inputs) const {
  ForwardPass<double> pass;
  forward(network_, Matrix(inputs.transpose()), x.data(), pass);
  std::vector<Matrix> layers;
  for (std::size_t l = 0; l < network_.layers.size(); ++l) {
    const Eigen::Index units = network_.layers[l].units;
    // act[l + 1] holds point i's units at i * units: a row-major rows x units block.
    layers.push_back(Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
        pass.act[l + 1].data(), inputs.rows(), units));
  }
  return layers;
}

namespace {
// w_k.x_i + b_k at every training point: m x d_y.
Matrix neuron_exponents(const NetworkSpec& net, const Dataset& data, const Vector& x) {
  const double* a = x.data() + net.parameter_count();
  const Eigen::Index dy = net.outputs();
  const Matrix xt = data.x.transpose();
  Matrix exponent(data.size(), dy);
  for (Eigen::Index i = 0; i < data.size(); ++i)
    for (Eigen::Index k = 0; k < dy; ++k) exponent(i, k) = neuron_exponent(a + 2 * dy, a[dy + k], xt, i, k);
  return exponent;
}
} // namespace

Matrix NetworkObjective::neuron_outputs(const Vector& x) const {
  const Eigen::Index dy = network_.outputs();
  if (!neuron_.enabled) return Matrix::Zero(data_.size(), dy);
  const double* a = x.data() + network_.parameter_count();
  Matrix out = neuron_exponents(network_, data_, x);
  for (Eigen::Index i = 0; i < out.rows(); ++i)
    for (Eigen::Index k = 0; k < dy; ++k) out(i, k) = a[k] * portable::exp(out(i, k));
  return out;
}

double NetworkObjective::max_exponent(const Vector& x) const {
  if (!neuron_.enabled) return -std::numeric_limits<double>::infinity();
  return neuron_exponents(network_, data_, x).maxCoeff();
}

MessagePart NetworkObjective::non_finite_reason(const Vector& x) const {
  if (!x.allFinite()) return {"reason_parameter", {}};
  if (neuron_.enabled) {
    const double top = max_exponent(x);
    if (!(top <= kMaxExponent)) {
      std::ostringstream out;
      out << top;
      return {"reason_neuron_exponent", {out.str()}};
    }
  }
  if (!std::isfinite(original_loss(x))) return {"reason_outputs_overflowed", {}};
  return {};
}

std::string NetworkObjective::explain_non_finite(const Vector& x) const {
  const MessagePart reason = non_finite_reason(x);
  return reason.code.empty() ? std::string() : english({reason});
}

} // namespace landscape
