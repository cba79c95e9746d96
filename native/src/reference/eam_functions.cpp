#include "reference/eam_functions.h"

#include <stdexcept>

namespace mtp {

EamTabulated::EamTabulated(const EamTables& t)
    : n_(t.elementCount()), cutoff_(t.cutoff), rho_max_(t.rho_max) {
  if (n_ < 1) throw std::invalid_argument("EAM tables without elements");
  if (static_cast<int>(t.embedding.size()) != n_ || static_cast<int>(t.density.size()) != n_ ||
      static_cast<int>(t.r_phi.size()) != n_)
    throw std::invalid_argument("EAM tables: inconsistent element count");
  for (int a = 0; a < n_; ++a)
    embedding_.emplace_back(t.embedding[a], t.drho, EamSpline::Clamp::Density);
  for (int s = 0; s < n_; ++s)
    for (int h = 0; h < n_; ++h) density_.emplace_back(t.density[s][h], t.dr, EamSpline::Clamp::Radial);
  for (int a = 0; a < n_; ++a)
    for (int b = 0; b < n_; ++b) r_phi_.emplace_back(t.r_phi[a][b], t.dr, EamSpline::Clamp::Radial);
}

void EamTabulated::embedding(int a, double rho, double& F, double& dF) const {
  embedding_[a].evaluate(rho, F, dF);
  // Beyond the table (e.g. two atoms very close) LAMMPS adds the linear term so that energy stays
  // consistent with the (clamped) derivative.
  if (rho > rho_max_) F += dF * (rho - rho_max_);
}

void EamTabulated::density(int source, int host, double r, double& f, double& df) const {
  density_[source * n_ + host].evaluate(r, f, df);
}

void EamTabulated::pair(int a, int b, double r, double& phi, double& dphi) const {
  double z, dz;
  r_phi_[a * n_ + b].evaluate(r, z, dz);
  const double recip = 1.0 / r;
  phi = z * recip;
  dphi = dz * recip - phi * recip;
}

}  // namespace mtp
