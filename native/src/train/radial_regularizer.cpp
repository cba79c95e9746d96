#include "train/radial_regularizer.h"

#include <cmath>

namespace mtp {

void RadialRegularizer::residuals(const Eigen::VectorXd& theta, Eigen::VectorXd& rho,
                                  Eigen::MatrixXd& jac) const {
  const int n = pairs_ * k_ * r_;
  const int m = k_ * (k_ + 1) / 2;
  const double sw = std::sqrt(weight_);
  rho = Eigen::VectorXd::Zero(m);
  jac = Eigen::MatrixXd::Zero(m, n);
  int row = 0;
  for (int mu = 0; mu < k_; ++mu) {
    for (int nu = mu; nu < k_; ++nu, ++row) {
      double dot = 0.0;
      for (int p = 0; p < pairs_; ++p)
        for (int x = 0; x < r_; ++x) {
          const double a = theta[index(p, mu, x)], b = theta[index(p, nu, x)];
          dot += a * b;
          // d(c_mu.c_nu)/dc: c_nu on the c_mu entries and c_mu on the c_nu entries (2 c_mu if mu==nu).
          jac(row, index(p, mu, x)) += sw * b;
          jac(row, index(p, nu, x)) += sw * a;
        }
      rho[row] = sw * (mu == nu ? dot - 1.0 : dot);
    }
  }
}

double RadialRegularizer::value(const Eigen::VectorXd& theta) const {
  if (weight_ == 0.0) return 0.0;
  Eigen::VectorXd rho;
  Eigen::MatrixXd jac;
  residuals(theta, rho, jac);
  return rho.squaredNorm();
}

void RadialRegularizer::addDerivatives(const Eigen::VectorXd& theta, Eigen::VectorXd& gradient,
                                       Eigen::MatrixXd* gn) const {
  if (weight_ == 0.0) return;
  Eigen::VectorXd rho;
  Eigen::MatrixXd jac;
  residuals(theta, rho, jac);
  const int n = pairs_ * k_ * r_;
  gradient.head(n).noalias() += 2.0 * jac.transpose() * rho;
  if (gn) gn->topLeftCorner(n, n).noalias() += 2.0 * jac.transpose() * jac;
}

}  // namespace mtp
