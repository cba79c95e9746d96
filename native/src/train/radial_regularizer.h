// MLIP's soft-orthonormality penalty on the radial coefficients (MLIP_FORMATS.md §3):
//   R(c) = weight * [ sum_mu (|c_mu|^2 - 1)^2 + sum_{mu<nu} (c_mu . c_nu)^2 ],  weight = 1e-9,
// where c_mu concatenates the coefficients of radial function mu over all species pairs
// (theta index (pair*K + mu)*R + xi). Written as a sum of squared residuals rho so that
// Gauss–Newton can use it: rho_mu = sqrt(weight)(|c_mu|^2 - 1), rho_mu_nu = sqrt(weight) c_mu.c_nu.
#pragma once
#include <Eigen/Core>

namespace mtp {

class RadialRegularizer {
 public:
  RadialRegularizer(int pairs, int funcs, int basis_size, double weight = 1e-9)
      : pairs_(pairs), k_(funcs), r_(basis_size), weight_(weight) {}

  // theta: full parameter vector; only its first pairs*K*R entries are used.
  double value(const Eigen::VectorXd& theta) const;
  // Adds dR/dtheta to gradient, and (if gn != nullptr) the Gauss–Newton matrix 2 J_rho^T J_rho.
  void addDerivatives(const Eigen::VectorXd& theta, Eigen::VectorXd& gradient,
                      Eigen::MatrixXd* gn) const;
  double weight() const { return weight_; }

 private:
  // Residuals rho and their Jacobian over the radial block, shape [K(K+1)/2][pairs*K*R].
  void residuals(const Eigen::VectorXd& theta, Eigen::VectorXd& rho, Eigen::MatrixXd& jac) const;
  int index(int pair, int mu, int xi) const { return (pair * k_ + mu) * r_ + xi; }
  int pairs_, k_, r_;
  double weight_;
};

}  // namespace mtp
