// Derivative superstructures of a parent crystal (Hart & Forcade, Phys. Rev. B 77, 224115 (2008)):
// every supercell of index n (volume n × the parent's primitive cell) is a Hermite normal form
//   H = [[a,0,0],[b,c,0],[d,e,f]],  a·c·f = n,  0 ≤ b < c,  0 ≤ d,e < f,
// whose columns are the supercell vectors in units of the parent's primitive vectors. Supercells
// related by a rotation of the parent (H₂⁻¹·M·H₁ integer) are one superlattice; within a
// superlattice the n·(basis atoms) sites are labelled with species, and labellings related by a
// translation of the parent lattice or by a parent symmetry that keeps the superlattice are one
// structure. Labellings invariant under a parent translation that is not a supercell vector
// ("superperiodic") are the same structure as one in a smaller cell and are dropped, so each
// structure appears exactly once, in its smallest cell. Labels are distinct species (Ag₃Pd and
// AgPd₃ are two structures) unless identify_label_exchange is set (as in counting tables).
// Unlike Hart–Forcade we label by brute force over all kⁿ labellings, which is exact and fast for
// the small cells (≤ 8 atoms) used to seed active learning.
#pragma once
#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/configuration.h"

namespace mtp {

enum class ParentLattice { Fcc, Bcc, Hcp };
ParentLattice parseParentLattice(const std::string& name);  // "fcc" | "bcc" | "hcp"; std::invalid_argument
std::string parentLatticeName(ParentLattice lattice);

using Mat3i = Eigen::Matrix<long, 3, 3>;
using Vec3i = Eigen::Matrix<long, 3, 1>;

// A parent crystal in fractional terms: primitive vectors for a = 1 Å (columns, Cartesian) and
// basis atoms as fractions of them. fcc/bcc: conventional cubic edge a; hcp: in-plane a and
// c = c_over_a · a, two atoms at (0,0,0) and (1/3,2/3,1/2).
struct ParentCrystal {
  ParentLattice lattice = ParentLattice::Fcc;
  Eigen::Matrix3d vectors;               // columns a₁ a₂ a₃ for a = 1
  std::vector<Eigen::Vector3d> basis;    // fractional
};
ParentCrystal makeParentCrystal(ParentLattice lattice, double c_over_a = 1.632993161855452);  // √(8/3)

// A symmetry operation x → M·x + τ in fractional coordinates; basis atom i goes to
// basis[perm[i]] + shift[i] (shift an integer lattice vector).
struct ParentSymmetry {
  Mat3i rotation;
  Eigen::Vector3d translation;
  std::vector<int> perm;
  std::vector<Vec3i> shift;
};
// All operations of the parent crystal's space group modulo lattice translations
// (fcc/bcc 48, hcp 24).
std::vector<ParentSymmetry> parentSymmetries(const ParentCrystal& parent);

// All Hermite normal forms of index n, and one representative per class of superlattices that
// are equivalent under the parent's rotations (in the order found).
std::vector<Mat3i> hermiteNormalForms(int n);
std::vector<Mat3i> inequivalentSuperlattices(const std::vector<ParentSymmetry>& ops, int n);

struct EnumerateOptions {
  int species = 2;       // number of labels k
  int min_index = 1;     // supercell index range (atoms = index × basis atoms)
  int max_index = 1;
  bool identify_label_exchange = false;  // treat permutations of the labels as symmetries
};

struct DerivativeStructure {
  int index = 1;             // supercell index n
  Mat3i hnf;                 // columns = supercell vectors in parent primitive units
  std::vector<int> labels;   // one per site; site s = basis_atom · n + coset representative
  std::vector<Eigen::Vector3d> sites;  // fractional positions in parent primitive units
};

// Unique structures with index min_index..max_index, ordered by index, superlattice, labelling.
std::vector<DerivativeStructure> enumerateDerivativeStructures(const ParentCrystal& parent,
                                                               const EnumerateOptions& options);

// The structure as a configuration with lattice constant `a` (Å): rows of the lattice are the
// supercell vectors, positions Cartesian, types = labels.
Configuration derivativeConfiguration(const ParentCrystal& parent, const DerivativeStructure& s, double a);

}  // namespace mtp
