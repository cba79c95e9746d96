#include "basis/enumerate.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "basis/contraction_program.h"

namespace mtp {

int radialFuncsCountForLevel(int level) { return std::min(5, (level - 2) / 4) + 1; }

MtpBasisTables enumerateBasis(int level) {
  if (level < kMinLevel || level > kMaxLevel)
    throw std::invalid_argument("level must be between " + std::to_string(kMinLevel) + " and " +
                                std::to_string(kMaxLevel) + ", got " + std::to_string(level));
  MtpBasisTables tables = compileContractionProgram(enumerateContractionGraphs(level));
  // The single moment M_{mu,0} of level 2 + 4 mu is always present, so the largest mu used is the
  // one MLIP's formula gives; a mismatch would mean the graph rules changed.
  if (tables.radial_funcs_count != radialFuncsCountForLevel(level))
    throw std::logic_error("radial_funcs_count differs from MLIP's rule at level " + std::to_string(level));
  return tables;
}

MtpPotential newUntrainedPotential(const UntrainedPotentialSpec& spec) {
  if (spec.species < 1) throw std::invalid_argument("species count must be at least 1");
  if (spec.radialBasisSize < 2) throw std::invalid_argument("radial basis size must be at least 2");
  if (!(spec.minDist < spec.maxDist) || !(spec.minDist >= 0))
    throw std::invalid_argument("need 0 <= min_dist < max_dist");
  MtpPotential pot;
  pot.species_count = spec.species;
  pot.has_potential_tag = true;  // MLIP's templates carry an empty "potential_tag = " line
  pot.radial_basis_type = RadialBasisType::Chebyshev;
  pot.min_dist = spec.minDist;
  pot.max_dist = spec.maxDist;
  pot.radial_basis_size = spec.radialBasisSize;
  // Distances as a person types them ("min_dist = 2"), like MLIP's templates; exact on reading back.
  pot.text_style.dists = MtpNumberFormat::Shortest;
  pot.basis = enumerateBasis(spec.level);
  return pot;
}

}  // namespace mtp
