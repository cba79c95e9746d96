// The MTP basis of a given level (SCIENCE.md, "Which contractions MLIP's level-L templates
// contain"): one scalar per isomorphism class of contraction graphs with level <= L, at most 4
// moments, rank <= 10, mu <= 5, compiled into MLIP's moment tables.
#pragma once
#include "basis/contraction_graph.h"
#include "basis/mtp_potential.h"

namespace mtp {

constexpr int kMinLevel = 2;
constexpr int kMaxLevel = 28;

// radial_funcs_count of MLIP's level-L templates: min(5, floor((L - 2) / 4)) + 1.
int radialFuncsCountForLevel(int level);

// Basis tables of level L (kMinLevel..kMaxLevel); throws std::invalid_argument outside that range.
// Odd levels give the tables of L - 1 (every contraction has even level).
MtpBasisTables enumerateBasis(int level);

struct UntrainedPotentialSpec {
  int level = 8;
  int species = 1;
  double minDist = 2.0;  // Å
  double maxDist = 5.0;  // Å, cutoff
  int radialBasisSize = 8;
};

// An untrained potential as in MLIP's templates (no radial/species/moment coefficients).
// Throws std::invalid_argument for a level out of range, species < 1, radialBasisSize < 2 or
// minDist >= maxDist.
MtpPotential newUntrainedPotential(const UntrainedPotentialSpec& spec);

}  // namespace mtp
