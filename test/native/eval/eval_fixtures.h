// Shared helpers for the evaluation tests: MTP templates with random coefficients, random
// configurations, finite differences.
#pragma once
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "basis/mtp_potential.h"
#include "core/configuration.h"
#include "io/mtp_file.h"

namespace evaltest {

inline std::string dataPath(const std::string& rel) { return std::string(MTP_SHARED_DATA) + "/" + rel; }

// Template of `level` (2…28) with species_count C, given min/max dist and random coefficients:
// radial ~ U(−1,1)/√R, species ~ U(−1,1), moments ~ scale·U(−1,1).
inline mtp::MtpPotential randomPotential(int level, int species, unsigned seed, double min_dist = 1.9,
                                         double max_dist = 5.0, double moment_scale = 0.05) {
  char name[64];
  if (level <= 4)
    std::snprintf(name, sizeof name, "mlip-reference/templates/depreciated-%02d.almtp", level);
  else
    std::snprintf(name, sizeof name, "mlip-reference/templates/%02d.almtp", level);
  mtp::MtpPotential pot = mtp::readMtpFile(dataPath(name));
  pot.species_count = species;
  pot.min_dist = min_dist;
  pot.max_dist = max_dist;
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  const int K = pot.radialFuncsCount(), R = pot.radial_basis_size;
  pot.radial_coeffs.assign(species * species, std::vector<std::vector<double>>(K, std::vector<double>(R)));
  for (auto& block : pot.radial_coeffs)
    for (auto& row : block)
      for (double& c : row) c = u(rng) / std::sqrt(static_cast<double>(R));
  pot.species_coeffs.resize(species);
  for (double& s : pot.species_coeffs) s = u(rng);
  pot.moment_coeffs.resize(pot.scalarCount());
  for (double& c : pot.moment_coeffs) c = moment_scale * u(rng);
  return pot;
}

// Random atoms in a cell (rows of `lattice`; zero rows = non-periodic, positions then spread over
// `cluster_extent` Å along that row's direction), keeping every pair at least `min_sep` apart.
inline mtp::Configuration randomConfiguration(const mtp::Mat3& lattice, int atoms, int species, unsigned seed,
                                              double min_sep = 1.6, double cluster_extent = 6.0) {
  mtp::Configuration cfg;
  cfg.lattice = lattice;
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  mtp::Mat3 span = lattice;
  for (int k = 0; k < 3; ++k)
    if (!cfg.periodic(k)) span.row(k) = mtp::Vec3::Unit(k).transpose() * cluster_extent;
  int tries = 0;
  while (cfg.size() < atoms && tries < 200000) {
    ++tries;
    const mtp::Vec3 s(u(rng), u(rng), u(rng));
    const mtp::Vec3 x = (s.transpose() * span).transpose();
    bool ok = true;
    for (const mtp::Vec3& p : cfg.positions) {
      // Minimum-image check is not needed for correctness, only to avoid near-overlaps.
      mtp::Vec3 d = x - p;
      for (int a = -1; a <= 1 && ok; ++a)
        for (int b = -1; b <= 1 && ok; ++b)
          for (int c = -1; c <= 1 && ok; ++c) {
            const mtp::Vec3 t = (mtp::Vec3(a, b, c).transpose() * lattice).transpose();
            if ((d + t).norm() < min_sep) ok = false;
          }
      if (!ok) break;
    }
    if (!ok) continue;
    cfg.positions.push_back(x);
    cfg.types.push_back(static_cast<int>(rng() % species));
  }
  return cfg;
}

}  // namespace evaltest
