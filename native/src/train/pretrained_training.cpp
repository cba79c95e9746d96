#include "train/pretrained_training.h"

#include <stdexcept>

namespace mtp {

PretrainedTraining::PretrainedTraining(std::unique_ptr<LbfgsTraining> pre, std::unique_ptr<TrainingOptimizer> main,
                                       int pre_iter)
    : pre_(std::move(pre)), main_(std::move(main)), pre_iter_(pre_iter) {}

void PretrainedTraining::start(const Eigen::VectorXd& theta) {
  done_ = 0;
  pretraining_ = pre_iter_ > 0;
  if (pretraining_) pre_->start(theta);
  else main_->start(theta);
}

bool PretrainedTraining::iterate() {
  if (!pretraining_) return main_->iterate();
  const bool stepped = pre_->iterate();
  if (stepped) ++done_;
  if (!stepped || done_ >= pre_iter_) {
    pretraining_ = false;
    main_->start(pre_->theta());
    // The switch counts as an iteration even if the last pre-training step was refused: the main
    // optimiser starts where pre-training ended, not above it.
  }
  return true;
}

std::vector<double> PretrainedTraining::state() const {
  std::vector<double> st{pretraining_ ? 1.0 : 0.0, static_cast<double>(done_)};
  const std::vector<double> sub = active().state();
  st.insert(st.end(), sub.begin(), sub.end());
  return st;
}

void PretrainedTraining::restore(const Eigen::VectorXd& theta_in, const std::vector<double>& st) {
  if (st.size() < 2) throw std::invalid_argument("pre-training checkpoint state too short");
  pretraining_ = st[0] != 0.0;
  done_ = static_cast<int>(st[1]);
  const std::vector<double> sub(st.begin() + 2, st.end());
  if (pretraining_) pre_->restore(theta_in, sub);
  else main_->restore(theta_in, sub);
}

}  // namespace mtp
