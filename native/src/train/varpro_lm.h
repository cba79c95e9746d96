// Levenberg–Marquardt with variable projection for the MTP loss (SCIENCE.md "Training").
//
// theta = (c, w): c the radial coefficients (nonlinear), w the species and moment coefficients
// (energies, forces and stresses are linear in w). Every evaluated point has w re-solved exactly,
// w*(c) = argmin_w L(c, w), by a ridge-regularised, rank-tolerant least-squares solve on the
// Gauss–Newton matrix of the pass, so only c is searched. The step solves the Gauss–Newton system of
// the full problem with Marquardt damping on the c block only (Kaufman's VarPro step):
//   [H_cc + lambda D_c, H_cw; H_wc, H_ww + ridge D_w] [dc; dw] = -grad,  D = diag(H),
// the trial point is (c + dc, w* + dw), accepted on the gain ratio, lambda updated by Nielsen's rule.
//
// One pass per trial point evaluates the Jacobian at (c, w_in), where w_in is the predicted w; the
// exact loss at (c, w*) then follows from the quadratic (exact, since the model is linear in w)
// L(c, w_in + dw) = L + g_w.dw + dw^T H_ww dw / 2. The c-part of the Jacobian is the one at w_in, an
// approximation that vanishes as the iteration converges.
#pragma once
#include <atomic>

#include <Eigen/Core>

#include "train/loss_pass.h"
#include "train/parameter_vector.h"
#include "train/radial_regularizer.h"
#include "train/training_optimizer.h"

namespace mtp {

struct LmOptions {
  double lambda0 = 1e-3;       // initial damping (relative to the unit-diagonal scaled system)
  double ridge = 1e-10;        // relative ridge of the linear solve
  double min_gain = 1e-4;      // accept a step when actual/predicted decrease exceeds this
  int max_rejects = 12;        // consecutive rejected trials before declaring convergence
  double max_lambda = 1e16;
  // Add a structured quasi-Newton estimate S of the neglected second-order term sum_r r Hess(r)
  // to the reduced Gauss–Newton matrix (Dennis–Gay–Welsch update as in NL2SOL): the MTP fit is a
  // large-residual problem, where plain Gauss–Newton converges only linearly.
  bool structured_secant = false;
};

// An evaluated point: the pass at theta_in and the re-solved linear coefficients.
struct LmPoint {
  Eigen::VectorXd theta_in;  // (c, w_in) where the Jacobian was evaluated
  Eigen::VectorXd theta;     // (c, w*)
  Eigen::VectorXd dw;        // w* - w_in
  double loss = 0.0;         // total loss at theta (data + regulariser)
  Eigen::VectorXd gradient;  // at theta (c-part from the Jacobian at w_in), shape [P]
  Eigen::MatrixXd gn;        // Gauss–Newton matrix incl. regulariser, shape [P][P]
  ErrorMoments energy, force, stress;  // re-evaluate at theta with rmse(&dw)
  double energyRmse() const { return energy.rmse(&dw); }
  double forceRmse() const { return force.rmse(&dw); }
  double stressRmse() const { return stress.rmse(&dw); }
};

// Evaluates the loss pass at theta_in (with Gauss–Newton matrix) and re-solves the linear block
// exactly (ridge relative to the unit-diagonal scaled system). Shared by LM and L-BFGS.
LmPoint evaluateProjected(ResidualModel& model, const LossPass& pass, const LossPassOptions& options,
                          const ParamLayout& layout, const RadialRegularizer& regularizer, double ridge,
                          const Eigen::VectorXd& theta_in);

class VarProLevenbergMarquardt : public TrainingOptimizer {
 public:
  VarProLevenbergMarquardt(ResidualModel& model, const ParamLayout& layout,
                           const RadialRegularizer& regularizer, const LmOptions& options,
                           int threads, const std::atomic<bool>* cancel);

  // Starts from theta (its w part may be anything, e.g. zeros): evaluates, re-solves w and
  // evaluates again at (c, w*) so that the first step sees a Jacobian at sensible w.
  void start(const Eigen::VectorXd& theta) override;
  // Restores a checkpointed state(): one evaluation at theta_in reproduces the point.
  // state: [lambda, nu, secant rejects, n, S (n*n), recover_to] (older checkpoints: no recover_to)
  void restore(const Eigen::VectorXd& theta_in, const std::vector<double>& state) override;

  // One iteration (possibly several trial evaluations). Returns false if no step could be accepted
  // (converged or stalled); the current point is unchanged then.
  bool iterate() override;

  const LmPoint& current() const { return current_; }
  double lambda() const { return lambda_; }
  double nu() const { return nu_; }

  const Eigen::VectorXd& thetaIn() const override { return current_.theta_in; }
  std::vector<double> state() const override;
  const Eigen::VectorXd& theta() const override { return current_.theta; }
  double loss() const override { return current_.loss; }
  double energyRmse() const override { return current_.energyRmse(); }
  double forceRmse() const override { return current_.forceRmse(); }
  double stressRmse() const override { return current_.stressRmse(); }
  long evaluations() const override { return evaluations_; }
  // False after an iteration that needed rejected trials, until the damping is back down to where
  // it was before them (the steps are then as large as before the streak again).
  bool settled() const override { return recover_to_ == 0.0; }

 private:
  LmPoint evaluate(const Eigen::VectorXd& theta_in);
  // Gradient and Gauss–Newton matrix of the reduced (w eliminated) problem over c at point p.
  void reduced(const LmPoint& p, Eigen::VectorXd& grad, Eigen::MatrixXd* gn) const;
  void updateSecant(const LmPoint& from, const LmPoint& to);

  ResidualModel& model_;
  ParamLayout layout_;
  RadialRegularizer regularizer_;
  LmOptions options_;
  LossPass pass_;
  LossPassOptions pass_options_;
  LmPoint current_;
  double lambda_ = 1e-3, nu_ = 2.0;
  Eigen::MatrixXd secant_;   // S, shape [radial][radial]; empty = none yet
  int secant_rejects_ = 0;   // consecutive rejected steps taken with S
  double recover_to_ = 0.0;  // damping before the last rejection streak; 0 = not recovering
  long evaluations_ = 0;
};

}  // namespace mtp
