// Seeded initial parameters. The generator is splitmix64 with our own double conversion, so a
// seed gives the same numbers on every platform and compiler (std:: distributions do not).
#pragma once
#include <cstdint>
#include <string>

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

// How fresh radial coefficients are drawn (TrainOptions::init, CLI --init).
//  Identity: c_{pair,mu,xi} = delta_{mu,xi} + 0.5 U(-1,1) (randomInitialParameters);
//  Mlip: MLIP's --init-params=random, c = 5e-7 U(-1,1) on every coefficient (mlipInitialParameters),
//  then one common factor brings the mean |c_{pair,mu}| to 1 (see there why that changes nothing).
enum class InitMode { Identity, Mlip };
const char* initModeName(InitMode mode);
InitMode parseInitMode(const std::string& name);  // "identity" | "mlip"; throws std::invalid_argument

// Radial coefficients c_{pair,mu,xi} = delta_{mu,xi} + spread * U(-1,1) (radial function mu starts
// near the Chebyshev term mu, so the K functions are independent; the seed perturbs them), species
// and moment coefficients zero (training solves them exactly first). Shape: paramCount().
Eigen::VectorXd randomInitialParameters(const MtpPotential& pot, uint64_t seed, double spread = 0.5);

// MLIP's random start: every radial coefficient amplitude * U(-1,1) (no preferred Chebyshev term),
// linear coefficients zero, then all radial coefficients multiplied by one factor so that the
// vectors c_{pair,mu} have mean Euclidean norm 1. Why the factor is harmless: every moment is linear
// in c and every basis function is a product of moments, so B_alpha(s c) = s^{d_alpha} B_alpha(c) and
// the exactly solved linear coefficients absorb s^{-d_alpha}: the loss after the linear solve is the
// same for any common factor (up to the relative ridge and the 1e-9 regulariser, whose target norm
// is 1). It only keeps the moment coefficients O(1) instead of O(1e6^d) in files and solves; the
// L-BFGS variable scaling and the LM damping are diagonal-scaled and do not see it either.
Eigen::VectorXd mlipInitialParameters(const MtpPotential& pot, uint64_t seed, double amplitude = 5e-7,
                                      bool normalize = true);

// Dispatches on mode (Identity: randomInitialParameters with its default spread).
Eigen::VectorXd initialParameters(const MtpPotential& pot, uint64_t seed, InitMode mode);

// Starts from the radial functions of a lower-level (or same-level) potential with the same
// species count and radial basis: its radial functions mu < K_low are copied, the others come from
// randomInitialParameters. Linear coefficients zero. Throws std::invalid_argument if incompatible.
Eigen::VectorXd initialParametersFrom(const MtpPotential& pot, const MtpPotential& lower, uint64_t seed,
                                      double spread = 0.5);

}  // namespace mtp
