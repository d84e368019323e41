// Why this file exists: every optimizer, curvature tool and landscape view in the
// core works on one abstraction, an objective with a value, a gradient and an exact
// Hessian-vector product at a flat parameter vector. A 2-D analytic surface and a
// network's training loss are both objectives.
#pragma once

#include <Eigen/Core>
#include <string>

namespace landscape {

using Vector = Eigen::VectorXd;
using Matrix = Eigen::MatrixXd;

class Objective {
public:
  virtual ~Objective() = default;

  // Number of parameters n; x, gradients and directions are n-vectors.
  virtual Eigen::Index dimension() const = 0;

  virtual double value(const Vector& x) const = 0;

  // Returns the value and writes the gradient (resized to n).
  virtual double value_and_gradient(const Vector& x, Vector& gradient) const = 0;

  // Exact H(x) v, never a finite difference (writes an n-vector).
  virtual void hessian_vector(const Vector& x, const Vector& v, Vector& hv) const = 0;

  // H(x) V for the columns of V (n x k), written to hv (n x k). Column j equals
  // hessian_vector(x, V.col(j)) exactly; objectives override it when directions can share
  // work (a network's forward pass), which is what a dense Hessian needs.
  virtual void hessian_vectors(const Vector& x, const Matrix& directions, Matrix& hv) const {
    hv.resize(directions.rows(), directions.cols());
    Vector column;
    for (Eigen::Index j = 0; j < directions.cols(); ++j) {
      hessian_vector(x, directions.col(j), column);
      hv.col(j) = column;
    }
  }

  // When value() is not finite at x, a sentence saying why (e.g. which exponent
  // overflowed); empty when nothing specific is known.
  virtual std::string explain_non_finite(const Vector& /*x*/) const { return {}; }
};

} // namespace landscape
