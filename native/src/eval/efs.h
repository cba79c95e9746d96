// Results of evaluating an MTP on one configuration.
// Units: energy eV, forces eV/Å, plus_stress eV (MLIP's PlusStress = virial = −∂E/∂ε, accumulated
// as PlusStress_ab = −Σ_i Σ_j ∂E_i/∂r_ij,a · r_ij,b with r_ij = x_j − x_i; MLIP_FORMATS.md §1.3),
// order xx yy zz yz xz xy (symmetrised).
#pragma once
#include <vector>

#include <Eigen/Core>

#include "core/configuration.h"

namespace mtp {

struct EfsOptions {
  bool forces = true;          // forces and plus_stress
  bool site_energies = false;  // E_i per atom
  bool energy_gradient = false;  // ∂E/∂θ (paramCount order: radial (pair,mu,xi), species, moment)
};

struct EfsResult {
  double energy = 0.0;
  std::vector<Vec3> forces;      // size N when requested
  Stress6 plus_stress{};         // when forces requested
  std::vector<double> site_energies;
  std::vector<double> energy_gradient;
};

// Jacobian of (E, F, PlusStress) with respect to θ for one configuration.
// Rows: 0 = E; 1 + 3a + c = F_a,c (atom a, Cartesian c); 1 + 3N + s = PlusStress_s (s in
// xx yy zz yz xz xy order). Columns: θ in MtpPotential::paramCount order. Forces and stress rows
// are the mixed second derivatives −∂²E/∂x∂θ and −Σ ∂²E_i/∂r_ij∂θ ⊗ r_ij.
struct EfsJacobian {
  EfsResult values;  // energy, forces, stress at θ (as EfsResult with forces)
  Eigen::MatrixXd rows;
  static int energyRow() { return 0; }
  static int forceRow(int atom, int c) { return 1 + 3 * atom + c; }
  static int stressRow(int atoms, int s) { return 1 + 3 * atoms + s; }
};

}  // namespace mtp
