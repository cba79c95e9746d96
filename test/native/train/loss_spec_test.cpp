// The loss of MLIP_FORMATS.md §3 / paper eqs. 7, 11, 12: per-row weights, and the pass's loss equal
// to the formula evaluated directly from energies, forces and stresses.
#include <cmath>

#include "eval/mtp_evaluator.h"
#include "testing.h"
#include "train/loss_pass.h"
#include "train/mtp_residual_model.h"
#include "train/parameter_vector.h"
#include "train_fixtures.h"

using namespace mtp;

namespace {

Configuration smallCfg() {
  Configuration c;
  c.lattice = Mat3::Identity() * 4.0;
  c.positions = {Vec3(0, 0, 0), Vec3(2.0, 2.0, 2.0)};
  c.types = {0, 0};
  c.energy = -10.0;
  c.forces = {Vec3(1.0, 0.0, 0.0), Vec3(0.0, 2.0, 0.0)};
  c.plus_stress = Stress6{1, 2, 3, 4, 5, 6};
  return c;
}

}  // namespace

TEST(row_weights_per_weighting) {
  const Configuration c = smallCfg();
  LossWeights w;
  w.energy = 2.0, w.force = 0.1, w.stress = 0.01;
  const double n = 2.0;
  struct Case { Weighting wt; double e, f, s; };
  for (const Case& k : {Case{Weighting::Vibrations, 2.0 / n, 0.1, 0.01 / n},
                        Case{Weighting::Molecules, 2.0, 0.1, 0.01},
                        Case{Weighting::Structures, 2.0 / (n * n), 0.1 / n, 0.01 / (n * n)}}) {
    w.weighting = k.wt;
    const ResidualLayout lay = residualLayout(c, w);
    CHECK(lay.rows == 1 + 6 + 6);
    CHECK(lay.energy_row == 0 && lay.force_row == 1 && lay.stress_row == 7);
    CHECK_NEAR(lay.weight[0], k.e, 1e-15);
    for (int i = 1; i < 7; ++i) CHECK_NEAR(lay.weight[i], k.f, 1e-15);
    for (int s = 0; s < 6; ++s) CHECK_NEAR(lay.weight[7 + s], k.s * (s < 3 ? 1.0 : 2.0), 1e-15);
    CHECK_NEAR(lay.reference[0], -10.0, 0.0);
    CHECK_NEAR(lay.reference[5], 2.0, 0.0);
    CHECK_NEAR(lay.reference[12], 6.0, 0.0);
    CHECK_NEAR(lay.volume, 64.0, 1e-12);
  }
}

TEST(scale_by_force_and_missing_quantities) {
  Configuration c = smallCfg();
  LossWeights w;
  w.scale_by_force = 0.5;
  ResidualLayout lay = residualLayout(c, w);
  CHECK_NEAR(lay.weight[1], 0.01 * 0.5 / (1.0 + 0.5), 1e-15);  // |F_1|^2 = 1
  CHECK_NEAR(lay.weight[4], 0.01 * 0.5 / (4.0 + 0.5), 1e-15);  // |F_2|^2 = 4
  c.plus_stress.reset();
  c.energy.reset();
  lay = residualLayout(c, w);
  CHECK(lay.rows == 6 && !lay.has_energy && !lay.has_stress && lay.force_row == 0);
  w.force = 0.0;  // a zero weight drops the term
  lay = residualLayout(c, w);
  CHECK(lay.rows == 0);
  CHECK_THROWS(parseWeighting("atoms"));
  CHECK(parseWeighting("structures") == Weighting::Structures);
}

TEST(pass_loss_equals_direct_formula) {
  const MtpPotential pot = trainfx::level10();
  const auto cfgs = trainfx::moConfigurations(4);
  const MtpEvaluator ev(compileMtp(pot));
  for (Weighting wt : {Weighting::Vibrations, Weighting::Molecules, Weighting::Structures}) {
    LossWeights w;
    w.weighting = wt;
    double direct = 0.0, e_sq = 0.0, f_sq = 0.0;
    long f_count = 0;
    for (const Configuration& c : cfgs) {
      EvalWorkspace ws;
      const EfsResult r = ev.compute(c, EfsOptions{}, ws);
      const double n = c.size();
      const double de = r.energy - *c.energy;
      double df = 0.0;
      for (int a = 0; a < c.size(); ++a) df += (r.forces[a] - c.forces[a]).squaredNorm();
      double ds = 0.0;  // full 3x3 Frobenius norm: off-diagonals twice
      for (int s = 0; s < 6; ++s) {
        const double d = r.plus_stress[s] - (*c.plus_stress)[s];
        ds += (s < 3 ? 1.0 : 2.0) * d * d;
      }
      const double ne = wt == Weighting::Molecules ? 1.0 : wt == Weighting::Vibrations ? n : n * n;
      const double nf = wt == Weighting::Structures ? n : 1.0;
      direct += w.energy * de * de / ne + w.force * df / nf + w.stress * ds / ne;
      e_sq += (de / n) * (de / n);
      f_sq += df;
      f_count += 3 * c.size();
    }
    direct /= cfgs.size();
    MtpResidualModel model(pot, cfgs, w, 2);
    model.setParameters(packParameters(pot));
    LossPassOptions opt;
    opt.linear_begin = paramLayout(pot).radial;
    opt.threads = 2;
    const LossPassResult r = LossPass(model).run(opt);
    CHECK_NEAR(r.loss, direct, 1e-12 * direct);
    CHECK_NEAR(r.energy.rmse(), std::sqrt(e_sq / cfgs.size()), 1e-12);
    CHECK_NEAR(r.force.rmse(), std::sqrt(f_sq / f_count), 1e-12);
    // The error moments re-evaluate the RMSE exactly after a change dw of the linear coefficients.
    const ParamLayout lay = paramLayout(pot);
    Eigen::VectorXd dw = Eigen::VectorXd::Zero(lay.linear());
    dw[0] = 1e-3;        // species constant: every energy shifts by N * 1e-3
    dw[3] = 2e-4;        // a moment coefficient
    Eigen::VectorXd theta = packParameters(pot);
    theta.tail(lay.linear()) += dw;
    model.setParameters(theta);
    LossPassOptions values = opt;
    values.jacobian = false;
    const LossPassResult moved = LossPass(model).run(values);
    CHECK_NEAR(r.energy.rmse(&dw), moved.energy.rmse(), 1e-10 * moved.energy.rmse());
    CHECK_NEAR(r.force.rmse(&dw), moved.force.rmse(), 1e-10 * moved.force.rmse());
    CHECK_NEAR(r.stress.rmse(&dw), moved.stress.rmse(), 1e-10 * moved.stress.rmse());
  }
}

TEST_MAIN()
