#include "train/varpro_lm.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <Eigen/Cholesky>

#include "train/scaled_solve.h"

namespace mtp {

VarProLevenbergMarquardt::VarProLevenbergMarquardt(ResidualModel& model, const ParamLayout& layout,
                                                   const RadialRegularizer& regularizer,
                                                   const LmOptions& options, int threads,
                                                   const std::atomic<bool>* cancel)
    : model_(model), layout_(layout), regularizer_(regularizer), options_(options), pass_(model),
      lambda_(options.lambda0) {
  pass_options_.jacobian = true;
  pass_options_.gauss_newton = true;
  pass_options_.linear_begin = layout.radial;
  pass_options_.threads = threads;
  pass_options_.cancel = cancel;
}

LmPoint VarProLevenbergMarquardt::evaluate(const Eigen::VectorXd& theta_in) {
  ++evaluations_;
  return evaluateProjected(model_, pass_, pass_options_, layout_, regularizer_, options_.ridge, theta_in);
}

LmPoint evaluateProjected(ResidualModel& model, const LossPass& pass, const LossPassOptions& options,
                          const ParamLayout& layout, const RadialRegularizer& regularizer, double ridge,
                          const Eigen::VectorXd& theta_in) {
  model.setParameters(theta_in);
  LossPassResult r = pass.run(options);
  LmPoint p;
  p.theta_in = theta_in;
  const int nl = layout.linear();
  double loss = r.loss + regularizer.value(theta_in);
  Eigen::VectorXd g = std::move(r.gradient);
  Eigen::MatrixXd h = std::move(r.gauss_newton);
  regularizer.addDerivatives(theta_in, g, &h);

  // Exact minimisation over the linear block: H_ww dw = -g_w (the loss is quadratic in w).
  const Eigen::MatrixXd hww = h.bottomRightCorner(nl, nl);
  const Eigen::VectorXd gw = g.tail(nl);
  p.dw = solveScaledShifted(hww, -gw, Eigen::VectorXd::Constant(nl, ridge));
  const double decrease = gw.dot(p.dw) + 0.5 * p.dw.dot(hww * p.dw);
  // The ridge keeps the solve stable; a positive "decrease" can only come from rounding.
  if (decrease < 0.0) {
    loss += decrease;
    g.noalias() += h.rightCols(nl) * p.dw;
  } else {
    p.dw.setZero();
  }
  p.theta = theta_in;
  p.theta.tail(nl) += p.dw;
  p.loss = loss;
  p.gradient = std::move(g);
  p.gn = std::move(h);
  p.energy = std::move(r.energy);
  p.force = std::move(r.force);
  p.stress = std::move(r.stress);
  return p;
}

void VarProLevenbergMarquardt::start(const Eigen::VectorXd& theta) {
  LmPoint first = evaluate(theta);
  current_ = evaluate(first.theta);
  lambda_ = options_.lambda0;
  nu_ = 2.0;
  secant_.resize(0, 0);
  secant_rejects_ = 0;
  recover_to_ = 0.0;
}

std::vector<double> VarProLevenbergMarquardt::state() const {
  std::vector<double> st{lambda_, nu_, static_cast<double>(secant_rejects_), static_cast<double>(secant_.rows())};
  st.insert(st.end(), secant_.data(), secant_.data() + secant_.size());
  st.push_back(recover_to_);
  return st;
}

void VarProLevenbergMarquardt::restore(const Eigen::VectorXd& theta_in, const std::vector<double>& st) {
  if (st.size() < 4) throw std::invalid_argument("Levenberg-Marquardt checkpoint state too short");
  const int n = static_cast<int>(st[3]);
  const size_t size = static_cast<size_t>(4 + n * n);
  if (st.size() != size && st.size() != size + 1)
    throw std::invalid_argument("Levenberg-Marquardt checkpoint state has the wrong size");
  current_ = evaluate(theta_in);
  lambda_ = st[0];
  nu_ = st[1];
  secant_rejects_ = static_cast<int>(st[2]);
  secant_ = Eigen::Map<const Eigen::MatrixXd>(st.data() + 4, n, n);
  recover_to_ = st.size() > size ? st[size] : 0.0;
}

void VarProLevenbergMarquardt::reduced(const LmPoint& p, Eigen::VectorXd& grad, Eigen::MatrixXd* gn) const {
  const int nc = layout_.radial, nl = layout_.linear();
  // X = (H_ww + ridge D_w)^{-1} H_wc, eliminating w: g_r = g_c - X^T g_w, H_r = H_cc - H_cw X.
  const Eigen::MatrixXd hww = p.gn.bottomRightCorner(nl, nl);
  Eigen::VectorXd sc(nl);
  for (int i = 0; i < nl; ++i) sc[i] = hww(i, i) > 0.0 ? 1.0 / std::sqrt(hww(i, i)) : 1.0;
  Eigen::MatrixXd a = sc.asDiagonal() * hww * sc.asDiagonal();
  a.diagonal().array() += options_.ridge;
  const Eigen::LDLT<Eigen::MatrixXd> ldlt(a);
  const Eigen::MatrixXd x = sc.asDiagonal() * ldlt.solve(sc.asDiagonal() * p.gn.bottomLeftCorner(nl, nc));
  grad = p.gradient.head(nc) - x.transpose() * p.gradient.tail(nl);
  if (gn) *gn = p.gn.topLeftCorner(nc, nc) - p.gn.topRightCorner(nc, nl) * x;
}

void VarProLevenbergMarquardt::updateSecant(const LmPoint& from, const LmPoint& to) {
  const int nc = layout_.radial;
  Eigen::VectorXd g0, g1;
  Eigen::MatrixXd h1;
  reduced(from, g0, nullptr);
  reduced(to, g1, &h1);
  const Eigen::VectorXd s = to.theta.head(nc) - from.theta.head(nc);
  const Eigen::VectorXd y = g1 - g0;
  const Eigen::VectorXd ysharp = y - h1 * s;  // what Gauss–Newton does not explain
  if (secant_.size() == 0) secant_ = Eigen::MatrixXd::Zero(nc, nc);
  const double ys = y.dot(s);
  if (!(ys > 1e-300)) return;
  // NL2SOL's sizing: shrink S when it overestimates the curvature along s.
  const double sss = s.dot(secant_ * s);
  if (sss != 0.0) secant_ *= std::min(1.0, std::fabs(s.dot(ysharp)) / std::fabs(sss));
  const Eigen::VectorXd e = ysharp - secant_ * s;
  secant_ += (e * y.transpose() + y * e.transpose()) / ys - (e.dot(s) / (ys * ys)) * (y * y.transpose());
}

bool VarProLevenbergMarquardt::iterate() {
  const int nc = layout_.radial, n = layout_.total();
  if (nc == 0) return false;
  const Eigen::VectorXd diag = current_.gn.diagonal();
  const double lambda_start = lambda_;
  for (int rejects = 0; rejects < options_.max_rejects; ++rejects) {
    Eigen::VectorXd shift(n);
    shift.head(nc).setConstant(lambda_);
    shift.tail(n - nc).setConstant(options_.ridge);
    Eigen::MatrixXd h = current_.gn;
    bool with_secant = options_.structured_secant && secant_.size() > 0;
    if (with_secant) h.topLeftCorner(nc, nc) += secant_;
    Eigen::VectorXd step = solveScaledShifted(h, -current_.gradient, shift, &diag);
    double predicted = -(current_.gradient.dot(step) + 0.5 * step.dot(h * step));
    if (with_secant && !(predicted > 0.0)) {  // S made the model indefinite along the step
      with_secant = false;
      step = solveScaledShifted(current_.gn, -current_.gradient, shift, &diag);
      predicted = -(current_.gradient.dot(step) + 0.5 * step.dot(current_.gn * step));
    }
    if (!(predicted > 0.0) || step.head(nc).norm() <= 1e-15 * (1.0 + current_.theta.head(nc).norm()))
      return false;
    LmPoint trial = evaluate(current_.theta + step);
    const double gain = (current_.loss - trial.loss) / predicted;
    if (std::isfinite(trial.loss) && gain > options_.min_gain) {
      if (options_.structured_secant) updateSecant(current_, trial);
      if (with_secant) secant_rejects_ = 0;
      current_ = std::move(trial);
      const double t = 2.0 * gain - 1.0;
      lambda_ *= std::max(1.0 / 3.0, 1.0 - t * t * t);
      nu_ = 2.0;
      if (rejects > 0 && recover_to_ == 0.0) recover_to_ = lambda_start;
      if (recover_to_ > 0.0 && lambda_ <= recover_to_) recover_to_ = 0.0;
      return true;
    }
    if (with_secant && ++secant_rejects_ >= 2) {
      secant_.setZero();  // the quasi-Newton term misleads: fall back to Gauss–Newton
      secant_rejects_ = 0;
    }
    lambda_ *= nu_;
    nu_ *= 2.0;
    if (lambda_ > options_.max_lambda) return false;
  }
  return false;
}

}  // namespace mtp
