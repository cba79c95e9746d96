// The built-in reference model (EAM_REFERENCE.md): energy, forces and virial of any configuration
// from EAM potential files or from the Zhou 2004 parameters. Used by `mtp-engine reference eam` and,
// as the loop's "ab initio" oracle, by relaxation and active learning.
//
// E = Σ_i F_{t_i}(ρ_i) + ½ Σ_i Σ_{j≠i} φ_{t_i t_j}(r_ij),  ρ_i = Σ_{j≠i} f_{t_j→t_i}(r_ij),
// sums over all periodic images within the cutoff (also images of atom i itself).
// Forces F_i = −∂E/∂x_i (eV/Å). PlusStress = virial W_ab = −Σ_pairs (dE/dr)·r_a·r_b/r (eV), MLIP's
// order xx yy zz yz xz xy and sign (= −V·σ, positive when compressed; = −∂E/∂ε_ab).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/configuration.h"
#include "core/neighbor_list.h"
#include "reference/eam_functions.h"
#include "reference/eam_tables.h"
#include "reference/zhou2004.h"

namespace mtp {

struct EamResult {
  double energy = 0.0;                // eV
  std::vector<Vec3> forces;           // [atom] eV/Å
  Stress6 plus_stress{};              // eV
  std::vector<double> site_energies;  // [atom] eV: F(ρ_i) + ½Σ_j φ_ij; they sum to energy
};

class EamModel {
 public:
  // How `--elements` potentials are built: Tabulated = the setfl tables of the LAMMPS tool
  // (create.f) computed in double precision and splined as LAMMPS does, so results equal LAMMPS on
  // such a file; Analytic = the closed forms evaluated directly (smooth, no table). They agree to
  // ~1e-8 eV/atom.
  enum class ZhouForm { Tabulated, Analytic };

  // `--potential` files: one setfl/.eam.fs file or funcfl files (readEamPotentials); the element
  // order of the file (or of the funcfl list) defines the type indices.
  static EamModel fromFiles(const std::vector<std::string>& paths);
  static EamModel fromTables(const EamTables& tables, const std::string& description);
  // Zhou 2004 alloy of these elements (type i = elements[i]); parameters from `table`.
  static EamModel zhou2004(const std::vector<std::string>& elements, ZhouForm form = ZhouForm::Tabulated,
                           const std::vector<ZhouElement>& table = zhou2004Table());

  int elementCount() const { return static_cast<int>(element_names_.size()); }
  const std::vector<std::string>& elementNames() const { return element_names_; }
  const std::vector<double>& masses() const { return masses_; }  // amu, per type
  double cutoff() const { return functions_->cutoff(); }
  // Human-readable source, e.g. "eam/alloy CuNi.eam.alloy (Ni Cu)"; used for the EFS_by feature.
  const std::string& description() const { return description_; }
  // The tables behind a tabulated model (for writing a setfl file); nullptr for analytic models.
  const EamTables* tables() const { return tables_.get(); }

  // Throws InputError if a type index is outside 0..elementCount()−1 and ComputeError if two atoms
  // (or an atom and its image) are closer than 1e-8 Å.
  EamResult evaluate(const Configuration& cfg) const;
  // With a prebuilt full neighbour list (core/neighbor_list.h) whose cutoff is ≥ cutoff(); pairs at
  // r ≥ cutoff() are ignored, so a list shared with a longer-ranged model can be reused.
  EamResult evaluate(const Configuration& cfg, const NeighborList& neighbors) const;

  // Replaces energy, forces and PlusStress of cfg with this model's (as a DFT code's output would),
  // drops stale site energies, and records the source in the feature EFS_by ("<by> <description()>").
  void annotate(Configuration& cfg, const std::string& by = "mtp-engine reference") const;
  // The same for a batch on `threads` threads (≤ 0: all cores); configuration order is kept.
  void annotateAll(std::vector<Configuration>& cfgs, int threads,
                   const std::string& by = "mtp-engine reference") const;

 private:
  EamModel() = default;
  std::shared_ptr<const EamFunctions> functions_;
  std::shared_ptr<const EamTables> tables_;
  std::vector<std::string> element_names_;
  std::vector<double> masses_;
  std::string description_;
};

}  // namespace mtp
