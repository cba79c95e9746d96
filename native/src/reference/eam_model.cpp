#include "reference/eam_model.h"

#include <cmath>
#include <sstream>
#include <stdexcept>

#include "core/errors.h"
#include "core/thread_pool.h"
#include "reference/eam_files.h"

namespace mtp {
namespace {

std::string baseName(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Shortest distance (Å) at which we still evaluate: below it the pair direction is undefined.
constexpr double kMinDistance = 1e-8;

}  // namespace

EamModel EamModel::fromTables(const EamTables& tables, const std::string& description) {
  EamModel m;
  auto shared = std::make_shared<const EamTables>(tables);
  m.functions_ = std::make_shared<const EamTabulated>(*shared);
  m.tables_ = shared;
  for (const auto& e : tables.elements) {
    m.element_names_.push_back(e.name);
    m.masses_.push_back(e.mass);
  }
  m.description_ = description;
  return m;
}

EamModel EamModel::fromFiles(const std::vector<std::string>& paths) {
  const EamTables tables = readEamPotentials(paths);
  const std::string style =
      tables.format == "setfl" ? "eam/alloy" : tables.format == "fs" ? "eam/fs" : "eam";
  std::ostringstream d;
  d << style;
  for (const auto& p : paths) d << " " << baseName(p);
  d << " (";
  for (int a = 0; a < tables.elementCount(); ++a)
    d << (a ? " " : "") << tables.elements[a].name;
  d << ")";
  return fromTables(tables, d.str());
}

EamModel EamModel::zhou2004(const std::vector<std::string>& elements, ZhouForm form,
                            const std::vector<ZhouElement>& table) {
  ZhouAlloy alloy(selectZhouElements(elements, table));
  std::string names;
  for (const auto& e : elements) names += (names.empty() ? "" : " ") + e;
  if (form == ZhouForm::Tabulated)
    return fromTables(alloy.tabulate(), "eam/alloy Zhou 2004 tabulated (" + names + ")");
  EamModel m;
  for (const auto& e : alloy.elements()) {
    m.element_names_.push_back(e.name);
    m.masses_.push_back(e.mass);
  }
  m.functions_ = std::make_shared<const EamZhouAnalytic>(std::move(alloy));
  m.description_ = "eam Zhou 2004 analytic (" + names + ")";
  return m;
}

EamResult EamModel::evaluate(const Configuration& cfg) const {
  return evaluate(cfg, buildNeighborList(cfg, cutoff()));
}

EamResult EamModel::evaluate(const Configuration& cfg, const NeighborList& nl) const {
  const int n = cfg.size();
  if (static_cast<int>(cfg.types.size()) != n || nl.atomCount() != n)
    throw std::invalid_argument("EamModel::evaluate: types/neighbour list do not match the atoms");
  if (nl.cutoff < cutoff())
    throw std::invalid_argument("EamModel::evaluate: neighbour list cutoff below the EAM cutoff");
  for (int i = 0; i < n; ++i)
    if (cfg.types[i] < 0 || cfg.types[i] >= elementCount())
      throw InputError("", 0, "type",
                       "atom " + std::to_string(i + 1) + " has type " + std::to_string(cfg.types[i]) +
                           " but the EAM potential has " + std::to_string(elementCount()) +
                           " element(s)");
  const EamFunctions& fn = *functions_;
  const double rc = fn.cutoff();  // a shared list may have a longer cutoff (strict r < rc as LAMMPS)
  EamResult res;
  res.forces.assign(n, Vec3::Zero());
  res.site_energies.assign(n, 0.0);

  // Host densities ρ_i, then F_i and F'_i.
  std::vector<double> dF(n, 0.0);
  for (int i = 0; i < n; ++i) {
    const int ti = cfg.types[i];
    double rho = 0.0;
    for (int e = nl.offsets[i]; e < nl.offsets[i + 1]; ++e) {
      const double r = nl.r[e];
      if (r >= rc) continue;
      if (!(r >= kMinDistance)) {
        std::ostringstream msg;
        msg << "atoms " << i + 1 << " and " << nl.index[e] + 1 << " are " << r
            << " A apart: EAM forces undefined";
        throw ComputeError(msg.str());
      }
      double f, df;
      fn.density(cfg.types[nl.index[e]], ti, r, f, df);
      rho += f;
    }
    double F;
    fn.embedding(ti, rho, F, dF[i]);
    res.site_energies[i] = F;
  }

  // The full list holds each pair once from each side; the entry i→j carries the terms of E that
  // belong to atom i: F_i's dependence on r (via f_{j→i}) and half of φ_ij.
  double w[6] = {0, 0, 0, 0, 0, 0};  // xx yy zz yz xz xy
  for (int i = 0; i < n; ++i) {
    const int ti = cfg.types[i];
    for (int e = nl.offsets[i]; e < nl.offsets[i + 1]; ++e) {
      const int j = nl.index[e];
      const int tj = cfg.types[j];
      const double r = nl.r[e];
      if (r >= rc) continue;
      double f, df, phi, dphi;
      fn.density(tj, ti, r, f, df);
      fn.pair(ti, tj, r, phi, dphi);
      res.site_energies[i] += 0.5 * phi;
      const double dEdr = dF[i] * df + 0.5 * dphi;
      const double s = dEdr / r;
      const Vec3 d(nl.dx[e], nl.dy[e], nl.dz[e]);  // x_j + T − x_i
      res.forces[i] += s * d;
      res.forces[j] -= s * d;
      w[0] -= s * d.x() * d.x();
      w[1] -= s * d.y() * d.y();
      w[2] -= s * d.z() * d.z();
      w[3] -= s * d.y() * d.z();
      w[4] -= s * d.x() * d.z();
      w[5] -= s * d.x() * d.y();
    }
  }
  for (int i = 0; i < n; ++i) res.energy += res.site_energies[i];
  for (int k = 0; k < 6; ++k) res.plus_stress[k] = w[k];
  return res;
}

void EamModel::annotate(Configuration& cfg, const std::string& by) const {
  EamResult r = evaluate(cfg);
  cfg.energy = r.energy;
  cfg.forces = std::move(r.forces);
  cfg.plus_stress = r.plus_stress;
  // Site energies from an earlier model would no longer match; a DFT code reports none either.
  cfg.site_energies.clear();
  cfg.setFeature("EFS_by", by + " " + description_);
}

void EamModel::annotateAll(std::vector<Configuration>& cfgs, int threads, const std::string& by) const {
  parallelFor(static_cast<int>(cfgs.size()), threads,
              [&](int item, int /*worker*/) { annotate(cfgs[item], by); });
}

}  // namespace mtp
