#include "reference/eam_spline.h"

#include <algorithm>
#include <stdexcept>

namespace mtp {

EamSpline::EamSpline(const std::vector<double>& values, double dx, Clamp clamp)
    : dx_(dx), inverse_dx_(1.0 / dx), clamp_(clamp) {
  const int n = static_cast<int>(values.size());
  if (n < 5) throw std::invalid_argument("EAM table needs at least 5 points");
  if (!(dx > 0.0)) throw std::invalid_argument("EAM table spacing must be positive");
  coeff_.assign(n, {});
  auto& c = coeff_;
  for (int m = 0; m < n; ++m) c[m][6] = values[m];

  // Nodal slopes (per grid step, not per unit x).
  c[0][5] = c[1][6] - c[0][6];
  c[1][5] = 0.5 * (c[2][6] - c[0][6]);
  c[n - 2][5] = 0.5 * (c[n - 1][6] - c[n - 3][6]);
  c[n - 1][5] = c[n - 1][6] - c[n - 2][6];
  for (int m = 2; m <= n - 3; ++m)
    c[m][5] = ((c[m - 2][6] - c[m + 2][6]) + 8.0 * (c[m + 1][6] - c[m - 1][6])) / 12.0;

  // Cubic Hermite on [x_m, x_{m+1}] in p = (x − x_m)/dx.
  for (int m = 0; m < n - 1; ++m) {
    c[m][4] = 3.0 * (c[m + 1][6] - c[m][6]) - 2.0 * c[m][5] - c[m + 1][5];
    c[m][3] = c[m][5] + c[m + 1][5] - 2.0 * (c[m + 1][6] - c[m][6]);
  }
  c[n - 1][4] = 0.0;
  c[n - 1][3] = 0.0;

  // Derivative polynomial d/dx = (3·c3·p² + 2·c4·p + c5)/dx.
  for (int m = 0; m < n; ++m) {
    c[m][2] = c[m][5] / dx;
    c[m][1] = 2.0 * c[m][4] / dx;
    c[m][0] = 3.0 * c[m][3] / dx;
  }
}

void EamSpline::locate(double x, int& m, double& p) const {
  // Same operations, in the same order, as LAMMPS (its tables are 1-based: node k at (k−1)·dx).
  const int n = static_cast<int>(coeff_.size());
  p = x * inverse_dx_ + 1.0;
  int k = static_cast<int>(p);
  k = std::min(k, n - 1);
  if (clamp_ == Clamp::Density) k = std::max(1, k);
  p -= k;
  p = std::min(p, 1.0);
  m = k - 1;
}

void EamSpline::evaluate(double x, double& value, double& derivative) const {
  int m;
  double p;
  locate(x, m, p);
  const auto& c = coeff_[m];
  derivative = (c[0] * p + c[1]) * p + c[2];
  value = ((c[3] * p + c[4]) * p + c[5]) * p + c[6];
}

double EamSpline::value(double x) const {
  double v, d;
  evaluate(x, v, d);
  return v;
}

double EamSpline::derivative(double x) const {
  double v, d;
  evaluate(x, v, d);
  return d;
}

}  // namespace mtp
