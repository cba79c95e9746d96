// `mtp-engine calc-efs pot.mtp [pot2.mtp …] in.cfg out.cfg`: energies, forces and PlusStress (and
// optionally site energies) of every configuration, written in MLIP's layout with `Feature EFS_by`
// MultiMTP<m+1> as MLIP-3's calculate_efs does (m = number of basis functions).
//
// With K >= 2 potentials (an ensemble, e.g. `train --ensemble K`) the written energy, forces,
// PlusStress and site energies are the ensemble means, and each configuration gets the Features
//   EFS_by          EnsembleMTP<K>
//   ensemble_size   K
//   energy_std      σ(E), eV
//   force_std       per atom sqrt(σ²(F_x) + σ²(F_y) + σ²(F_z)), eV/Å, N numbers in atom order
//   force_std_max   the largest of them, eV/Å
//   stress_std      σ of each PlusStress component, eV, order xx yy zz yz xz xy
// where σ is the sample standard deviation over the K members (divisor K − 1).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "cli/command.h"
#include "cli/efs_common.h"
#include "io/cfg_writer.h"

namespace mtp::cli {
namespace {

std::string numbers(const std::vector<double>& v) {
  std::string s;
  char buf[32];
  for (size_t i = 0; i < v.size(); ++i) {
    std::snprintf(buf, sizeof buf, "%s%.8g", i ? " " : "", v[i]);
    s += buf;
  }
  return s;
}

// Running sums over ensemble members of one configuration (member order fixed: deterministic).
struct Moments {
  int k = 0;
  double e = 0.0, e2 = 0.0;
  std::vector<Vec3> f, f2;
  Stress6 s{}, s2{};
  std::vector<double> site;

  void add(const EfsResult& r) {
    if (k == 0) {
      f.assign(r.forces.size(), Vec3::Zero());
      f2 = f;
      site.assign(r.site_energies.size(), 0.0);
    }
    ++k;
    e += r.energy;
    e2 += r.energy * r.energy;
    for (size_t a = 0; a < r.forces.size(); ++a) {
      f[a] += r.forces[a];
      f2[a] += r.forces[a].cwiseProduct(r.forces[a]);
    }
    for (int c = 0; c < 6; ++c) {
      s[c] += r.plus_stress[c];
      s2[c] += r.plus_stress[c] * r.plus_stress[c];
    }
    for (size_t a = 0; a < r.site_energies.size(); ++a) site[a] += r.site_energies[a];
  }
  // Sample variance from sums; clamped at 0 against rounding.
  double var(double sum, double sum2) const {
    return k > 1 ? std::max(0.0, (sum2 - sum * sum / k) / (k - 1)) : 0.0;
  }
};

void writeEnsemble(Configuration& cfg, const Moments& m) {
  const double inv = 1.0 / m.k;
  cfg.energy = m.e * inv;
  cfg.forces.resize(m.f.size());
  std::vector<double> fstd(m.f.size());
  double fmax = 0.0;
  for (size_t a = 0; a < m.f.size(); ++a) {
    cfg.forces[a] = m.f[a] * inv;
    double v = 0.0;
    for (int c = 0; c < 3; ++c) v += m.var(m.f[a][c], m.f2[a][c]);
    fstd[a] = std::sqrt(v);
    fmax = std::max(fmax, fstd[a]);
  }
  Stress6 mean{};
  std::vector<double> sstd(6);
  for (int c = 0; c < 6; ++c) {
    mean[c] = m.s[c] * inv;
    sstd[c] = std::sqrt(m.var(m.s[c], m.s2[c]));
  }
  cfg.plus_stress = mean;
  cfg.site_energies = m.site;
  for (double& v : cfg.site_energies) v *= inv;
  cfg.setFeature("EFS_by", "EnsembleMTP" + std::to_string(m.k));
  cfg.setFeature("ensemble_size", std::to_string(m.k));
  cfg.setFeature("energy_std", numbers({std::sqrt(m.var(m.e, m.e2))}));
  cfg.setFeature("force_std", numbers(fstd));
  cfg.setFeature("force_std_max", numbers({fmax}));
  cfg.setFeature("stress_std", numbers(sstd));
}

int run(CommandContext& ctx) {
  const auto& pos = ctx.args.positionals();
  if (pos.size() < 3) throw UsageError("calc-efs needs pot.mtp [pot2.mtp …] in.cfg out.cfg");
  const size_t k = pos.size() - 2;
  const std::string& in = pos[k];
  const std::string& out = pos[k + 1];
  Stopwatch total;
  std::vector<MtpEvaluator> evs;
  for (size_t p = 0; p < k; ++p) evs.push_back(loadEvaluator(pos[p], ctx.reporter));
  Stopwatch read;
  std::vector<Configuration> cfgs = loadConfigurations(in, ctx.reporter);
  const double read_s = read.seconds();
  EfsOptions options;
  options.site_energies = ctx.args.flag("site-energies");
  Stopwatch eval;
  long atoms = 0;
  for (const Configuration& c : cfgs) atoms += c.size();
  if (k == 1) {
    std::vector<EfsResult> results = evaluateAll(evs[0], cfgs, options, ctx.threads, ctx.reporter);
    const std::string efs_by = "MultiMTP" + std::to_string(evs[0].model().scalar_count + 1);
    for (size_t c = 0; c < cfgs.size(); ++c) {
      Configuration& cfg = cfgs[c];
      cfg.energy = results[c].energy;
      cfg.forces = std::move(results[c].forces);
      cfg.plus_stress = results[c].plus_stress;
      cfg.site_energies = std::move(results[c].site_energies);
      cfg.setFeature("EFS_by", efs_by);
    }
  } else {
    std::vector<Moments> moments(cfgs.size());
    for (const MtpEvaluator& ev : evs) {
      const std::vector<EfsResult> results = evaluateAll(ev, cfgs, options, ctx.threads, ctx.reporter);
      for (size_t c = 0; c < cfgs.size(); ++c) moments[c].add(results[c]);
    }
    for (size_t c = 0; c < cfgs.size(); ++c) writeEnsemble(cfgs[c], moments[c]);
  }
  const double eval_s = eval.seconds();
  CfgWriteOptions wopt;
  wopt.lossless = ctx.args.flag("lossless");
  writeCfgFile(out, cfgs, wopt);
  JsonObject r;
  r.add("output", out)
      .add("potentials", static_cast<long>(k))
      .add("configurations", static_cast<long>(cfgs.size()))
      .add("atoms", atoms)
      .add("threads", ctx.threads)
      .add("read_seconds", read_s)
      .add("evaluate_seconds", eval_s)
      .add("total_seconds", total.seconds());
  ctx.reporter.log("info", "evaluated " + std::to_string(cfgs.size()) + " configurations with " +
                               std::to_string(k) + " potential(s) in " + std::to_string(eval_s) + " s");
  ctx.reporter.result(r, "");
  return 0;
}

CommandRegistration reg({"calc-efs", "pot.mtp [pot2.mtp …] in.cfg out.cfg",
                         "energies, forces and stresses (PlusStress) of every configuration, MLIP's .cfg layout; "
                         "with several potentials (an ensemble) the means, and per configuration the Features "
                         "ensemble_size, energy_std (eV), force_std (per atom, eV/A), force_std_max (eV/A), "
                         "stress_std (PlusStress xx yy zz yz xz xy, eV): sample standard deviations over the "
                         "potentials",
                         OptionSpec()
                             .flag("site-energies", "also write per-atom energies (site_en column)")
                             .flag("lossless", "write every number with 17 significant digits"),
                         run});

}  // namespace
}  // namespace mtp::cli
