// MLIP's pre-training phase (MLIP_FORMATS.md §3, step 2) in front of any main optimiser
// (TrainOptions::preinit, CLI `--preinit N`): N L-BFGS iterations over all parameters from the
// fresh start, then the main optimiser (LM, L-BFGS or LM then L-BFGS) starts from that point.
//
// MLIP brackets its 75 pre-training BFGS iterations by "rescale" steps, which re-choose the
// potential's `scaling` so that its plain BFGS (identity initial inverse Hessian) is not badly
// conditioned. Here the equivalent is the main optimiser's own start: a fresh L-BFGS takes its
// variable scaling from the Gauss–Newton diagonal at the pre-trained point, and LM damps with the
// diagonal of its own matrix; the exact linear solve at both starts plays the role of MLIP's.
#pragma once
#include <memory>

#include "train/lbfgs_training.h"
#include "train/phased_optimizer.h"

namespace mtp {

class PretrainedTraining : public PhasedOptimizer {
 public:
  PretrainedTraining(std::unique_ptr<LbfgsTraining> pre, std::unique_ptr<TrainingOptimizer> main, int pre_iter);

  void start(const Eigen::VectorXd& theta) override;
  // state: [phase (1 = pre-training), pre-training iterations done, sub-optimiser state…]
  void restore(const Eigen::VectorXd& theta_in, const std::vector<double>& state) override;
  bool iterate() override;

  bool pretraining() const { return pretraining_; }
  std::vector<double> state() const override;
  long evaluations() const override { return pre_->evaluations() + main_->evaluations(); }

 private:
  const TrainingOptimizer& active() const override {
    return pretraining_ ? static_cast<const TrainingOptimizer&>(*pre_) : *main_;
  }

  std::unique_ptr<LbfgsTraining> pre_;
  std::unique_ptr<TrainingOptimizer> main_;
  int pre_iter_;
  bool pretraining_ = false;
  int done_ = 0;
};

}  // namespace mtp
