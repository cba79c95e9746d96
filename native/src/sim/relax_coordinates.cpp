#include "sim/relax_coordinates.h"

#include <algorithm>
#include <cmath>

#include <Eigen/LU>

namespace mtp {

namespace {
// Strain components in coordinate order xx yy zz yz xz xy.
constexpr int kA[6] = {0, 1, 2, 1, 0, 0};
constexpr int kB[6] = {0, 1, 2, 2, 2, 1};
}  // namespace

RelaxCoordinates::RelaxCoordinates(const Configuration& start, bool move_atoms, bool move_cell)
    : start_(start), atoms_(move_atoms), cell_(move_cell), n_(start.size()) {
  start_.energy.reset();
  start_.forces.clear();
  start_.plus_stress.reset();
  start_.site_energies.clear();
  cell_offset_ = atoms_ ? 3 * n_ : 0;
  dim_ = cell_offset_ + (cell_ ? 6 : 0);
}

Eigen::VectorXd RelaxCoordinates::start() const {
  Eigen::VectorXd x = Eigen::VectorXd::Zero(dim_);
  if (atoms_)
    for (int i = 0; i < n_; ++i) x.segment<3>(3 * i) = start_.positions[i];
  return x;
}

Mat3 RelaxCoordinates::deformation(const Eigen::VectorXd& x) const {
  Mat3 d = Mat3::Identity();
  if (cell_)
    for (int s = 0; s < 6; ++s) {
      d(kA[s], kB[s]) += x(cell_offset_ + s);
      if (kA[s] != kB[s]) d(kB[s], kA[s]) += x(cell_offset_ + s);
    }
  return d;
}

Configuration RelaxCoordinates::configuration(const Eigen::VectorXd& x) const {
  Configuration cfg = start_;
  const Mat3 d = deformation(x);
  cfg.lattice = start_.lattice * d;
  for (int i = 0; i < n_; ++i) {
    const Vec3 u = atoms_ ? Vec3(x.segment<3>(3 * i)) : start_.positions[i];
    cfg.positions[i] = (u.transpose() * d).transpose();
  }
  return cfg;
}

Eigen::VectorXd RelaxCoordinates::gradient(const Eigen::VectorXd& x, const std::vector<Vec3>& forces,
                                           const Stress6& w6, double pressure) const {
  Eigen::VectorXd g = Eigen::VectorXd::Zero(dim_);
  const Mat3 d = deformation(x);
  if (atoms_)
    for (int i = 0; i < n_; ++i) g.segment<3>(3 * i) = -(d * forces[i]);
  if (cell_) {
    const double volume = std::abs((start_.lattice * d).determinant());
    Mat3 w;
    w << w6[XX], w6[XY], w6[XZ], w6[XY], w6[YY], w6[YZ], w6[XZ], w6[YZ], w6[ZZ];
    const Mat3 gd = -d.inverse().transpose() * (w - pressure * volume * Mat3::Identity());
    for (int s = 0; s < 6; ++s)
      g(cell_offset_ + s) = kA[s] == kB[s] ? gd(kA[s], kB[s]) : gd(kA[s], kB[s]) + gd(kB[s], kA[s]);
  }
  return g;
}

Eigen::VectorXd RelaxCoordinates::inverseHessianGuess(double atom_stiffness, double bulk_modulus) const {
  Eigen::VectorXd h(dim_);
  if (atoms_) h.head(cell_offset_).setConstant(1.0 / atom_stiffness);
  if (cell_) {
    const double bv = bulk_modulus * start_.volume();
    // A shear coordinate (e_ab = e_ba together) has curvature 4·C44·V ≈ 2·B·V (C44 ≈ B/2).
    for (int s = 0; s < 6; ++s) h(cell_offset_ + s) = 1.0 / (s < 3 ? bv : 2.0 * bv);
  }
  return h;
}

double RelaxCoordinates::largestDisplacement(const Eigen::VectorXd& x, const Eigen::VectorXd& y) const {
  const Configuration a = configuration(x), b = configuration(y);
  double m = 0.0;
  for (int i = 0; i < n_; ++i) m = std::max(m, (a.positions[i] - b.positions[i]).norm());
  if (cell_)
    for (int k = 0; k < 3; ++k) m = std::max(m, (a.lattice.row(k) - b.lattice.row(k)).norm());
  return m;
}

}  // namespace mtp
