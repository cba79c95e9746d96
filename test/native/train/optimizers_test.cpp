// The optimisers on problems with known minima: variable-projection Levenberg–Marquardt on a
// separable exponential fit (two decay rates nonlinear, two amplitudes linear), L-BFGS training on
// the same, and the generic L-BFGS + Wolfe line search on the Rosenbrock function.
#include <cmath>
#include <cstdio>

#include "testing.h"
#include "train/lbfgs.h"
#include "train/lbfgs_training.h"
#include "train/varpro_lm.h"

using namespace mtp;

namespace {

// y(x) = a0 exp(-k0 x) + a1 exp(-k1 x) sampled at 8 points per "configuration"; theta = (k0, k1,
// a0, a1): k nonlinear (the "radial" block), a linear (the "moment" block).
class ExponentialModel : public ResidualModel {
 public:
  ExponentialModel() {
    const double k[2] = {0.7, 2.3}, a[2] = {1.5, -0.8};
    for (int c = 0; c < 5; ++c) {
      ResidualLayout lay;
      lay.rows = 8;
      lay.atoms = 1;
      for (int r = 0; r < 8; ++r) {
        const double x = 0.1 * (8 * c + r);
        lay.reference.push_back(a[0] * std::exp(-k[0] * x) + a[1] * std::exp(-k[1] * x));
        lay.weight.push_back(1.0);
      }
      layouts_.push_back(lay);
    }
  }
  int configCount() const override { return 5; }
  int paramCount() const override { return 4; }
  const ResidualLayout& layout(int c) const override { return layouts_[c]; }
  int atoms(int) const override { return 1; }
  void setParameters(const Eigen::VectorXd& t) override { theta_ = t; }
  void evaluate(int c, bool jac, int, ModelRows& out) const override {
    out.values.resize(8);
    if (jac) out.jacobian.resize(8, 4);
    for (int r = 0; r < 8; ++r) {
      const double x = 0.1 * (8 * c + r);
      const double e0 = std::exp(-theta_[0] * x), e1 = std::exp(-theta_[1] * x);
      out.values[r] = theta_[2] * e0 + theta_[3] * e1;
      if (jac) out.jacobian.row(r) << -x * theta_[2] * e0, -x * theta_[3] * e1, e0, e1;
    }
  }

 private:
  std::vector<ResidualLayout> layouts_;
  Eigen::VectorXd theta_ = Eigen::VectorXd::Zero(4);
};

ParamLayout exponentialLayout() {
  ParamLayout l;
  l.radial = 2;
  l.moment = 2;
  return l;
}

}  // namespace

TEST(varpro_lm_recovers_separable_fit) {
  for (bool secant : {false, true}) {
    ExponentialModel model;
    const RadialRegularizer none(1, 2, 1, 0.0);
    LmOptions o;
    o.ridge = 0.0;
    o.structured_secant = secant;
    VarProLevenbergMarquardt lm(model, exponentialLayout(), none, o, 2, nullptr);
    Eigen::VectorXd start(4);
    start << 0.3, 3.5, 0.0, 0.0;
    lm.start(start);
    for (int i = 0; i < 60 && lm.iterate(); ++i) {
    }
    const Eigen::VectorXd& t = lm.theta();
    CHECK_NEAR(t[0], 0.7, 1e-7);
    CHECK_NEAR(t[1], 2.3, 1e-7);
    CHECK_NEAR(t[2], 1.5, 1e-7);
    CHECK_NEAR(t[3], -0.8, 1e-7);
    CHECK(lm.loss() < 1e-20);
    CHECK(lm.evaluations() < 40);
    std::fprintf(stderr, "  VarPro LM%s: %ld evaluations\n", secant ? " + structured secant" : "", lm.evaluations());
    // The optimiser state (damping, secant matrix) round-trips through restore().
    VarProLevenbergMarquardt copy(model, exponentialLayout(), none, o, 1, nullptr);
    copy.restore(lm.thetaIn(), lm.state());
    CHECK(copy.state() == lm.state());
    CHECK((copy.theta().array() == lm.theta().array()).all());
  }
}

TEST(lbfgs_training_reduces_loss_on_separable_fit) {
  ExponentialModel model;
  const RadialRegularizer none(1, 2, 1, 0.0);
  LbfgsTraining opt(model, exponentialLayout(), none, 10, 25, 0.0, 1, nullptr);
  Eigen::VectorXd start(4);
  start << 0.5, 2.8, 0.0, 0.0;
  opt.start(start);
  const double first = opt.loss();
  int it = 0;
  while (it < 300 && opt.iterate()) ++it;
  std::fprintf(stderr, "  L-BFGS: %d iterations, loss %.3g -> %.3g, %ld evaluations\n", it, first, opt.loss(),
               opt.evaluations());
  CHECK(opt.loss() < 1e-6 * first);
  CHECK_NEAR(opt.theta()[0], 0.7, 1e-3);
  CHECK_NEAR(opt.theta()[1], 2.3, 1e-3);
}

TEST(lbfgs_with_wolfe_minimises_rosenbrock) {
  auto f = [](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
    g.resize(2);
    g[0] = -2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] * x[0]);
    g[1] = 200 * (x[1] - x[0] * x[0]);
    return (1 - x[0]) * (1 - x[0]) + 100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0]);
  };
  Lbfgs lbfgs(5);
  Eigen::VectorXd x(2), g;
  x << -1.2, 1.0;
  double fx = f(x, g);
  int it = 0;
  for (; it < 200 && g.norm() > 1e-10; ++it) {
    const Eigen::VectorXd d = lbfgs.direction(g, 1e-3);
    Eigen::VectorXd gt;
    auto phi = [&](double a, double& dphi) {
      const double v = f(x + a * d, gt);
      dphi = gt.dot(d);
      return v;
    };
    const double a = wolfeLineSearch(phi, fx, g.dot(d), 1.0);
    CHECK(a > 0.0);
    if (!(a > 0.0)) break;
    const Eigen::VectorXd xn = x + a * d;
    Eigen::VectorXd gn;
    const double fn = f(xn, gn);
    CHECK(fn <= fx + 1e-4 * a * g.dot(d));  // sufficient decrease (Armijo)
    lbfgs.update(xn - x, gn - g);
    x = xn, g = gn, fx = fn;
  }
  CHECK_NEAR(x[0], 1.0, 1e-8);
  CHECK_NEAR(x[1], 1.0, 1e-8);
  CHECK(it < 100);
  // The state round-trips (checkpoints).
  Lbfgs copy(5);
  copy.restore(lbfgs.state(2), 0);
  CHECK((copy.direction(g) - lbfgs.direction(g)).norm() == 0.0);
}

TEST_MAIN()
