// Levenberg–Marquardt with variable projection until it stalls, then L-BFGS polishing
// (TrainOptions::optimizer = LmThenLbfgs, CLI `--optimizer lm+bfgs`).
//
// Why: LM (one Jacobian pass per trial, ~27 evaluations' cost at level 16) finds a good basin in
// tens of iterations but converges only linearly on this large-residual problem; L-BFGS with the
// adjoint gradient (~2 evaluations per pass) then keeps descending at a fraction of the cost per
// iteration. The switch happens when LM's loss fell by less than switch_tol (relative) over the
// last `window` LM iterations, after lm_max_iter LM iterations, or when LM cannot take a step.
#pragma once
#include <memory>
#include <vector>

#include "train/lbfgs_training.h"
#include "train/phased_optimizer.h"
#include "train/varpro_lm.h"

namespace mtp {

class HybridTraining : public PhasedOptimizer {
 public:
  HybridTraining(std::unique_ptr<VarProLevenbergMarquardt> lm, std::unique_ptr<LbfgsTraining> lbfgs,
                 int lm_max_iter, double switch_tol, int window);

  void start(const Eigen::VectorXd& theta) override;
  // state: [phase, LM iterations, LM loss history size, history…, sub-optimiser state…]
  void restore(const Eigen::VectorXd& theta_in, const std::vector<double>& state) override;
  bool iterate() override;

  bool polishing() const { return polishing_; }
  std::vector<double> state() const override;
  long evaluations() const override { return lm_->evaluations() + lbfgs_->evaluations(); }

 private:
  const TrainingOptimizer& active() const override {
    return polishing_ ? static_cast<const TrainingOptimizer&>(*lbfgs_) : *lm_;
  }
  bool lmStalled() const;

  std::unique_ptr<VarProLevenbergMarquardt> lm_;
  std::unique_ptr<LbfgsTraining> lbfgs_;
  int lm_max_iter_;
  double switch_tol_;
  int window_;
  bool polishing_ = false;
  int lm_iterations_ = 0;
  std::vector<double> lm_history_;
};

}  // namespace mtp
