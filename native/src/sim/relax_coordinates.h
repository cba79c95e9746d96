// Generalised coordinates of a relaxation under pressure (positions and cell together).
//
// The cell is deformed from the starting lattice L0 by a symmetric D = I + e (rows: L = L0·D) and
// atom i sits at r_i = u_i·D (row vectors), so u_i are Cartesian positions in the undeformed cell
// (Å) and e is the strain (dimensionless; symmetric, hence no rigid rotations). Coordinates:
//   x = [u_0x u_0y u_0z … u_(N−1)z | e_xx e_yy e_zz e_yz e_xz e_xy]  (each block only if relaxed).
// Minimised: the enthalpy H = E + p·V (eV; p in eV/Å³). Gradients:
//   ∂H/∂u_i = −D·F_i;   ∂H/∂D = −D⁻ᵀ (W − p V I)  with W = PlusStress (virial, eV, −∂E/∂ε),
// the strain gradient of an off-diagonal e_ab being G_ab + G_ba (e_ab = e_ba is one coordinate).
// With the atoms fixed, u stays at its start: the atoms keep their fractional coordinates.
#pragma once
#include <Eigen/Core>

#include "core/configuration.h"

namespace mtp {

class RelaxCoordinates {
 public:
  RelaxCoordinates(const Configuration& start, bool move_atoms, bool move_cell);
  int dimension() const { return dim_; }
  bool movesAtoms() const { return atoms_; }
  bool movesCell() const { return cell_; }
  Eigen::VectorXd start() const;  // x of the starting configuration
  // The configuration at x (the starting one's types and features; no energies).
  Configuration configuration(const Eigen::VectorXd& x) const;
  Mat3 deformation(const Eigen::VectorXd& x) const;  // D
  // ∂H/∂x from forces (eV/Å), PlusStress (eV) and the pressure (eV/Å³) at x.
  Eigen::VectorXd gradient(const Eigen::VectorXd& x, const std::vector<Vec3>& forces, const Stress6& plus_stress,
                           double pressure) const;
  // Diagonal starting inverse Hessian: 1/k for atom coordinates (k in eV/Å²) and 1/(B·V) for
  // strains (B in eV/Å³), the stiffnesses of typical solids.
  Eigen::VectorXd inverseHessianGuess(double atom_stiffness, double bulk_modulus) const;
  // Largest Cartesian displacement of an atom or a lattice vector (Å) between x and y.
  double largestDisplacement(const Eigen::VectorXd& x, const Eigen::VectorXd& y) const;

 private:
  Configuration start_;
  bool atoms_, cell_;
  int n_, dim_, cell_offset_;
};

}  // namespace mtp
