#include "train/random_init.h"

#include <cmath>
#include <stdexcept>

#include "train/parameter_vector.h"

namespace mtp {

uint64_t SplitMix64::next() {
  uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

Eigen::VectorXd randomInitialParameters(const MtpPotential& pot, uint64_t seed, double spread) {
  const ParamLayout lay = paramLayout(pot);
  Eigen::VectorXd theta = Eigen::VectorXd::Zero(lay.total());
  SplitMix64 rng(seed);
  const int pairs = pot.species_count * pot.species_count;
  const int k = pot.radialFuncsCount(), r = pot.radial_basis_size;
  int at = 0;
  for (int p = 0; p < pairs; ++p)
    for (int mu = 0; mu < k; ++mu)
      for (int xi = 0; xi < r; ++xi) theta[at++] = (mu == xi ? 1.0 : 0.0) + spread * rng.symmetric();
  return theta;
}

const char* initModeName(InitMode mode) { return mode == InitMode::Mlip ? "mlip" : "identity"; }

InitMode parseInitMode(const std::string& name) {
  if (name == "identity") return InitMode::Identity;
  if (name == "mlip") return InitMode::Mlip;
  throw std::invalid_argument("init must be identity or mlip, not '" + name + "'");
}

Eigen::VectorXd mlipInitialParameters(const MtpPotential& pot, uint64_t seed, double amplitude, bool normalize) {
  const ParamLayout lay = paramLayout(pot);
  Eigen::VectorXd theta = Eigen::VectorXd::Zero(lay.total());
  SplitMix64 rng(seed);
  for (int i = 0; i < lay.radial; ++i) theta[i] = amplitude * rng.symmetric();
  if (!normalize) return theta;
  const int r = pot.radial_basis_size, vectors = lay.radial / r;
  double mean_norm = 0.0;
  for (int v = 0; v < vectors; ++v) mean_norm += theta.segment(v * r, r).norm();
  mean_norm /= vectors;
  if (mean_norm > 0.0) theta.head(lay.radial) /= mean_norm;
  return theta;
}

Eigen::VectorXd initialParameters(const MtpPotential& pot, uint64_t seed, InitMode mode) {
  return mode == InitMode::Mlip ? mlipInitialParameters(pot, seed) : randomInitialParameters(pot, seed);
}

Eigen::VectorXd initialParametersFrom(const MtpPotential& pot, const MtpPotential& lower, uint64_t seed,
                                      double spread) {
  if (lower.species_count != pot.species_count || lower.radial_basis_size != pot.radial_basis_size ||
      lower.radialFuncsCount() > pot.radialFuncsCount() || !lower.trained())
    throw std::invalid_argument(
        "the initial potential must be trained, with the same species count and radial basis size and "
        "no more radial functions");
  Eigen::VectorXd theta = randomInitialParameters(pot, seed, spread);
  const int pairs = pot.species_count * pot.species_count;
  const int k = pot.radialFuncsCount(), r = pot.radial_basis_size;
  // Radial coefficients multiply Q_xi = scaling * T_xi * (R - r)^2; fold the lower file's scaling in.
  const double factor = lower.scaling / pot.scaling;
  for (int p = 0; p < pairs; ++p)
    for (int mu = 0; mu < lower.radialFuncsCount(); ++mu)
      for (int xi = 0; xi < r; ++xi) theta[(p * k + mu) * r + xi] = factor * lower.radial_coeffs[p][mu][xi];
  return theta;
}

}  // namespace mtp
