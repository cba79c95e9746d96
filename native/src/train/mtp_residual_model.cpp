#include "train/mtp_residual_model.h"

#include <stdexcept>

#include "core/thread_pool.h"

namespace mtp {

MtpResidualModel::MtpResidualModel(const MtpPotential& pot, const std::vector<Configuration>& cfgs,
                                   const LossWeights& weights, int max_workers)
    : evaluator_(compileMtp(pot, /*allow_untrained=*/true)), cfgs_(cfgs),
      neighbors_(cfgs.size()), workspaces_(std::max(1, max_workers)) {
  layouts_.reserve(cfgs.size());
  for (const Configuration& c : cfgs) layouts_.push_back(residualLayout(c, weights));
  const double cutoff = evaluator_.cutoff();
  parallelFor(static_cast<int>(cfgs.size()), static_cast<int>(workspaces_.size()),
              [&](int c, int) { neighbors_[c] = buildNeighborList(cfgs_[c], cutoff); });
}

void MtpResidualModel::setParameters(const Eigen::VectorXd& theta) {
  if (theta.size() != paramCount()) throw std::invalid_argument("parameter vector has the wrong size");
  mtp::setParameters(evaluator_.model(), std::vector<double>(theta.data(), theta.data() + theta.size()));
}

EfsResult MtpResidualModel::efs(int c, int worker) const {
  return evaluator_.compute(cfgs_[c], neighbors_[c], EfsOptions{}, workspaces_[worker]);
}

void MtpResidualModel::evaluate(int c, bool with_jacobian, int worker, ModelRows& out) const {
  const Configuration& cfg = cfgs_[c];
  const ResidualLayout& lay = layouts_[c];
  const int n = cfg.size();
  EvalWorkspace& ws = workspaces_[worker];
  out.values.resize(lay.rows);
  auto fill_values = [&](const EfsResult& r) {
    if (lay.has_energy) out.values[lay.energy_row] = r.energy;
    if (lay.has_forces)
      for (int a = 0; a < n; ++a)
        for (int d = 0; d < 3; ++d) out.values[lay.force_row + 3 * a + d] = r.forces[a][d];
    if (lay.has_stress)
      for (int s = 0; s < 6; ++s) out.values[lay.stress_row + s] = r.plus_stress[s];
  };
  if (!with_jacobian) {
    EfsOptions opt;
    opt.forces = lay.has_forces || lay.has_stress;
    fill_values(evaluator_.compute(cfg, neighbors_[c], opt, ws));
    out.jacobian.resize(0, 0);
    return;
  }
  EfsJacobian jac = evaluator_.jacobian(cfg, neighbors_[c], ws);
  fill_values(jac.values);
  if (lay.has_energy && lay.has_forces && lay.has_stress) {
    // The evaluator's row order (E, F atom-major, PlusStress) is the layout's when all are fitted.
    out.jacobian = std::move(jac.rows);
    return;
  }
  out.jacobian.resize(lay.rows, jac.rows.cols());
  if (lay.has_energy) out.jacobian.row(lay.energy_row) = jac.rows.row(EfsJacobian::energyRow());
  if (lay.has_forces)
    out.jacobian.middleRows(lay.force_row, 3 * n) = jac.rows.middleRows(EfsJacobian::forceRow(0, 0), 3 * n);
  if (lay.has_stress)
    out.jacobian.middleRows(lay.stress_row, 6) = jac.rows.middleRows(EfsJacobian::stressRow(n, 0), 6);
}

void MtpResidualModel::addWeightedGradient(int c, const Eigen::VectorXd& wr, double scale, int worker,
                                           Eigen::VectorXd& gradient) const {
  const ResidualLayout& lay = layouts_[c];
  const int n = cfgs_[c].size();
  const double we = lay.has_energy ? wr[lay.energy_row] : 0.0;
  std::vector<Vec3> lambda;
  if (lay.has_forces) {
    lambda.resize(n);
    for (int a = 0; a < n; ++a)
      for (int d = 0; d < 3; ++d) lambda[a][d] = wr[lay.force_row + 3 * a + d];
  }
  Stress6 sigma{};
  if (lay.has_stress)
    for (int s = 0; s < 6; ++s) sigma[s] = wr[lay.stress_row + s];
  evaluator_.addFunctionalGradient(cfgs_[c], neighbors_[c], we, lay.has_forces ? &lambda : nullptr,
                                   lay.has_stress ? &sigma : nullptr, scale, workspaces_[worker],
                                   gradient.data());
}

}  // namespace mtp
