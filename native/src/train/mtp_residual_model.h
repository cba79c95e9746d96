// ResidualModel for an MTP on a fixed set of configurations: neighbour lists are built once (they
// depend only on positions and max_dist), evaluation and Jacobians come from eval/MtpEvaluator.
#pragma once
#include <algorithm>
#include <atomic>
#include <vector>

#include "basis/mtp_potential.h"
#include "core/configuration.h"
#include "core/neighbor_list.h"
#include "eval/mtp_evaluator.h"
#include "train/residual_model.h"

namespace mtp {

class MtpResidualModel : public ResidualModel {
 public:
  // cfgs must outlive the model. pot supplies the basis (its coefficients may be absent).
  // max_workers: the largest worker id + 1 that evaluate() will be called with.
  MtpResidualModel(const MtpPotential& pot, const std::vector<Configuration>& cfgs,
                   const LossWeights& weights, int max_workers);

  int configCount() const override { return static_cast<int>(cfgs_.size()); }
  int paramCount() const override { return evaluator_.model().param_count; }
  const ResidualLayout& layout(int cfg) const override { return layouts_[cfg]; }
  int atoms(int cfg) const override { return std::max(1, cfgs_[cfg].size()); }
  void setParameters(const Eigen::VectorXd& theta) override;
  void evaluate(int cfg, bool with_jacobian, int worker, ModelRows& out) const override;
  // By MtpEvaluator::addFunctionalGradient (reverse-over-forward, ~2 evaluations).
  void addWeightedGradient(int cfg, const Eigen::VectorXd& wr, double scale, int worker,
                           Eigen::VectorXd& gradient) const override;

  // A changing limit on the workers of each pass (null = max_workers); it must outlive the model.
  void setWorkerLimit(const std::atomic<int>* limit) { worker_limit_ = limit; }
  int workerLimit() const override {
    const int most = static_cast<int>(workspaces_.size());
    return worker_limit_ ? std::clamp(worker_limit_->load(), 1, most) : most;
  }

  const Configuration& configuration(int cfg) const { return cfgs_[cfg]; }
  // Energy, forces and PlusStress of configuration cfg at the current parameters.
  EfsResult efs(int cfg, int worker) const;
  const MtpEvaluator& evaluator() const { return evaluator_; }

 private:
  MtpEvaluator evaluator_;
  const std::vector<Configuration>& cfgs_;
  std::vector<NeighborList> neighbors_;
  const std::atomic<int>* worker_limit_ = nullptr;
  std::vector<ResidualLayout> layouts_;
  mutable std::vector<EvalWorkspace> workspaces_;
};

}  // namespace mtp
