// What training needs from a model: for each training configuration, the model's values of the
// residual rows (ResidualLayout order: energy eV, forces eV/Å atom-major, PlusStress eV
// xx yy zz yz xz xy) and, on request, their Jacobian with respect to every parameter theta
// (ParamLayout order). The loss, its gradient and the Gauss–Newton matrix are built from these
// (normal_equations.h), so any model that fills ModelRows can be trained.
#pragma once
#include <climits>

#include <Eigen/Core>

#include "train/loss_spec.h"

namespace mtp {

struct ModelRows {
  Eigen::VectorXd values;  // shape [rows]
  Eigen::MatrixXd jacobian;  // shape [rows][P] (d value_r / d theta_p)
};

class ResidualModel {
 public:
  virtual ~ResidualModel() = default;
  virtual int configCount() const = 0;
  virtual int paramCount() const = 0;
  virtual const ResidualLayout& layout(int cfg) const = 0;
  // Number of atoms of configuration cfg (used to balance work; >= 1).
  virtual int atoms(int cfg) const = 0;
  // Sets theta for the following evaluate() calls (not thread-safe; call between passes).
  virtual void setParameters(const Eigen::VectorXd& theta) = 0;
  // Values (and the Jacobian if with_jacobian) of configuration cfg at the current theta. Safe to
  // call concurrently for different cfg with distinct worker ids in [0, threads).
  virtual void evaluate(int cfg, bool with_jacobian, int worker, ModelRows& out) const = 0;
  // How many workers a pass may use now, at most (read at the start of each pass). A model trained
  // alongside others can be given a limit that changes between passes (an ensemble hands a finished
  // member's threads to the members still training, train/ensemble_threads.h).
  virtual int workerLimit() const { return INT_MAX; }
  // Adds scale · J_cfgᵀ wr (wr: one weight per residual row) to gradient, at the current theta.
  // This default forms the Jacobian; a model may compute the product by an adjoint pass instead
  // (a few evaluations' cost instead of one per parameter). Same concurrency rules as evaluate().
  virtual void addWeightedGradient(int cfg, const Eigen::VectorXd& wr, double scale, int worker,
                                   Eigen::VectorXd& gradient) const {
    ModelRows rows;
    evaluate(cfg, true, worker, rows);
    gradient.noalias() += scale * (rows.jacobian.transpose() * wr);
  }
};

}  // namespace mtp
