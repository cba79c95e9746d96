// Finite-difference check of the analytic loss gradient (STYLE.md "Testing numerics"): every
// component of dL/dtheta against the fourth-order central difference
//   (8[L(t+h) - L(t-h)] - [L(t+2h) - L(t-2h)]) / (12 h),  h = step * max(|theta_p|, typical_p),
// where typical_p is the RMS of theta over its block (radial or linear), so that zero parameters
// get a sensible step. L includes the radial regulariser.
#pragma once
#include <vector>

#include <Eigen/Core>

#include "train/parameter_vector.h"
#include "train/radial_regularizer.h"
#include "train/residual_model.h"

namespace mtp {

struct LossFdCheck {
  double loss = 0.0;
  Eigen::VectorXd analytic, numeric;  // shape [P]
  // max over p of |numeric - analytic| / max(|analytic|, |numeric|, floor), with
  // floor = 1e-6 * max_p |analytic_p| (components six orders below the largest compare absolutely).
  double worst_relative = 0.0;
  int worst_index = -1;
};

LossFdCheck checkLossGradient(ResidualModel& model, const ParamLayout& layout,
                              const RadialRegularizer& regularizer, const Eigen::VectorXd& theta,
                              int threads, double step = 1e-4);

}  // namespace mtp
