#include "active/maxvol.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/errors.h"

namespace mtp {

Maxvol::Maxvol(int n, double init_threshold)
    : a_(Eigen::MatrixXd::Identity(n, n) * init_threshold), owners_(n), init_threshold_(init_threshold) {
  if (!(init_threshold > 0.0)) throw ComputeError("maxvol: the initial threshold must be > 0");
  factorize();
}

Maxvol::Maxvol(Eigen::MatrixXd a, std::vector<RowOwner> owners, double init_threshold)
    : a_(std::move(a)), owners_(std::move(owners)), init_threshold_(init_threshold) {
  if (a_.rows() != a_.cols() || static_cast<int>(owners_.size()) != a_.rows())
    throw ComputeError("maxvol: matrix is " + std::to_string(a_.rows()) + "x" + std::to_string(a_.cols()) +
                       " with " + std::to_string(owners_.size()) + " row owners");
  factorize();
}

void Maxvol::factorize() {
  lu_t_.compute(a_.transpose());
  // The determinant itself under/overflows for n ~ 100 (init_threshold^n); check the pivots.
  const Eigen::VectorXd pivots = lu_t_.matrixLU().diagonal().cwiseAbs();
  if (!(pivots.allFinite() && pivots.minCoeff() > 0.0)) throw ComputeError("maxvol: the active-set matrix is singular");
}

Eigen::MatrixXd Maxvol::coefficients(const Eigen::MatrixXd& b) const {
  if (b.rows() == 0) return Eigen::MatrixXd(0, size());
  const Eigen::MatrixXd bt = b.transpose();
  Eigen::MatrixXd x = lu_t_.solve(bt);
  // One step of iterative refinement: A mixes rows of very different size (init_threshold rows
  // next to real ones), and grades of active-set rows must come out as 1 to ~1e-12.
  const Eigen::MatrixXd residual = bt - a_.transpose() * x;
  x += lu_t_.solve(residual);
  return x.transpose();
}

Eigen::VectorXd Maxvol::rowGrades(const Eigen::MatrixXd& b) const {
  if (b.rows() == 0) return Eigen::VectorXd(0);
  return coefficients(b).cwiseAbs().rowwise().maxCoeff();
}

int Maxvol::select(const Eigen::MatrixXd& b, const std::vector<RowOwner>& owners, double swap_threshold,
                   double start_threshold, const Eligibility& eligibility) {
  if (b.cols() != size())
    throw ComputeError("maxvol: rows have " + std::to_string(b.cols()) + " columns, the state " +
                       std::to_string(size()));
  if (!(swap_threshold >= 1.0)) throw ComputeError("maxvol: the swap threshold must be >= 1");
  if (static_cast<int>(owners.size()) != b.rows()) throw ComputeError("maxvol: one owner per offered row needed");
  const int m = static_cast<int>(b.rows()), n = size();
  std::vector<char> mask(m, 1);
  int swaps = 0;
  // Each refresh recomputes C exactly; a second refresh without a swap ends the loop.
  for (int refresh = 0; refresh < 64; ++refresh) {
    Eigen::MatrixXd c = coefficients(b);
    int swaps_here = 0;
    while (true) {
      if (eligibility) eligibility(mask);
      // The first search of the call must beat start_threshold, every later one swap_threshold.
      double best = swaps == 0 ? std::max(start_threshold, swap_threshold) : swap_threshold;
      int bi = -1, bj = -1;
      for (int i = 0; i < m; ++i) {
        if (!mask[i]) continue;
        for (int j = 0; j < n; ++j) {
          const double v = std::abs(c(i, j));
          if (v > best) {
            best = v;
            bi = i;
            bj = j;
          }
        }
      }
      if (bi < 0) break;
      const Eigen::RowVectorXd ci = c.row(bi);
      const double pivot = ci(bj);
      Eigen::RowVectorXd delta = ci / pivot;
      delta(bj) -= 1.0 / pivot;
      const Eigen::VectorXd col = c.col(bj);
      c.noalias() -= col * delta;
      a_.row(bj) = b.row(bi);
      owners_[bj] = owners[bi];
      ++swaps;
      ++swaps_here;
    }
    factorize();
    if (swaps_here == 0) break;
  }
  return swaps;
}

}  // namespace mtp
