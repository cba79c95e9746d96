#include "train/start_selection.h"

#include <algorithm>
#include <limits>
#include <numeric>

#include "train/loss_pass.h"
#include "train/random_init.h"
#include "train/varpro_lm.h"

namespace mtp {

StartSelection selectStart(ResidualModel& model, const MtpPotential& pot, const ParamLayout& lay,
                           const RadialRegularizer& reg, const TrainOptions& o, int threads,
                           const std::atomic<bool>* cancel) {
  StartSelection sel;
  LossPass screen(model);
  LossPassOptions so;
  so.linear_begin = lay.radial;
  so.threads = threads;
  so.cancel = cancel;
  std::vector<Eigen::VectorXd> points;
  SplitMix64 seeds(o.seed);
  try {
    for (int m = 0; m < std::max(1, o.init_candidates); ++m) {
      const uint64_t s = m == 0 ? o.seed : seeds.next();
      const Eigen::VectorXd cand = initialParameters(pot, s, o.init);
      if (o.init_candidates <= 1) {
        sel.theta = cand;
        return sel;
      }
      const LmPoint p = evaluateProjected(model, screen, so, lay, reg, o.lm.ridge, cand);
      ++sel.evaluations;
      sel.screened_losses.push_back(p.loss);
      points.push_back(p.theta);
    }
  } catch (const LossPass::Cancelled&) {
    if (points.empty()) {
      sel.theta = initialParameters(pot, o.seed, o.init);
      return sel;
    }
  }
  std::vector<int> order(points.size());
  std::iota(order.begin(), order.end(), 0);
  // Stable: equal losses keep candidate order, so the choice is deterministic.
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return sel.screened_losses[a] < sel.screened_losses[b]; });
  sel.theta = points[order[0]];
  const int trials = std::min<int>(o.trial_starts, static_cast<int>(order.size()));
  if (trials <= 1 || o.trial_iter <= 0) return sel;
  double best = std::numeric_limits<double>::infinity();
  try {
    for (int t = 0; t < trials; ++t) {
      VarProLevenbergMarquardt lm(model, lay, reg, o.lm, threads, cancel);
      lm.start(points[order[t]]);
      for (int it = 0; it < o.trial_iter; ++it)
        if (!lm.iterate()) break;
      sel.evaluations += lm.evaluations();
      sel.trial_losses.push_back(lm.loss());
      if (lm.loss() < best) {
        best = lm.loss();
        sel.theta = lm.theta();
        sel.chosen_trial = t;
      }
    }
  } catch (const LossPass::Cancelled&) {
  }
  return sel;
}

}  // namespace mtp
