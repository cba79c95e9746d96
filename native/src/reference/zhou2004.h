// The analytic EAM alloy model of Zhou, Johnson & Wadley, Phys. Rev. B 69, 144113 (2004), for 16 fcc
// and bcc metals (EAM_REFERENCE.md "Analytic generator"). Units: Å, eV; densities in the paper's
// arbitrary units. With x = r/re − 1:
//   f(r)    = fe·exp(−beta1·x) / (1 + (r/re − lambda1)^20)
//   φ_aa(r) = A·exp(−alpha·x)/(1 + (r/re − kappa)^20) − B·exp(−beta·x)/(1 + (r/re − lambda)^20)
//   φ_ab(r) = ½·[f_b/f_a·φ_aa + f_a/f_b·φ_bb]
//   F(ρ): three branches split at ρ_in = rhol·rhoe and ρ_out = rhoh·rhoe (see embedding()).
// The authors warn that the mixed-pair rule is inferior to alloy-fitted potentials.
#pragma once
#include <array>
#include <iosfwd>
#include <string>
#include <vector>

#include "reference/eam_tables.h"

namespace mtp {

struct ZhouElement {
  std::string name;
  double re = 0, fe = 0, rhoe = 0, rhos = 0, alpha = 0, beta = 0, A = 0, B = 0, kappa = 0, lambda = 0;
  std::array<double, 4> Fi{};  // Fi0..Fi3
  std::array<double, 4> Fm{};  // Fm0..Fm3 (Fm3 used below rhoe)
  double eta = 0, Fe = 0;
  int Z = 0;
  double mass = 0;  // amu
  double Fm4 = 0;   // replaces Fm3 at ρ ≥ rhoe
  double beta1 = 0, lambda1 = 0, rhol = 0, rhoh = 0;
};

// Parameter table in the TSV layout of shared/data/eam/zhou2004_parameters.tsv (header row with the
// column names Element re fe rhoe rhos alpha beta A B kappa lambda Fi0..Fi3 Fm0..Fm3 eta Fe Z mass Fm4
// beta1 lambda1 rhol rhoh, in any order; one element per row).
std::vector<ZhouElement> parseZhouTable(std::istream& in, const std::string& name);
std::vector<ZhouElement> readZhouTable(const std::string& path);
// The paper's 16 elements (Cu Ag Au Ni Pd Pt Al Pb Fe Mo Ta W Mg Co Ti Zr), compiled in so that the
// engine needs no data files; the same values as LAMMPS tools/eam_database/EAM_code.
const std::vector<ZhouElement>& zhou2004Table();

// The rows for the given symbols, in that order; InputError naming the unknown symbol otherwise.
std::vector<ZhouElement> selectZhouElements(const std::vector<std::string>& symbols,
                                            const std::vector<ZhouElement>& table = zhou2004Table());

class ZhouAlloy {
 public:
  explicit ZhouAlloy(std::vector<ZhouElement> elements);

  const std::vector<ZhouElement>& elements() const { return elements_; }
  // rc = √10/2 · max_a(√2·re_a) (Å), as the LAMMPS tool that tabulates these potentials computes it
  // (single precision: see the constructor).
  double cutoff() const { return cutoff_; }

  // Value and derivative with respect to the argument.
  void density(int a, double r, double& f, double& df) const;
  void pair(int a, int b, double r, double& phi, double& dphi) const;
  void embedding(int a, double rho, double& F, double& dF) const;

  // The setfl tables that LAMMPS tools/eam_database/create.f writes for these elements, computed in
  // double precision (grid spacings as the tool rounds them): Nr = Nrho = 2000, r from 0 to rc with
  // r clamped to ≥ 0.5 Å, ρ from 0 to max(100, 2·max rhoe, max f), lattice constant √2·re, "fcc".
  EamTables tabulate() const;

 private:
  void samePair(int a, double r, double& phi, double& dphi) const;
  std::vector<ZhouElement> elements_;
  double cutoff_ = 0.0;
};

}  // namespace mtp
