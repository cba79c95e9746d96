#include "train/error_report.h"

#include <algorithm>
#include <cmath>
#include <set>

#include <Eigen/LU>

#include "core/thread_pool.h"

namespace mtp {

namespace {
constexpr double kEvPerA3ToGPa = 160.2176634;

// Per-configuration errors, computed in parallel and merged in configuration order.
struct CfgErrors {
  bool has_energy = false;
  double energy = 0.0;                 // eV/atom
  std::vector<double> force;           // 3N components
  std::vector<double> stress;          // 6 components, GPa
};
}  // namespace

void ErrorStats::add(double e) {
  ++count;
  sum_sq += e * e;
  sum_abs += std::fabs(e);
  max_abs = std::max(max_abs, std::fabs(e));
}

void ErrorStats::merge(const ErrorStats& o) {
  count += o.count;
  sum_sq += o.sum_sq;
  sum_abs += o.sum_abs;
  max_abs = std::max(max_abs, o.max_abs);
}

double ErrorStats::rmse() const { return count ? std::sqrt(sum_sq / count) : 0.0; }
double ErrorStats::mae() const { return count ? sum_abs / count : 0.0; }

ErrorReport computeErrors(const MtpResidualModel& model, const std::string& group_feature, int threads) {
  const int k = model.configCount();
  std::vector<CfgErrors> per(k);
  if (threads <= 0) threads = hardwareThreads();
  threads = std::min(threads, model.workerLimit());
  parallelFor(k, threads, [&](int c, int worker) {
    const Configuration& cfg = model.configuration(c);
    const int n = cfg.size();
    const EfsResult r = model.efs(c, worker);
    CfgErrors& e = per[c];
    if (cfg.energy && n > 0) {
      e.has_energy = true;
      e.energy = (r.energy - *cfg.energy) / n;
    }
    if (cfg.hasForces())
      for (int a = 0; a < n; ++a)
        for (int d = 0; d < 3; ++d) e.force.push_back(r.forces[a][d] - cfg.forces[a][d]);
    if (cfg.plus_stress && cfg.periodic(0) && cfg.periodic(1) && cfg.periodic(2)) {
      const double scale = kEvPerA3ToGPa / cfg.volume();
      for (int s = 0; s < 6; ++s) e.stress.push_back((r.plus_stress[s] - (*cfg.plus_stress)[s]) * scale);
    }
  });
  ErrorReport rep;
  for (int c = 0; c < k; ++c) {
    const Configuration& cfg = model.configuration(c);
    const CfgErrors& e = per[c];
    std::vector<ErrorSummary*> targets{&rep.all};
    if (!group_feature.empty())
      if (const std::string* g = cfg.feature(group_feature)) targets.push_back(&rep.groups[*g]);
    const std::set<int> present(cfg.types.begin(), cfg.types.end());
    for (int t : present) targets.push_back(&rep.species[t]);
    for (ErrorSummary* s : targets) {
      if (e.has_energy) s->energy.add(e.energy);
      for (double v : e.stress) s->stress.add(v);
    }
    // Forces go to the whole-set and group summaries for every atom, to a species only for its atoms.
    for (size_t i = 0; i < e.force.size(); ++i) {
      const int t = cfg.types[i / 3];
      rep.all.force.add(e.force[i]);
      if (targets.size() > 1 + present.size()) targets[1]->force.add(e.force[i]);
      rep.species[t].force.add(e.force[i]);
    }
  }
  return rep;
}

}  // namespace mtp
