// An atomic configuration as in MLIP's .cfg (MLIP_FORMATS.md §1).
// Units: Å, eV, eV/Å; plus_stress is MLIP's PlusStress = virial in eV = −V·σ (compressive positive).
#pragma once
#include <array>
#include <cmath>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <Eigen/LU>  // Mat3::determinant() used by volume()

#include "core/vec3.h"

namespace mtp {

// Voigt-like order used by MLIP's PlusStress line: xx yy zz yz xz xy.
enum StressIndex { XX = 0, YY = 1, ZZ = 2, YZ = 3, XZ = 4, XY = 5 };
using Stress6 = std::array<double, 6>;

struct Configuration {
  // Row k = lattice vector a_k. A zero row means "not periodic along that direction".
  Mat3 lattice = Mat3::Zero();
  std::vector<Vec3> positions;  // Cartesian, Å
  std::vector<int> types;       // species index 0..species_count-1 (not atomic numbers)

  std::optional<double> energy;      // total energy, eV
  std::vector<Vec3> forces;          // eV/Å; empty = no forces
  std::optional<Stress6> plus_stress;  // eV (virial), order xx yy zz yz xz xy
  std::vector<double> site_energies;   // eV; empty = none
  std::vector<double> charges;         // e; empty = none

  // Features in file order; a repeated key in the file is merged into one entry whose value has
  // the lines joined by '\n' (MLIP's multi-line features). Writers emit them sorted by key (std::map
  // order), as MLIP does.
  std::vector<std::pair<std::string, std::string>> features;

  int size() const { return static_cast<int>(positions.size()); }
  bool hasForces() const { return !forces.empty(); }
  bool hasSiteEnergies() const { return !site_energies.empty(); }
  bool hasCharges() const { return !charges.empty(); }
  bool periodic(int k) const { return lattice.row(k).squaredNorm() > 0.0; }
  double volume() const { return std::abs(lattice.determinant()); }

  const std::string* feature(const std::string& key) const {
    for (const auto& f : features)
      if (f.first == key) return &f.second;
    return nullptr;
  }
  void setFeature(const std::string& key, const std::string& value) {
    for (auto& f : features)
      if (f.first == key) {
        f.second = value;
        return;
      }
    features.emplace_back(key, value);
  }
};

}  // namespace mtp
