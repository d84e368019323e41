#include "numerics/kernels.hpp"

#include "numerics/portable_math.hpp"
#include "numerics/simd.hpp"

#include <cstdint>
#include <cstring>

namespace landscape::kernels {

namespace {
namespace detail {
using simd::f64x2;

// P points x V column pairs of out, held in registers while s runs.
template <int P, int V>
inline void affine_tile(Eigen::Index S, Eigen::Index C, const double* in, const double* M, const double* init,
                        double* out) {
  f64x2 acc[P][V];
  for (int p = 0; p < P; ++p)
    for (int v = 0; v < V; ++v) acc[p][v] = init ? simd::load(init + 2 * v) : simd::broadcast(0.0);
  for (Eigen::Index s = 0; s < S; ++s) {
    f64x2 ms[V];
    for (int v = 0; v < V; ++v) ms[v] = simd::load(M + s * C + 2 * v);
    for (int p = 0; p < P; ++p) {
      const f64x2 x = simd::broadcast(in[p * S + s]);
      for (int v = 0; v < V; ++v) acc[p][v] += ms[v] * x;
    }
  }
  for (int p = 0; p < P; ++p)
    for (int v = 0; v < V; ++v) simd::store(out + p * C + 2 * v, acc[p][v]);
}
// The last column when C is odd: P independent scalar sums.
template <int P>
inline void affine_column(Eigen::Index S, Eigen::Index C, const double* in, const double* M,
                          const double* init, double* out) {
  double acc[P];
  for (int p = 0; p < P; ++p) acc[p] = init ? init[0] : 0.0;
  for (Eigen::Index s = 0; s < S; ++s)
    for (int p = 0; p < P; ++p) acc[p] += M[s * C] * in[p * S + s];
  for (int p = 0; p < P; ++p) out[p * C] = acc[p];
}
// P points, all columns: the widest tiles first (V pairs), then single pairs, then the odd one.
template <int P, int V>
inline void affine_rows(Eigen::Index S, Eigen::Index C, const double* in, const double* M, const double* init,
                        double* out) {
  const auto at = [&](Eigen::Index c) { return init ? init + c : nullptr; };
  Eigen::Index c = 0;
  for (; c + 2 * V <= C; c += 2 * V) affine_tile<P, V>(S, C, in, M + c, at(c), out + c);
  for (; c + 2 <= C; c += 2) affine_tile<P, 1>(S, C, in, M + c, at(c), out + c);
  if (c < C) affine_column<P>(S, C, in, M + c, at(c), out + c);
}
// P points at a time, then two (a batch of 10 in fours ends on two), then one.
template <int P, int V>
inline void affine_blocks(Eigen::Index m, Eigen::Index S, Eigen::Index C, const double* in, const double* M,
                          const double* init, double* out) {
  Eigen::Index i = 0;
  for (; i + P <= m; i += P) affine_rows<P, V>(S, C, in + i * S, M, init, out + i * C);
  if constexpr (P > 2)
    for (; i + 2 <= m; i += 2) affine_rows<2, V>(S, C, in + i * S, M, init, out + i * C);
  for (; i < m; ++i) affine_rows<1, V>(S, C, in + i * S, M, init, out + i * C);
}

// RB rows x V column pairs of g, held in registers while i runs over all points.
template <int RB, int V>
inline void outer_tile(Eigen::Index m, Eigen::Index R, Eigen::Index C, const double* d, const double* a,
                       double* g, bool from_zero) {
  f64x2 acc[RB][V];
  for (int r = 0; r < RB; ++r)
    for (int v = 0; v < V; ++v) acc[r][v] = from_zero ? simd::broadcast(0.0) : simd::load(g + r * C + 2 * v);
  for (Eigen::Index i = 0; i < m; ++i) {
    f64x2 av[V];
    for (int v = 0; v < V; ++v) av[v] = simd::load(a + i * C + 2 * v);
    for (int r = 0; r < RB; ++r) {
      const f64x2 x = simd::broadcast(d[i * R + r]);
      for (int v = 0; v < V; ++v) acc[r][v] += x * av[v];
    }
  }
  for (int r = 0; r < RB; ++r)
    for (int v = 0; v < V; ++v) simd::store(g + r * C + 2 * v, acc[r][v]);
}
template <int RB>
inline void outer_column(Eigen::Index m, Eigen::Index R, Eigen::Index C, const double* d, const double* a,
                         double* g, bool from_zero) {
  double acc[RB];
  for (int r = 0; r < RB; ++r) acc[r] = from_zero ? 0.0 : g[r * C];
  for (Eigen::Index i = 0; i < m; ++i)
    for (int r = 0; r < RB; ++r) acc[r] += d[i * R + r] * a[i * C];
  for (int r = 0; r < RB; ++r) g[r * C] = acc[r];
}
template <int RB, int V>
inline void outer_rows(Eigen::Index m, Eigen::Index R, Eigen::Index C, const double* d, const double* a,
                       double* g, bool from_zero) {
  Eigen::Index c = 0;
  for (; c + 2 * V <= C; c += 2 * V) outer_tile<RB, V>(m, R, C, d, a + c, g + c, from_zero);
  for (; c + 2 <= C; c += 2) outer_tile<RB, 1>(m, R, C, d, a + c, g + c, from_zero);
  if (c < C) outer_column<RB>(m, R, C, d, a + c, g + c, from_zero);
}
} // namespace detail
} // namespace

// Register tiles sized for 16 vector registers (SSE2; V8 maps wasm SIMD onto the same).
void affine(Eigen::Index m, Eigen::Index S, Eigen::Index C, const double* in, const double* M,
            const double* init, double* out) {
  // Wide outputs: 2 points x 8 columns; 4 to 7 columns: 4 points x 4; narrow ones (the
  // output layer): 4 points x 2. The small layers of TensorFlow Playground's default network
  // (4, 2 and 1 units) run a step in a few hundred operations, where loop overhead counts.
  if (C >= 8)
    detail::affine_blocks<2, 4>(m, S, C, in, M, init, out);
  else if (C >= 4)
    detail::affine_blocks<4, 2>(m, S, C, in, M, init, out);
  else
    detail::affine_blocks<4, 1>(m, S, C, in, M, init, out);
}
void accumulate_outer(Eigen::Index m, Eigen::Index R, Eigen::Index C, const double* d, const double* a,
                      double* g, bool from_zero) {
  Eigen::Index r = 0;
  for (; r + 4 <= R; r += 4) detail::outer_rows<4, 2>(m, R, C, d + r, a, g + r * C, from_zero);
  for (; r + 2 <= R; r += 2) detail::outer_rows<2, 2>(m, R, C, d + r, a, g + r * C, from_zero);
  for (; r < R; ++r) detail::outer_rows<1, 4>(m, R, C, d + r, a, g + r * C, from_zero);
}
void accumulate_columns(Eigen::Index m, Eigen::Index R, const double* d, double* g, bool from_zero) {
  const auto start = [&](Eigen::Index r) { return from_zero ? simd::broadcast(0.0) : simd::load(g + r); };
  Eigen::Index r = 0;
  for (; r + 8 <= R; r += 8) {
    simd::f64x2 acc[4];
    for (int v = 0; v < 4; ++v) acc[v] = start(r + 2 * v);
    for (Eigen::Index i = 0; i < m; ++i)
      for (int v = 0; v < 4; ++v) acc[v] += simd::load(d + i * R + r + 2 * v);
    for (int v = 0; v < 4; ++v) simd::store(g + r + 2 * v, acc[v]);
  }
  for (; r + 2 <= R; r += 2) {
    simd::f64x2 acc = start(r);
    for (Eigen::Index i = 0; i < m; ++i) acc += simd::load(d + i * R + r);
    simd::store(g + r, acc);
  }
  for (; r < R; ++r) {
    double acc = from_zero ? 0.0 : g[r];
    for (Eigen::Index i = 0; i < m; ++i) acc += d[i * R + r];
    g[r] = acc;
  }
}

void multiply_by_tanh_slope(const double* a, double* delta, std::size_t n) {
  std::size_t j = 0;
  for (; j + 2 <= n; j += 2) {
    const simd::f64x2 aj = simd::load(a + j);
    simd::store(delta + j, simd::load(delta + j) * (simd::broadcast(1.0) - aj * aj));
  }
  for (; j < n; ++j) delta[j] *= 1.0 - a[j] * a[j];
}

// Eight lanes a step: the polynomial's eleven dependent multiply-adds and the division are
// latency-bound, and four independent two-lane chains keep the vector units busy (natively
// and in wasm each eight-lane operation becomes four two-lane ones, and each constant is
// materialised once for the four). On TensorFlow Playground's default network, two lanes a
// step left a third of the training time in tanh (docs/performance.md).
void tanh(const double* z, double* a, std::size_t n) {
  using f64x8 = double __attribute__((vector_size(64)));
  using i64x8 = std::int64_t __attribute__((vector_size(64)));
  std::size_t j = 0;
  for (; j + 8 <= n; j += 8) {
    f64x8 in, out;
    std::memcpy(&in, z + j, sizeof in);
    portable::detail::tanh_lanes<f64x8, i64x8>(in, out);
    std::memcpy(a + j, &out, sizeof out);
  }
  if (j + 4 <= n) { // four of the last 4 to 7 values (a layer of 20 ends on 4), one constant set
    using f64x4 = double __attribute__((vector_size(32)));
    using i64x4 = std::int64_t __attribute__((vector_size(32)));
    f64x4 in, out;
    std::memcpy(&in, z + j, sizeof in);
    portable::detail::tanh_lanes<f64x4, i64x4>(in, out);
    std::memcpy(a + j, &out, sizeof out);
    j += 4;
  }
  for (; j + 2 <= n; j += 2) simd::store(a + j, portable::tanh(simd::load(z + j)));
  for (; j < n; ++j) a[j] = portable::tanh(z[j]);
}

} // namespace landscape::kernels
