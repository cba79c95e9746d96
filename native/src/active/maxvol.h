// The maxvol state of active learning (SCIENCE.md "Active learning"; MLIP_FORMATS.md §4).
//
// A is a square n×n matrix (n = n_params) whose rows are selection rows b (active/selection_rows.h)
// of the configurations (or atoms) of the active set; initially A = init_threshold · I ("empty"
// rows, MLIP's convention, so that with fewer selected rows than parameters the empty directions
// grade as |b_k| / init_threshold). The coefficients of a row b in the basis of A's rows are
// c = b A⁻¹; the extrapolation grade of b is γ = max_j |c_j| (γ ≤ 1: interpolation).
//
// Selection (maxvol): while the largest |C_ij| over the offered rows B (C = B A⁻¹) exceeds the swap
// threshold, row i of B replaces row j of A; |det A| grows by the factor |C_ij| each time, so the
// iteration ends. After a swap, C is updated by the rank-one (Sherman–Morrison) formula
//   C ← C − C[:, j] (c − e_j)ᵀ / c_j,   c = C[i, :],
// O(rows·n) per swap; at the end C is recomputed from a fresh LU factorisation of A (with one step
// of iterative refinement), and the loop continues if rounding had hidden a swap.
// Pivot choice is the first maximum in row-major order, so results do not depend on timing.
#pragma once
#include <functional>
#include <vector>

#include <Eigen/Core>
#include <Eigen/LU>

namespace mtp {

// Who supplied a row of A: a configuration number in the caller's numbering (and the atom, in
// nbh mode), or nobody (cfg = -1) for an initial init_threshold · e_r row.
struct RowOwner {
  long cfg = -1;
  int atom = -1;
  bool operator==(const RowOwner& o) const { return cfg == o.cfg && atom == o.atom; }
};

class Maxvol {
 public:
  Maxvol() = default;
  Maxvol(int n, double init_threshold);
  // A given explicitly (loading a saved state). Throws ComputeError if A is singular.
  Maxvol(Eigen::MatrixXd a, std::vector<RowOwner> owners, double init_threshold);

  int size() const { return static_cast<int>(a_.rows()); }
  double initThreshold() const { return init_threshold_; }
  const Eigen::MatrixXd& matrix() const { return a_; }
  const std::vector<RowOwner>& owners() const { return owners_; }
  std::vector<RowOwner>& owners() { return owners_; }  // for renumbering by the caller

  // C = B A⁻¹, shape [rows(B)][n].
  Eigen::MatrixXd coefficients(const Eigen::MatrixXd& b) const;
  // γ of every row of B: max_j |(B A⁻¹)_ij|.
  Eigen::VectorXd rowGrades(const Eigen::MatrixXd& b) const;

  // Which offered rows may enter A now: fill mask[i] (size rows(B)) with 1 for an eligible row.
  // Called before every pivot search, i.e. again after each swap (owners() is then up to date).
  using Eligibility = std::function<void(std::vector<char>& mask)>;

  // Offers rows B (owners[i] supplies row i). Nothing happens unless some eligible row has a
  // grade > start_threshold; then rows are swapped in while max |C| > swap_threshold
  // (start_threshold ≥ swap_threshold: MLIP's select vs swap thresholds). An empty eligibility
  // means every row is eligible. Returns the number of swaps.
  int select(const Eigen::MatrixXd& b, const std::vector<RowOwner>& owners, double swap_threshold,
             double start_threshold, const Eligibility& eligibility = {});

 private:
  void factorize();
  Eigen::MatrixXd a_;
  std::vector<RowOwner> owners_;
  double init_threshold_ = 0.0;
  Eigen::PartialPivLU<Eigen::MatrixXd> lu_t_;  // of Aᵀ: C = B A⁻¹ ⇔ Aᵀ Cᵀ = Bᵀ
};

}  // namespace mtp
