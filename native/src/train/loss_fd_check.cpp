#include "train/loss_fd_check.h"

#include <algorithm>
#include <cmath>

#include "train/loss_pass.h"

namespace mtp {

LossFdCheck checkLossGradient(ResidualModel& model, const ParamLayout& layout,
                              const RadialRegularizer& regularizer, const Eigen::VectorXd& theta,
                              int threads, double step) {
  LossPass pass(model);
  LossPassOptions opt;
  opt.linear_begin = layout.radial;
  opt.threads = threads;
  opt.gauss_newton = false;
  LossFdCheck out;
  model.setParameters(theta);
  LossPassResult r = pass.run(opt);
  out.loss = r.loss + regularizer.value(theta);
  out.analytic = r.gradient;
  regularizer.addDerivatives(theta, out.analytic, nullptr);

  LossPassOptions values = opt;
  values.jacobian = false;
  auto loss = [&](const Eigen::VectorXd& t) {
    model.setParameters(t);
    return pass.run(values).loss + regularizer.value(t);
  };
  auto rms = [](const Eigen::VectorXd& v) { return v.size() ? std::sqrt(v.squaredNorm() / v.size()) : 0.0; };
  const double typical_radial = rms(theta.head(layout.radial));
  const double typical_linear = rms(theta.tail(layout.linear()));
  const int n = static_cast<int>(theta.size());
  out.numeric.resize(n);
  for (int p = 0; p < n; ++p) {
    const double typical = p < layout.radial ? typical_radial : typical_linear;
    double h = step * std::max(std::fabs(theta[p]), typical);
    if (!(h > 0.0)) h = step;
    Eigen::VectorXd t = theta;
    auto at = [&](double k) {
      t[p] = theta[p] + k * h;
      return loss(t);
    };
    const double d1 = at(1) - at(-1), d2 = at(2) - at(-2);
    out.numeric[p] = (8.0 * d1 - d2) / (12.0 * h);
  }
  model.setParameters(theta);
  const double floor = 1e-6 * std::max(1e-300, out.analytic.cwiseAbs().maxCoeff());
  for (int p = 0; p < n; ++p) {
    const double a = out.analytic[p], b = out.numeric[p];
    const double rel = std::fabs(a - b) / std::max({std::fabs(a), std::fabs(b), floor});
    if (rel > out.worst_relative || out.worst_index < 0) {
      out.worst_relative = rel;
      out.worst_index = p;
    }
  }
  return out;
}

}  // namespace mtp
