// Why this file exists: the double-precision hot loops of the network's forward/backward
// pass, in their own translation unit so that the wasm build can compile this file with
// wasm SIMD (-msimd128) whatever the rest of the core is built with. Each output element
// is a sum in ascending order of its index, the first term being the initial value: the
// kernels tile outputs in registers and vectorise across them (simd.hpp), never across a
// sum, so they give exactly the bits of the plain loops, natively and in wasm.
// Matrices are row-major, one point per row.
#pragma once

#include <Eigen/Core>
#include <cstddef>

namespace landscape::kernels {

// out (m x C) = init (1 x C, or zeros when null) + in (m x S) * M (S x C), summed over s.
void affine(Eigen::Index m, Eigen::Index S, Eigen::Index C, const double* in, const double* M,
            const double* init, double* out);
// g (R x C) += d^T (R x m) * a (m x C), summed over the points i; with from_zero the sums
// start at 0 instead of g's values (the same bits as zeroing g first, without the pass).
void accumulate_outer(Eigen::Index m, Eigen::Index R, Eigen::Index C, const double* d, const double* a,
                      double* g, bool from_zero);
// g (R) += the column sums of d (m x R), over the points i; from_zero as above.
void accumulate_columns(Eigen::Index m, Eigen::Index R, const double* d, double* g, bool from_zero);
// delta *= 1 - a^2 (tanh's slope, from its values a), elementwise.
void multiply_by_tanh_slope(const double* a, double* delta, std::size_t n);
// a = portable::tanh(z), elementwise, two lanes at a time (the scalar's bits).
void tanh(const double* z, double* a, std::size_t n);

} // namespace landscape::kernels
