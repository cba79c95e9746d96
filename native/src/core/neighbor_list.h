// Neighbour lists with periodic images (MLIP_FORMATS.md §2.2: every image j of every atom with
// |x_j + T − x_i| < cutoff, strict, including images of atom i itself; T a lattice translation along
// the periodic directions only — a zero lattice row means "not periodic along that row").
// Works for any triclinic cell, cells much smaller than the cutoff (many images of one atom) and
// non-periodic clusters. Cost is linear in the number of atoms (linked cells over the images).
#pragma once
#include <vector>

#include "core/configuration.h"

namespace mtp {

// Neighbours of atom i are entries offsets[i] .. offsets[i+1]-1. Entry e: neighbour atom index
// (0-based, the original atom of the image) and r_ij = x_j + T − x_i (Å), its length |r_ij| (Å).
// Within one atom the entries are sorted by (j, image) so the order — and hence every floating-point
// sum over neighbours — does not depend on the binning.
struct NeighborList {
  double cutoff = 0.0;
  std::vector<int> offsets;  // size N+1
  std::vector<int> index;    // neighbour atom j
  std::vector<double> dx, dy, dz, r;  // r_ij components and length, Å

  int atomCount() const { return static_cast<int>(offsets.size()) - 1; }
  int count(int i) const { return offsets[i + 1] - offsets[i]; }
  int maxCount() const;
};

// Builds the list for all atoms of cfg with the strict cutoff |r_ij| < cutoff (Å).
// Throws mtp::ComputeError for a degenerate lattice (linearly dependent non-zero rows), a
// non-positive cutoff or non-finite positions.
NeighborList buildNeighborList(const Configuration& cfg, double cutoff);

// Smallest interatomic distance over all pairs and images (Å); +infinity for fewer than two
// atoms without periodic self-images within the search radius. Searches up to max_search Å.
double minimumDistance(const Configuration& cfg, double max_search = 10.0);

}  // namespace mtp
