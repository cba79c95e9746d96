// MLIP's radial basis (MLIP_FORMATS.md §2.1): for 0 < r < max_dist,
//   s = (2r − (min_dist + max_dist)) / (max_dist − min_dist),
//   Q_ξ(r) = scaling · T_ξ(s) · (max_dist − r)²,  ξ = 0 … size−1  (T = Chebyshev, first kind),
// and Q_ξ = 0 for r ≥ max_dist. RBChebyshev_repuls evaluates at max(r, min_dist) (so the
// derivative is zero below min_dist). Units: r in Å, Q dimensionless·scaling, dQ/dr in 1/Å.
#pragma once
#include "basis/mtp_potential.h"

namespace mtp {

// Pairs closer than this (Å) are rejected with mtp::ComputeError: the direction r_ij/|r_ij| and
// the derivative terms f(r)/r are undefined at r = 0.
constexpr double kMinPairDistance = 1e-6;

class RadialBasis {
 public:
  RadialBasis() = default;
  RadialBasis(RadialBasisType type, double min_dist, double max_dist, int size, double scaling);
  explicit RadialBasis(const MtpPotential& pot)
      : RadialBasis(pot.radial_basis_type, pot.min_dist, pot.max_dist, pot.radial_basis_size, pot.scaling) {}

  int size() const { return size_; }
  double maxDist() const { return max_; }

  // q[ξ] = Q_ξ(r), dq[ξ] = dQ_ξ/dr for ξ < size(). Throws ComputeError for r < kMinPairDistance or
  // a non-finite r; returns zeros for r ≥ max_dist.
  void evaluate(double r, double* q, double* dq) const;

 private:
  RadialBasisType type_ = RadialBasisType::Chebyshev;
  double min_ = 0.0, max_ = 1.0, scaling_ = 1.0;
  int size_ = 0;
};

}  // namespace mtp
