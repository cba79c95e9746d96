// Seeded initial parameters. The generator is splitmix64 with our own double conversion, so a
// seed gives the same numbers on every platform and compiler (std:: distributions do not).
#pragma once
#include <cstdint>

#include <Eigen/Core>

#include "basis/mtp_potential.h"

namespace mtp {

class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}
  uint64_t next();
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)
  double symmetric() { return 2.0 * uniform() - 1.0; }                       // [-1, 1)

 private:
  uint64_t state_;
};

// Radial coefficients c_{pair,mu,xi} = delta_{mu,xi} + spread * U(-1,1) (radial function mu starts
// near the Chebyshev term mu, so the K functions are independent; the seed perturbs them), species
// and moment coefficients zero (training solves them exactly first). Shape: paramCount().
Eigen::VectorXd randomInitialParameters(const MtpPotential& pot, uint64_t seed, double spread = 0.5);

// Starts from the radial functions of a lower-level (or same-level) potential with the same
// species count and radial basis: its radial functions mu < K_low are copied, the others come from
// randomInitialParameters. Linear coefficients zero. Throws std::invalid_argument if incompatible.
Eigen::VectorXd initialParametersFrom(const MtpPotential& pot, const MtpPotential& lower, uint64_t seed,
                                      double spread = 0.5);

}  // namespace mtp
