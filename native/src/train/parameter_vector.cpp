#include "train/parameter_vector.h"

#include <stdexcept>

namespace mtp {

ParamLayout paramLayout(const MtpPotential& pot) {
  ParamLayout p;
  p.radial = pot.species_count * pot.species_count * pot.radialFuncsCount() * pot.radial_basis_size;
  p.species = pot.species_count;
  p.moment = pot.scalarCount();
  return p;
}

Eigen::VectorXd packParameters(const MtpPotential& pot) {
  const ParamLayout lay = paramLayout(pot);
  const int pairs = pot.species_count * pot.species_count;
  const int k = pot.radialFuncsCount(), r = pot.radial_basis_size;
  if (static_cast<int>(pot.radial_coeffs.size()) != pairs ||
      static_cast<int>(pot.species_coeffs.size()) != lay.species ||
      static_cast<int>(pot.moment_coeffs.size()) != lay.moment)
    throw std::invalid_argument("potential has no (or inconsistent) trained coefficients");
  Eigen::VectorXd theta(lay.total());
  int at = 0;
  for (const auto& pair : pot.radial_coeffs) {
    if (static_cast<int>(pair.size()) != k) throw std::invalid_argument("radial_coeffs: wrong count");
    for (const auto& row : pair) {
      if (static_cast<int>(row.size()) != r) throw std::invalid_argument("radial_coeffs: wrong size");
      for (double c : row) theta[at++] = c;
    }
  }
  for (double s : pot.species_coeffs) theta[at++] = s;
  for (double m : pot.moment_coeffs) theta[at++] = m;
  return theta;
}

void unpackParameters(const Eigen::VectorXd& theta, MtpPotential& pot) {
  const ParamLayout lay = paramLayout(pot);
  if (theta.size() != lay.total()) throw std::invalid_argument("parameter vector has the wrong size");
  const int pairs = pot.species_count * pot.species_count;
  const int k = pot.radialFuncsCount(), r = pot.radial_basis_size;
  pot.radial_coeffs.assign(pairs, std::vector<std::vector<double>>(k, std::vector<double>(r)));
  int at = 0;
  for (auto& pair : pot.radial_coeffs)
    for (auto& row : pair)
      for (double& c : row) c = theta[at++];
  pot.species_coeffs.assign(lay.species, 0.0);
  for (double& s : pot.species_coeffs) s = theta[at++];
  pot.moment_coeffs.assign(lay.moment, 0.0);
  for (double& m : pot.moment_coeffs) m = theta[at++];
}

}  // namespace mtp
