// An optimiser made of phases run one after the other (LM then L-BFGS, pre-training then the main
// optimiser): the current point and its RMSEs are those of the phase running now.
#pragma once
#include "train/training_optimizer.h"

namespace mtp {

class PhasedOptimizer : public TrainingOptimizer {
 public:
  const Eigen::VectorXd& thetaIn() const override { return active().thetaIn(); }
  const Eigen::VectorXd& theta() const override { return active().theta(); }
  double loss() const override { return active().loss(); }
  double energyRmse() const override { return active().energyRmse(); }
  double forceRmse() const override { return active().forceRmse(); }
  double stressRmse() const override { return active().stressRmse(); }
  bool settled() const override { return active().settled(); }

 protected:
  virtual const TrainingOptimizer& active() const = 0;
};

}  // namespace mtp
