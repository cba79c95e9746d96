#include "reference/eam_tables.h"

#include <algorithm>
#include <stdexcept>

namespace mtp {
namespace {

// LAMMPS's resampling of a funcfl table (1-based nodes k at (k−1)·d_f) onto a new grid: 4-point
// Lagrange interpolation through nodes k−1..k+2 with k clamped to [2, n−2] and p ≤ 2, evaluated with
// the same operations as PairEAM::file2array so that the combined tables are bit-identical.
double lagrange4(const std::vector<double>& f, double spacing, double x) {
  const double sixth = 1.0 / 6.0;
  const int n = static_cast<int>(f.size());
  double p = x / spacing + 1.0;
  int k = static_cast<int>(p);
  k = std::min(k, n - 2);
  k = std::max(k, 2);
  p -= k;
  p = std::min(p, 2.0);
  const double c1 = -sixth * p * (p - 1.0) * (p - 2.0);
  const double c2 = 0.5 * (p * p - 1.0) * (p - 2.0);
  const double c3 = -0.5 * p * (p + 1.0) * (p - 2.0);
  const double c4 = sixth * p * (p * p - 1.0);
  // 1-based f[k−1..k+2] = 0-based f[k−2..k+1].
  return c1 * f[k - 2] + c2 * f[k - 1] + c3 * f[k] + c4 * f[k + 1];
}

}  // namespace

EamTables combineFuncfl(const std::vector<FuncflFile>& files) {
  if (files.empty()) throw std::invalid_argument("combineFuncfl: no files");
  EamTables t;
  t.format = "funcfl";
  double rmax = 0.0;
  for (const auto& f : files) {
    if (f.nrho < 4 || f.nr < 4) throw std::invalid_argument("combineFuncfl: table too short");
    t.dr = std::max(t.dr, f.dr);
    t.drho = std::max(t.drho, f.drho);
    rmax = std::max(rmax, (f.nr - 1) * f.dr);
    t.rho_max = std::max(t.rho_max, (f.nrho - 1) * f.drho);
    t.cutoff = std::max(t.cutoff, f.cutoff);
  }
  // As LAMMPS: the node count is range/spacing rounded, so the common grid ends one spacing short of
  // the longest file's range; rho_max keeps the files' value (the linear extension starts there).
  t.nr = static_cast<int>(rmax / t.dr + 0.5);
  t.nrho = static_cast<int>(t.rho_max / t.drho + 0.5);

  const int n = static_cast<int>(files.size());
  t.embedding.assign(n, std::vector<double>(t.nrho));
  t.density.assign(n, std::vector<std::vector<double>>(n));
  t.r_phi.assign(n, std::vector<std::vector<double>>(n));
  std::vector<std::vector<double>> charge(n, std::vector<double>(t.nr));
  for (int a = 0; a < n; ++a) {
    const auto& f = files[a];
    t.elements.push_back(f.element);
    for (int m = 0; m < t.nrho; ++m) t.embedding[a][m] = lagrange4(f.embedding, f.drho, m * t.drho);
    std::vector<double> rho(t.nr);
    for (int m = 0; m < t.nr; ++m) {
      const double r = m * t.dr;
      rho[m] = lagrange4(f.density, f.dr, r);
      charge[a][m] = lagrange4(f.charge, f.dr, r);
    }
    for (int h = 0; h < n; ++h) t.density[a][h] = rho;
  }
  // r·φ_ab = 27.2·0.529·Z_a·Z_b: Hartree·Bohr in eV·Å, the constants LAMMPS uses.
  for (int a = 0; a < n; ++a)
    for (int b = 0; b <= a; ++b) {
      std::vector<double> z2(t.nr);
      for (int m = 0; m < t.nr; ++m) z2[m] = 27.2 * 0.529 * charge[a][m] * charge[b][m];
      t.r_phi[a][b] = z2;
      t.r_phi[b][a] = z2;
    }
  return t;
}

}  // namespace mtp
