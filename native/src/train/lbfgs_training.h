// L-BFGS with a strong-Wolfe line search over all parameters (the generic optimiser, close to what
// MLIP does with BFGS), in variables scaled by the diagonal of the Gauss–Newton matrix at the start
// (radial and linear coefficients differ by orders of magnitude). Every `linear_every` iterations
// the linear coefficients are re-solved exactly (as MLIP does every 50) and the memory is reset.
#pragma once
#include <atomic>

#include "train/lbfgs.h"
#include "train/loss_pass.h"
#include "train/parameter_vector.h"
#include "train/radial_regularizer.h"
#include "train/training_optimizer.h"
#include "train/varpro_lm.h"

namespace mtp {

class LbfgsTraining : public TrainingOptimizer {
 public:
  LbfgsTraining(ResidualModel& model, const ParamLayout& layout, const RadialRegularizer& regularizer,
                int memory, int linear_every, double ridge, int threads, const std::atomic<bool>* cancel);

  void start(const Eigen::VectorXd& theta) override;
  // state: [iteration, scale (P values), L-BFGS pairs]
  void restore(const Eigen::VectorXd& theta_in, const std::vector<double>& state) override;
  bool iterate() override;

  const Eigen::VectorXd& thetaIn() const override { return theta_; }
  std::vector<double> state() const override;
  const Eigen::VectorXd& theta() const override { return theta_; }
  double loss() const override { return loss_; }
  double energyRmse() const override { return energy_rmse_; }
  double forceRmse() const override { return force_rmse_; }
  double stressRmse() const override { return stress_rmse_; }
  long evaluations() const override { return evaluations_; }

 private:
  // Loss and gradient (not the Gauss–Newton matrix) at theta; rmse = {energy, force, stress}.
  double lossAndGradient(const Eigen::VectorXd& theta, Eigen::VectorXd& gradient, double* rmse);
  void projectLinear();  // exact linear re-solve at theta_ (one Gauss–Newton pass)
  void refresh();        // loss, gradient and RMSEs at theta_

  ResidualModel& model_;
  ParamLayout layout_;
  RadialRegularizer regularizer_;
  int linear_every_;
  double ridge_;
  LossPass pass_;
  LossPassOptions gn_options_, grad_options_;
  Lbfgs lbfgs_;
  Eigen::VectorXd scale_;  // x = scale .* theta
  Eigen::VectorXd theta_, gradient_;
  double loss_ = 0.0, energy_rmse_ = 0.0, force_rmse_ = 0.0, stress_rmse_ = 0.0;
  int iteration_ = 0;
  long evaluations_ = 0;
};

}  // namespace mtp
