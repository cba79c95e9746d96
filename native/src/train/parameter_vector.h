// The parameter vector theta of an MTP, in the order of MtpPotential::paramCount():
// radial coefficients (pair, mu, xi) in file order, then species_coeffs, then moment_coeffs.
// Training splits it into the nonlinear block (radial, indices [0, radial)) and the linear block
// (species + moment, indices [radial, total)): energies, forces and stresses are linear in the latter.
#pragma once
#include <Eigen/Core>

#include "basis/mtp_potential.h"

namespace mtp {

struct ParamLayout {
  int radial = 0;   // C^2 K R
  int species = 0;  // C
  int moment = 0;   // m (scalar basis functions)
  int total() const { return radial + species + moment; }
  int linear() const { return species + moment; }
};

ParamLayout paramLayout(const MtpPotential& pot);

// Throws std::invalid_argument if pot is untrained or its coefficient arrays have the wrong shape.
Eigen::VectorXd packParameters(const MtpPotential& pot);

// Writes theta into pot (allocating the coefficient arrays if pot is untrained).
void unpackParameters(const Eigen::VectorXd& theta, MtpPotential& pot);

}  // namespace mtp
