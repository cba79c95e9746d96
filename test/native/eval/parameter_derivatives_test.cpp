// ∂E/∂θ and the (E, F, PlusStress) Jacobian against central finite differences in θ, and the
// Jacobian's values against compute(). Tolerance: 1e-6 relative to the largest entry of each
// checked column (columns cover radial, species and moment coefficients).
#include <algorithm>
#include <cmath>

#include "eval/compiled_mtp.h"
#include "eval/eval_fixtures.h"
#include "eval/fd_checks.h"
#include "eval/mtp_evaluator.h"
#include "testing.h"

using namespace mtp;
using namespace evaltest;

namespace {

// All outputs of one evaluation as a vector in EfsJacobian row order.
Eigen::VectorXd outputs(const MtpEvaluator& ev, const Configuration& cfg, const NeighborList& nl, EvalWorkspace& ws) {
  const EfsResult r = ev.compute(cfg, nl, EfsOptions{}, ws);
  const int n = cfg.size();
  Eigen::VectorXd v(1 + 3 * n + 6);
  v[0] = r.energy;
  for (int a = 0; a < n; ++a)
    for (int c = 0; c < 3; ++c) v[EfsJacobian::forceRow(a, c)] = r.forces[a][c];
  for (int s = 0; s < 6; ++s) v[EfsJacobian::stressRow(n, s)] = r.plus_stress[s];
  return v;
}

void checkCase(int level, int species, const Mat3& lattice, int atoms, unsigned seed) {
  const MtpPotential pot = randomPotential(level, species, seed, 1.9, 5.0, 0.2);
  MtpEvaluator ev(compileMtp(pot));
  const Configuration cfg = randomConfiguration(lattice, atoms, species, seed + 1, 1.7);
  const NeighborList nl = buildNeighborList(cfg, ev.cutoff());
  EvalWorkspace ws;
  const EfsJacobian jac = ev.jacobian(cfg, nl, ws);
  const EfsResult grad = ev.compute(cfg, nl, EfsOptions{true, false, true}, ws);
  const Eigen::VectorXd base = outputs(ev, cfg, nl, ws);
  const int n = cfg.size();
  // Values from the Jacobian pass equal the plain evaluation.
  CHECK(std::fabs(jac.values.energy - base[0]) <= 1e-12 * std::fabs(base[0]) + 1e-12);
  double fmax = 0, fdiff = 0;
  for (int a = 0; a < n; ++a) {
    fmax = std::max(fmax, jac.values.forces[a].cwiseAbs().maxCoeff());
    for (int c = 0; c < 3; ++c) fdiff = std::max(fdiff, std::fabs(jac.values.forces[a][c] - base[EfsJacobian::forceRow(a, c)]));
  }
  CHECK(fdiff <= 1e-12 * fmax);

  const std::vector<double> theta0 = parameters(ev.model());
  const int P = static_cast<int>(theta0.size());
  double worst = 0.0, worst_grad = 0.0;
  for (int p = 0; p < P; ++p) {
    // E, F and S are polynomials of degree <= 4 in any single θ_p (at most four moments per
    // basis function, each linear in c), for which this stencil is exact: a large step only
    // reduces round-off (checked: the error falls as h grows).
    const double h = 1e-1 * std::max(1.0, std::fabs(theta0[p]));
    auto at = [&](double d) {
      std::vector<double> t = theta0;
      t[p] += d;
      setParameters(ev.model(), t);
      return outputs(ev, cfg, nl, ws);
    };
    const Eigen::VectorXd fd =
        (8.0 * (at(h) - at(-h)) - (at(2 * h) - at(-2 * h))) / (12.0 * h);
    setParameters(ev.model(), theta0);
    const double scale = std::max(fd.cwiseAbs().maxCoeff(), 1e-12);
    const double err = (fd - jac.rows.col(p)).cwiseAbs().maxCoeff() / scale;
    if (err > 1e-6) std::fprintf(stderr, "  column %d: scale %.3g err %.3g E-grad %.6g fd %.6g\n", p, scale, err, grad.energy_gradient[p], fd[0]);
    worst = std::max(worst, err);
    worst_grad = std::max(worst_grad, std::fabs(grad.energy_gradient[p] - fd[0]) / std::max(std::fabs(fd[0]), 1e-12));
    CHECK(std::fabs(grad.energy_gradient[p] - jac.rows(0, p)) <= 1e-10 * std::max(1.0, std::fabs(fd[0])));
  }
  std::fprintf(stderr, "level %d, %d species, %d atoms, %d params: worst Jacobian column rel err %.3g, dE/dθ %.3g\n",
               level, species, n, P, worst, worst_grad);
  CHECK(worst <= 1e-6);
  CHECK(worst_grad <= 1e-6);
}

}  // namespace

TEST(jacobian_level8_two_species_triclinic) {
  Mat3 L;
  L << 4.4, 0.0, 0.0, 1.2, 4.1, 0.0, -0.6, 0.9, 4.3;
  checkCase(8, 2, L, 5, 11);
}
TEST(jacobian_level10_one_species_small_cubic) { checkCase(10, 1, Mat3::Identity() * 3.2, 2, 21); }
TEST(jacobian_level12_three_species_cluster) { checkCase(12, 3, Mat3::Zero(), 6, 31); }
TEST(jacobian_level16_two_species_slab) {
  Mat3 L = Mat3::Zero();
  L.row(0) << 4.6, 0.0, 0.0;
  L.row(1) << 0.7, 4.2, 0.0;
  checkCase(16, 2, L, 5, 41);
}

TEST_MAIN()
