// Random atomic neighbourhoods for basis tests: neighbours uniform in a shell r_min < r < r_cut and
// independent random radial values f_mu(r_j) in [-1, 1] (the basis is a polynomial in f and u, so
// arbitrary radial values probe it fully).
#pragma once
#include <random>
#include <vector>

#include <Eigen/Dense>

#include "core/vec3.h"

namespace testing {

struct Neighbourhood {
  std::vector<mtp::Vec3> unit;               // [n] unit vectors to the neighbours
  std::vector<std::vector<double>> radial;   // [n][radialFuncs]
};

inline Neighbourhood randomNeighbourhood(std::mt19937_64& rng, int radialFuncs, int minNeighbours = 1,
                                         int maxNeighbours = 12) {
  std::uniform_int_distribution<int> count(minNeighbours, maxNeighbours);
  std::uniform_real_distribution<double> coord(-5.0, 5.0), value(-1.0, 1.0);
  Neighbourhood nb;
  const int n = count(rng);
  while (static_cast<int>(nb.unit.size()) < n) {
    const mtp::Vec3 r(coord(rng), coord(rng), coord(rng));
    if (r.norm() < 0.5 || r.norm() > 5.0) continue;
    nb.unit.push_back(r / r.norm());
    std::vector<double> f(radialFuncs);
    for (double& x : f) x = value(rng);
    nb.radial.push_back(f);
  }
  return nb;
}

// A uniformly random rotation matrix (QR of a Gaussian matrix, sign-fixed, det +1).
inline mtp::Mat3 randomRotation(std::mt19937_64& rng) {
  std::normal_distribution<double> g;
  mtp::Mat3 a;
  for (int i = 0; i < 9; ++i) a(i / 3, i % 3) = g(rng);
  Eigen::HouseholderQR<mtp::Mat3> qr(a);
  mtp::Mat3 q = qr.householderQ();
  if (q.determinant() < 0) q.col(0) *= -1.0;
  return q;
}

}  // namespace testing
