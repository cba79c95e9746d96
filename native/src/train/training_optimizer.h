// The interface the trainer drives: one iteration at a time, with a state that can be checkpointed
// and restored exactly. Implemented by VarProLevenbergMarquardt and LbfgsTraining.
#pragma once
#include <vector>

#include <Eigen/Core>

namespace mtp {

class TrainingOptimizer {
 public:
  virtual ~TrainingOptimizer() = default;
  // Starts from theta (linear coefficients may be zero: they are solved first).
  virtual void start(const Eigen::VectorXd& theta) = 0;
  // Continues from a checkpoint: theta_in() and state() of the saved optimiser.
  virtual void restore(const Eigen::VectorXd& theta_in, const std::vector<double>& state) = 0;
  // One iteration; false if no further progress is possible (the current point is unchanged).
  virtual bool iterate() = 0;

  virtual const Eigen::VectorXd& thetaIn() const = 0;  // where the current point was evaluated
  virtual std::vector<double> state() const = 0;
  virtual const Eigen::VectorXd& theta() const = 0;    // current parameters
  virtual double loss() const = 0;                     // total loss at theta()
  // Training-set RMSEs at theta(): eV/atom, eV/Å, GPa.
  virtual double energyRmse() const = 0;
  virtual double forceRmse() const = 0;
  virtual double stressRmse() const = 0;
  virtual long evaluations() const = 0;
  // Whether a small decrease of the loss means convergence. False while Levenberg–Marquardt
  // recovers from a rejection streak: its damping then grows by up to 2^(k(k+1)/2) after k
  // rejections and falls by at most 3x per accepted step, so for several iterations the steps are
  // tiny far from a minimum (seen on Mo level 16: 5 iterations with a relative decrease of 1e-5,
  // stopped by the tolerance at loss 0.0568 while the undamped steps would descend further).
  virtual bool settled() const { return true; }
};

}  // namespace mtp
