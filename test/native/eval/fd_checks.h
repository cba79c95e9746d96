// Finite-difference references for forces, PlusStress and ∂/∂θ (4-point central stencil,
// error O(h⁴)).
#pragma once
#include <functional>

#include "core/configuration.h"

namespace evaltest {

inline double derivative4(const std::function<double(double)>& f, double h) {
  return (8.0 * (f(h) - f(-h)) - (f(2 * h) - f(-2 * h))) / (12.0 * h);
}

// PlusStress_s = −∂E/∂ε for the homogeneous strain x → (I+ε)x of atoms and lattice, with
// ε symmetric (off-diagonal components split equally), s in xx yy zz yz xz xy order.
inline mtp::Configuration strained(const mtp::Configuration& cfg, int s, double e) {
  static const int idx[6][2] = {{0, 0}, {1, 1}, {2, 2}, {1, 2}, {0, 2}, {0, 1}};
  mtp::Mat3 eps = mtp::Mat3::Zero();
  const int a = idx[s][0], b = idx[s][1];
  if (a == b) eps(a, a) = e;
  else eps(a, b) = eps(b, a) = 0.5 * e;
  const mtp::Mat3 F = mtp::Mat3::Identity() + eps;
  mtp::Configuration out = cfg;
  for (auto& p : out.positions) p = F * p;
  out.lattice = (F * cfg.lattice.transpose()).transpose();
  return out;
}

}  // namespace evaltest
