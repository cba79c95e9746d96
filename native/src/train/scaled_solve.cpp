#include "train/scaled_solve.h"

#include <cmath>

#include <Eigen/Cholesky>

namespace mtp {

Eigen::VectorXd solveScaledShifted(const Eigen::MatrixXd& h, const Eigen::VectorXd& rhs,
                                   const Eigen::VectorXd& shift, const Eigen::VectorXd* scale_diag) {
  const int n = static_cast<int>(h.rows());
  Eigen::VectorXd s(n);
  for (int i = 0; i < n; ++i) {
    const double d = scale_diag ? (*scale_diag)[i] : h(i, i);
    s[i] = d > 0.0 ? 1.0 / std::sqrt(d) : 1.0;
  }
  Eigen::MatrixXd a = s.asDiagonal() * h * s.asDiagonal();
  a.diagonal() += shift;
  const Eigen::VectorXd b = s.cwiseProduct(rhs);
  // LDLT with symmetric pivoting: stable for the semi-definite, nearly singular matrices met here.
  Eigen::LDLT<Eigen::MatrixXd> ldlt(a);
  Eigen::VectorXd z = ldlt.solve(b);
  for (int i = 0; i < n; ++i)
    if (!std::isfinite(z[i])) z[i] = 0.0;
  return s.cwiseProduct(z);
}

}  // namespace mtp
