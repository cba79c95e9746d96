// Symmetric positive semi-definite solves used by the optimisers: Jacobi-scaled and shifted so that
// rank-deficient systems (the MTP basis has exact linear dependencies, SCIENCE.md) stay solvable.
#pragma once
#include <Eigen/Core>

namespace mtp {

// Solves (H + D^{1/2} diag(shift) D^{1/2}) x = rhs with D = diag(H), i.e. in the variables scaled to
// a unit diagonal the shift is added to the diagonal (Marquardt damping for shift = lambda, a
// relative ridge for a small constant). Zero or negative diagonal entries are scaled by 1.
// H: shape [n][n] symmetric (full); shift: shape [n], >= 0.
// scale_diag (optional): take D from this vector instead of diag(H).
Eigen::VectorXd solveScaledShifted(const Eigen::MatrixXd& h, const Eigen::VectorXd& rhs,
                                   const Eigen::VectorXd& shift, const Eigen::VectorXd* scale_diag = nullptr);

}  // namespace mtp
