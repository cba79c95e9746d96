// Structures for the relaxation and MD tests.
#pragma once
#include <random>

#include "core/configuration.h"

namespace sim_test {

// Conventional fcc cell (4 atoms) of lattice constant a (Å), repeated n×n×n.
inline mtp::Configuration fcc(double a, int n = 1, int type = 0) {
  mtp::Configuration c;
  c.lattice = mtp::Mat3::Identity() * (a * n);
  const double basis[4][3] = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      for (int k = 0; k < n; ++k)
        for (const auto& b : basis) {
          c.positions.push_back(a * mtp::Vec3(i + b[0], j + b[1], k + b[2]));
          c.types.push_back(type);
        }
  return c;
}

inline void rattle(mtp::Configuration& c, double amplitude, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(-amplitude, amplitude);
  for (auto& p : c.positions) p += mtp::Vec3(u(rng), u(rng), u(rng));
}

}  // namespace sim_test
