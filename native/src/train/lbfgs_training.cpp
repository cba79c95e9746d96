#include "train/lbfgs_training.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace mtp {

LbfgsTraining::LbfgsTraining(ResidualModel& model, const ParamLayout& layout,
                             const RadialRegularizer& regularizer, int memory, int linear_every,
                             double ridge, int threads, const std::atomic<bool>* cancel)
    : model_(model), layout_(layout), regularizer_(regularizer), linear_every_(linear_every),
      ridge_(ridge), pass_(model), lbfgs_(memory) {
  gn_options_.jacobian = true;
  gn_options_.gauss_newton = true;
  gn_options_.linear_begin = layout.radial;
  gn_options_.threads = threads;
  gn_options_.cancel = cancel;
  grad_options_ = gn_options_;
  grad_options_.gauss_newton = false;
}

double LbfgsTraining::lossAndGradient(const Eigen::VectorXd& theta, Eigen::VectorXd& gradient,
                                      double* rmse) {
  model_.setParameters(theta);
  LossPassResult r = pass_.run(grad_options_);
  ++evaluations_;
  gradient = std::move(r.gradient);
  regularizer_.addDerivatives(theta, gradient, nullptr);
  rmse[0] = r.energy.rmse();
  rmse[1] = r.force.rmse();
  rmse[2] = r.stress.rmse();
  return r.loss + regularizer_.value(theta);
}

void LbfgsTraining::projectLinear() {
  const LmPoint p = evaluateProjected(model_, pass_, gn_options_, layout_, regularizer_, ridge_, theta_);
  ++evaluations_;
  theta_ = p.theta;
  loss_ = p.loss;
  gradient_ = p.gradient;
  energy_rmse_ = p.energyRmse();
  force_rmse_ = p.forceRmse();
  stress_rmse_ = p.stressRmse();
  if (scale_.size() == 0) {
    const Eigen::VectorXd d = p.gn.diagonal();
    const double floor = 1e-12 * std::max(1e-300, d.maxCoeff());
    scale_ = d.cwiseMax(floor).cwiseSqrt();
  }
  lbfgs_.clear();
}

void LbfgsTraining::start(const Eigen::VectorXd& theta) {
  theta_ = theta;
  scale_.resize(0);
  iteration_ = 0;
  projectLinear();
  // The first projection's Gauss–Newton matrix was evaluated at the starting linear coefficients
  // (zeros: no radial sensitivity at all); take the variable scaling at the projected point.
  scale_.resize(0);
  projectLinear();
  // The gradient after the projection uses the Jacobian at the old linear coefficients; refresh it.
  refresh();
}

void LbfgsTraining::refresh() {
  double rmse[3];
  loss_ = lossAndGradient(theta_, gradient_, rmse);
  energy_rmse_ = rmse[0], force_rmse_ = rmse[1], stress_rmse_ = rmse[2];
}

std::vector<double> LbfgsTraining::state() const {
  std::vector<double> st{static_cast<double>(iteration_)};
  st.insert(st.end(), scale_.data(), scale_.data() + scale_.size());
  const std::vector<double> mem = lbfgs_.state(static_cast<int>(theta_.size()));
  st.insert(st.end(), mem.begin(), mem.end());
  return st;
}

void LbfgsTraining::restore(const Eigen::VectorXd& theta_in, const std::vector<double>& st) {
  const int n = static_cast<int>(theta_in.size());
  if (st.size() < static_cast<size_t>(1 + n)) throw std::invalid_argument("L-BFGS checkpoint state too short");
  iteration_ = static_cast<int>(st[0]);
  scale_ = Eigen::Map<const Eigen::VectorXd>(st.data() + 1, n);
  lbfgs_.restore(st, 1 + n);
  theta_ = theta_in;
  refresh();
}

bool LbfgsTraining::iterate() {
  ++iteration_;
  if (linear_every_ > 0 && iteration_ % linear_every_ == 0) {
    projectLinear();
    refresh();
    return true;
  }
  // In scaled variables x = scale .* theta the gradient is g ./ scale.
  const Eigen::VectorXd gx = gradient_.cwiseQuotient(scale_);
  Eigen::VectorXd dx = lbfgs_.direction(gx, 1.0);
  double dphi0 = gx.dot(dx);
  if (!(dphi0 < 0.0)) {
    lbfgs_.clear();
    dx = -gx;
    dphi0 = gx.dot(dx);
    if (!(dphi0 < 0.0)) return false;
  }
  const Eigen::VectorXd d = dx.cwiseQuotient(scale_);
  Eigen::VectorXd g_trial, last_g;
  double last_alpha = -1.0, last_f = 0.0, rmse[3], last_rmse[3];
  auto phi = [&](double alpha, double& dphi) {
    const double f = lossAndGradient(theta_ + alpha * d, g_trial, rmse);
    dphi = g_trial.dot(d);
    last_alpha = alpha, last_f = f, last_g = g_trial;
    std::copy(rmse, rmse + 3, last_rmse);
    return f;
  };
  const double alpha0 = lbfgs_.size() > 0 ? 1.0 : std::min(1.0, 1.0 / std::max(1e-300, gx.norm()));
  const double alpha = wolfeLineSearch(phi, loss_, dphi0, alpha0);
  if (!(alpha > 0.0)) {
    if (lbfgs_.size() == 0) return false;
    lbfgs_.clear();  // a stale memory can give a poor direction: retry once as steepest descent
    --iteration_;
    return iterate();
  }
  const Eigen::VectorXd theta_new = theta_ + alpha * d;
  Eigen::VectorXd g_new;
  double f_new;
  if (alpha == last_alpha) {
    g_new = last_g;
    f_new = last_f;
  } else {
    f_new = lossAndGradient(theta_new, g_new, last_rmse);
  }
  lbfgs_.update((alpha * dx), g_new.cwiseQuotient(scale_) - gx);
  theta_ = theta_new;
  gradient_ = g_new;
  loss_ = f_new;
  energy_rmse_ = last_rmse[0], force_rmse_ = last_rmse[1], stress_rmse_ = last_rmse[2];
  return true;
}

}  // namespace mtp
