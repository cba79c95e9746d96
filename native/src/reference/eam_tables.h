// EAM functions tabulated on uniform grids, as read from setfl / Finnis–Sinclair / funcfl files
// (EAM_REFERENCE.md) or produced by the Zhou 2004 generator. This is the "file2array" stage of LAMMPS:
// every element shares one ρ grid and one r grid, so the splines built from it (EamTabulated) index
// all functions alike.
//
// E = Σ_i F_{t_i}(ρ_i) + ½ Σ_i Σ_{j≠i} φ_{t_i t_j}(r_ij),  ρ_i = Σ_{j≠i} f_{t_j→t_i}(r_ij).
#pragma once
#include <string>
#include <vector>

namespace mtp {

struct EamElement {
  std::string name;            // chemical symbol as in the file ("Ni")
  int atomic_number = 0;
  double mass = 0.0;           // amu
  double lattice_constant = 0.0;  // Å, informational
  std::string lattice;         // e.g. "fcc", informational
};

struct EamTables {
  std::string format;  // "setfl", "fs" or "funcfl": how the tables were obtained
  std::vector<EamElement> elements;  // type index order

  int nrho = 0;         // ρ grid: ρ_k = k·drho, k = 0..nrho−1
  double drho = 0.0;
  int nr = 0;           // r grid: r_k = k·dr, k = 0..nr−1 (Å)
  double dr = 0.0;
  double cutoff = 0.0;  // Å; pairs at r ≥ cutoff do not interact
  // LAMMPS's rhomax: for ρ above it F continues linearly with the slope at the table end. It is
  // (nrho−1)·drho for setfl/fs; for combined funcfl files it is LAMMPS's value from the files.
  double rho_max = 0.0;

  // embedding[a][k] = F_a(ρ_k), eV.
  std::vector<std::vector<double>> embedding;
  // density[s][h][k] = density an atom of element s contributes at an atom of element h at r_k
  // (setfl/funcfl: independent of h; Finnis–Sinclair: one function per ordered pair).
  std::vector<std::vector<std::vector<double>>> density;
  // r_phi[a][b][k] = r_k·φ_ab(r_k), eV·Å (symmetric in a, b).
  std::vector<std::vector<std::vector<double>>> r_phi;

  int elementCount() const { return static_cast<int>(elements.size()); }
};

// One single-element funcfl (`.eam`, DYNAMO) file as read: its own grids, F(ρ), the effective charge
// Z(r) (√(Hartree·Bohr)) with r·φ(r) = 27.2·0.529·Z(r)², and the density f(r).
struct FuncflFile {
  std::string path;
  EamElement element;
  int nrho = 0;
  double drho = 0.0;
  int nr = 0;
  double dr = 0.0;
  double cutoff = 0.0;
  std::vector<double> embedding;  // nrho values
  std::vector<double> charge;     // nr values, Z(r)
  std::vector<double> density;    // nr values
};

// Combine funcfl files, one per type in the given order, as LAMMPS pair_style eam does
// (PairEAM::file2array): every function is first resampled onto one common grid (largest spacing,
// largest range, 4-point Lagrange interpolation), mixed pairs use r·φ_ab = 27.2·0.529·Z_a(r)·Z_b(r),
// and the cutoff is the largest file cutoff.
EamTables combineFuncfl(const std::vector<FuncflFile>& files);

}  // namespace mtp
