#include "active/selection_rows.h"

#include <algorithm>
#include <exception>
#include <stdexcept>

#include "core/errors.h"
#include "core/thread_pool.h"

namespace mtp {

GradeMode parseGradeMode(const std::string& s) {
  if (s == "cfg") return GradeMode::Cfg;
  if (s == "nbh") return GradeMode::Nbh;
  throw std::invalid_argument("grade mode must be cfg or nbh, not '" + s + "'");
}

std::string gradeModeName(GradeMode m) { return m == GradeMode::Cfg ? "cfg" : "nbh"; }

RowWeighting parseRowWeighting(const std::string& s) {
  if (s == "vibrations") return RowWeighting::Vibrations;
  if (s == "structures") return RowWeighting::Structures;
  if (s == "molecules") return RowWeighting::Molecules;
  throw std::invalid_argument("weighting must be vibrations, structures or molecules, not '" + s + "'");
}

std::string rowWeightingName(RowWeighting w) {
  switch (w) {
    case RowWeighting::Vibrations: return "vibrations";
    case RowWeighting::Structures: return "structures";
    default: return "molecules";
  }
}

Eigen::MatrixXd siteEnergyGradients(const MtpEvaluator& ev, const Configuration& cfg, const NeighborList& nl,
                                    EvalWorkspace& ws, std::vector<double>* site_energies) {
  const CompiledMtp& m = ev.model();
  const int n = cfg.size(), C = m.species;
  Eigen::MatrixXd out(n, m.param_count);
  if (site_energies) site_energies->assign(n, 0.0);
  // Atom 0 = the centre, atoms 1..C = stand-ins of species 0..C-1 (positions are not used when a
  // neighbour list is given; only types and the list's r_ij are).
  Configuration local;
  local.positions.assign(C + 1, Vec3::Zero());
  local.types.resize(C + 1);
  for (int s = 0; s < C; ++s) local.types[s + 1] = s;
  NeighborList ln;
  ln.cutoff = nl.cutoff;
  EfsOptions opt;
  opt.forces = false;
  opt.energy_gradient = true;
  double stand_in_energy = 0.0;
  for (int s = 0; s < C; ++s) stand_in_energy += m.species_coeffs[s];
  for (int i = 0; i < n; ++i) {
    const int nn = nl.count(i), off = nl.offsets[i];
    if (cfg.types[i] < 0 || cfg.types[i] >= C)
      throw ComputeError("atom type " + std::to_string(cfg.types[i]) + " is outside the potential's species");
    local.types[0] = cfg.types[i];
    ln.offsets.assign(C + 2, nn);
    ln.offsets[0] = 0;
    ln.index.resize(nn);
    ln.dx.assign(nl.dx.begin() + off, nl.dx.begin() + off + nn);
    ln.dy.assign(nl.dy.begin() + off, nl.dy.begin() + off + nn);
    ln.dz.assign(nl.dz.begin() + off, nl.dz.begin() + off + nn);
    ln.r.assign(nl.r.begin() + off, nl.r.begin() + off + nn);
    for (int j = 0; j < nn; ++j) ln.index[j] = 1 + cfg.types[nl.index[off + j]];
    EfsResult r = ev.compute(local, ln, opt, ws);
    // A stand-in has no neighbours: all its moments are 0, so it adds exactly 1 to its species'
    // derivative and its species constant to the energy.
    for (int s = 0; s < C; ++s) r.energy_gradient[m.speciesOffset() + s] -= 1.0;
    out.row(i) = Eigen::Map<const Eigen::RowVectorXd>(r.energy_gradient.data(), m.param_count);
    if (site_energies) (*site_energies)[i] = r.energy - stand_in_energy;
  }
  return out;
}

Eigen::MatrixXd selectionRows(const MtpEvaluator& ev, const Configuration& cfg, GradeMode mode,
                              RowWeighting weighting, EvalWorkspace& ws) {
  const NeighborList nl = buildNeighborList(cfg, ev.cutoff());
  if (mode == GradeMode::Nbh) return siteEnergyGradients(ev, cfg, nl, ws);
  EfsOptions opt;
  opt.forces = false;
  opt.energy_gradient = true;
  const EfsResult r = ev.compute(cfg, nl, opt, ws);
  Eigen::MatrixXd row = Eigen::Map<const Eigen::RowVectorXd>(r.energy_gradient.data(), r.energy_gradient.size());
  if (weighting != RowWeighting::Molecules && cfg.size() > 0) row /= static_cast<double>(cfg.size());
  return row;
}

RowBatch selectionRowsBatch(const MtpEvaluator& ev, const std::vector<Configuration>& cfgs, int begin, int end,
                            GradeMode mode, RowWeighting weighting, int threads) {
  RowBatch out;
  const int count = std::max(0, end - begin);
  out.rows.resize(count);
  out.errors.resize(count);
  if (threads <= 0) threads = hardwareThreads();
  std::vector<EvalWorkspace> ws(std::max(1, std::min(threads, count)));
  parallelFor(count, threads, [&](int item, int worker) {
    try {
      out.rows[item] = selectionRows(ev, cfgs[begin + item], mode, weighting, ws[worker]);
    } catch (const std::exception& e) {
      out.rows[item].resize(0, ev.model().param_count);
      out.errors[item] = e.what();
    }
  });
  return out;
}

}  // namespace mtp
