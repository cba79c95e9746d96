#include "train/hybrid_training.h"

#include <cmath>
#include <stdexcept>

namespace mtp {

HybridTraining::HybridTraining(std::unique_ptr<VarProLevenbergMarquardt> lm, std::unique_ptr<LbfgsTraining> lbfgs,
                               int lm_max_iter, double switch_tol, int window)
    : lm_(std::move(lm)), lbfgs_(std::move(lbfgs)), lm_max_iter_(lm_max_iter), switch_tol_(switch_tol),
      window_(window) {}

void HybridTraining::start(const Eigen::VectorXd& theta) {
  polishing_ = false;
  lm_iterations_ = 0;
  lm_history_.clear();
  if (lm_max_iter_ <= 0) {
    polishing_ = true;
    lbfgs_->start(theta);
    return;
  }
  lm_->start(theta);
}

bool HybridTraining::lmStalled() const {
  const int n = static_cast<int>(lm_history_.size());
  if (window_ <= 0 || n <= window_) return false;
  const double old = lm_history_[n - 1 - window_], now = lm_history_[n - 1];
  return (old - now) < switch_tol_ * std::fabs(now);
}

bool HybridTraining::iterate() {
  if (polishing_) return lbfgs_->iterate();
  const bool stepped = lm_->iterate();
  if (stepped) {
    ++lm_iterations_;
    lm_history_.push_back(lm_->loss());
  }
  if (!stepped || lm_iterations_ >= lm_max_iter_ || lmStalled()) {
    polishing_ = true;
    lbfgs_->start(lm_->theta());
    // A stalled LM step counts as the switch iteration; L-BFGS starts at LM's point, not above it.
    return true;
  }
  return true;
}

std::vector<double> HybridTraining::state() const {
  std::vector<double> st{polishing_ ? 1.0 : 0.0, static_cast<double>(lm_iterations_),
                         static_cast<double>(lm_history_.size())};
  st.insert(st.end(), lm_history_.begin(), lm_history_.end());
  const std::vector<double> sub = active().state();
  st.insert(st.end(), sub.begin(), sub.end());
  return st;
}

void HybridTraining::restore(const Eigen::VectorXd& theta_in, const std::vector<double>& st) {
  if (st.size() < 3) throw std::invalid_argument("hybrid checkpoint state too short");
  const size_t h = static_cast<size_t>(st[2]);
  if (st.size() < 3 + h) throw std::invalid_argument("hybrid checkpoint state too short");
  polishing_ = st[0] != 0.0;
  lm_iterations_ = static_cast<int>(st[1]);
  lm_history_.assign(st.begin() + 3, st.begin() + 3 + h);
  const std::vector<double> sub(st.begin() + 3 + h, st.end());
  if (polishing_) lbfgs_->restore(theta_in, sub);
  else lm_->restore(theta_in, sub);
}

}  // namespace mtp
