#include "sim/extrapolation_monitor.h"

#include "core/errors.h"

namespace mtp {

ConfigurationGrade ExtrapolationMonitor::grade(const Configuration& cfg, const ForceResult& r,
                                               ForceFieldWorker& worker) const {
  const SelectionSettings& s = set_.settings();
  if (s.mode == GradeMode::Cfg) {
    if (r.energy_gradient.empty()) throw ComputeError("extrapolation grade needs ∂E/∂θ from the MTP");
    Eigen::MatrixXd row = Eigen::Map<const Eigen::RowVectorXd>(r.energy_gradient.data(), r.energy_gradient.size());
    if (s.weighting != RowWeighting::Molecules && cfg.size() > 0) row /= static_cast<double>(cfg.size());
    return set_.gradeRows(row);
  }
  EvalWorkspace local;
  EvalWorkspace* ws = worker.workspace() ? worker.workspace() : &local;
  const NeighborList nl = buildNeighborList(cfg, set_.evaluator().cutoff());
  return set_.gradeRows(siteEnergyGradients(set_.evaluator(), cfg, nl, *ws));
}

}  // namespace mtp
