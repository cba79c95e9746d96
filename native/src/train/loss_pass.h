// One pass over the training set: the loss (before regularisation), its gradient and the
// Gauss–Newton matrix, accumulated deterministically.
//
// L(theta) = (1/K) sum_k sum_r w_kr (m_kr(theta) - y_kr)^2            (loss_spec.h)
// gradient = (2/K) sum_k J_k^T W_k (m_k - y_k)                         shape [P]
// gauss_newton = (2/K) sum_k J_k^T W_k J_k                             shape [P][P], symmetric
// so that L(theta + d) ~= L + gradient.d + d^T gauss_newton d / 2.
//
// Determinism: configurations are grouped into fixed blocks of consecutive configurations (the
// partition depends only on the data, never on the thread count); each block is summed by one
// thread in configuration order, and the block sums are added in block order. The result is
// therefore bit-identical for any thread count.
#pragma once
#include <atomic>
#include <vector>

#include <Eigen/Core>

#include "train/residual_model.h"

namespace mtp {

// Unweighted error statistics of one quantity, kept so that its sum of squares can be re-evaluated
// exactly after the linear coefficients change by dw (VarPro re-solve):
// sum_sq(dw) = sum_sq + 2 dw.cross + dw^T normal dw, over `count` entries.
struct ErrorMoments {
  long count = 0;
  double sum_sq = 0.0;
  Eigen::VectorXd cross;   // A^T e over the linear parameters, shape [P_linear]
  Eigen::MatrixXd normal;  // A^T A over the linear parameters (lower triangle valid)
  double rmse(const Eigen::VectorXd* dw = nullptr) const;
};

struct LossPassResult {
  double loss = 0.0;
  Eigen::VectorXd gradient;      // shape [P]
  Eigen::MatrixXd gauss_newton;  // shape [P][P], full symmetric (empty unless requested)
  // Quantities of eqs. 8-10: energy per atom (eV/atom), force components (eV/Å), stress
  // components (GPa, PlusStress/V*160.2176634 with the 6 independent components).
  ErrorMoments energy, force, stress;
};

struct LossPassOptions {
  bool jacobian = true;      // false: loss and errors only (gradient left zero)
  bool gauss_newton = true;  // also J^T W J and the ErrorMoments normals (else loss+gradient only)
  int linear_begin = 0;      // first linear parameter (ParamLayout::radial)
  // Without the Gauss–Newton matrix: the gradient as Σ Jᵀ W r by the model's adjoint pass
  // (ResidualModel::addWeightedGradient) instead of forming each Jacobian. Same value to rounding.
  bool adjoint = true;
  int threads = 1;
  const std::atomic<bool>* cancel = nullptr;  // checked between configurations
};

class LossPass {
 public:
  explicit LossPass(const ResidualModel& model);
  // Evaluates at the model's current parameters. Throws Cancelled if *cancel becomes true.
  LossPassResult run(const LossPassOptions& options) const;
  int blockCount() const { return static_cast<int>(block_begin_.size()) - 1; }

  struct Cancelled {};

 private:
  const ResidualModel& model_;
  std::vector<int> block_begin_;  // blocks of consecutive configurations
};

}  // namespace mtp
