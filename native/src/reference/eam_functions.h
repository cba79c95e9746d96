// The three kinds of EAM functions behind one interface, so that the same energy/force/virial sum
// (EamModel) serves tabulated files (LAMMPS splines) and the analytic Zhou 2004 forms.
// Element indices are type indices 0..elementCount()−1; r in Å, energies in eV.
#pragma once
#include <memory>
#include <vector>

#include "reference/eam_spline.h"
#include "reference/eam_tables.h"
#include "reference/zhou2004.h"

namespace mtp {

class EamFunctions {
 public:
  virtual ~EamFunctions() = default;
  virtual int elementCount() const = 0;
  virtual double cutoff() const = 0;  // Å; pairs interact only at r < cutoff
  // F_a(ρ) (eV) and dF/dρ.
  virtual void embedding(int a, double rho, double& F, double& dF) const = 0;
  // Density that an atom of element `source` contributes at an atom of element `host` at distance r,
  // and its r-derivative.
  virtual void density(int source, int host, double r, double& f, double& df) const = 0;
  // φ_ab(r) (eV) and dφ/dr (eV/Å).
  virtual void pair(int a, int b, double r, double& phi, double& dphi) const = 0;
};

// Splines of EamTables evaluated exactly as LAMMPS PairEAM::compute does (pair_style eam,
// eam/alloy, eam/fs): φ from r·φ via φ = z/r, φ' = z'/r − φ/r, and F continued linearly above
// rho_max with the slope at the table end.
class EamTabulated : public EamFunctions {
 public:
  explicit EamTabulated(const EamTables& tables);

  int elementCount() const override { return n_; }
  double cutoff() const override { return cutoff_; }
  void embedding(int a, double rho, double& F, double& dF) const override;
  void density(int source, int host, double r, double& f, double& df) const override;
  void pair(int a, int b, double r, double& phi, double& dphi) const override;

 private:
  int n_ = 0;
  double cutoff_ = 0.0;
  double rho_max_ = 0.0;
  std::vector<EamSpline> embedding_;  // [a]
  std::vector<EamSpline> density_;    // [source·n + host]
  std::vector<EamSpline> r_phi_;      // [a·n + b]
};

// The closed forms of ZhouAlloy, with its cutoff.
class EamZhouAnalytic : public EamFunctions {
 public:
  explicit EamZhouAnalytic(ZhouAlloy alloy) : alloy_(std::move(alloy)) {}

  int elementCount() const override { return static_cast<int>(alloy_.elements().size()); }
  double cutoff() const override { return alloy_.cutoff(); }
  void embedding(int a, double rho, double& F, double& dF) const override {
    alloy_.embedding(a, rho, F, dF);
  }
  void density(int source, int /*host*/, double r, double& f, double& df) const override {
    alloy_.density(source, r, f, df);
  }
  void pair(int a, int b, double r, double& phi, double& dphi) const override {
    alloy_.pair(a, b, r, phi, dphi);
  }

 private:
  ZhouAlloy alloy_;
};

}  // namespace mtp
