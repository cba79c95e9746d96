// A tabulated EAM function on a uniform grid x_k = k·dx (k = 0..n−1), interpolated with the piecewise
// cubic scheme of LAMMPS pair_style eam (PairEAM::interpolate): nodal slopes from a 5-point
// finite-difference stencil (3- and 2-point at the ends), then a cubic Hermite polynomial per interval.
// Evaluating it exactly like LAMMPS (same coefficients, same index clamping) is what makes our
// energies agree with LAMMPS to rounding, not just to interpolation accuracy.
#pragma once
#include <array>
#include <vector>

namespace mtp {

class EamSpline {
 public:
  // How the interval index is clamped, as LAMMPS does for the two kinds of tables:
  // Radial: m = min(int(x/dx), n−2) (x ≥ 0 always); Density: additionally m ≥ 0 (ρ may be < 0).
  // Past the last node the local coordinate is clamped to 1, i.e. the value/slope of the last node.
  enum class Clamp { Radial, Density };

  EamSpline() = default;
  // values: f(x_k) for k = 0..n−1, n ≥ 5 (the stencil needs it); dx > 0.
  EamSpline(const std::vector<double>& values, double dx, Clamp clamp);

  // Value and derivative d/dx at x (units of the table).
  void evaluate(double x, double& value, double& derivative) const;
  double value(double x) const;
  double derivative(double x) const;

  int size() const { return static_cast<int>(coeff_.size()); }
  double spacing() const { return dx_; }

 private:
  // Locate the interval (0-based node index) and the local coordinate p ∈ [0, 1].
  void locate(double x, int& m, double& p) const;

  // Per node m: c[0..2] the derivative polynomial (in x, already divided by dx),
  // c[3..6] the value polynomial in p: ((c3·p + c4)·p + c5)·p + c6.
  std::vector<std::array<double, 7>> coeff_;
  double dx_ = 1.0;
  double inverse_dx_ = 1.0;
  Clamp clamp_ = Clamp::Radial;
};

}  // namespace mtp
