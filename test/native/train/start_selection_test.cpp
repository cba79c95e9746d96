// Start selection (train/start_selection.h): trial runs start from the best screened candidates,
// the lowest trial loss wins, the choice is reproducible, and the hybrid LM → L-BFGS optimiser
// switches phase and does not end above where its LM phase ended.
#include <algorithm>

#include "testing.h"
#include "train/parameter_vector.h"
#include "train/trainer.h"
#include "train_fixtures.h"

using namespace mtp;

namespace {

TrainOptions options() {
  TrainOptions o;
  o.threads = 2;
  o.max_iter = 3;
  o.tol = 0.0;
  o.seed = 11;
  o.init_candidates = 5;
  o.trial_starts = 3;
  o.trial_iter = 2;
  return o;
}

}  // namespace

TEST(trial_runs_choose_the_lowest_loss_reproducibly) {
  const auto cfgs = trainfx::moConfigurations(6);
  const TrainResult a = trainPotential(trainfx::level8(), cfgs, nullptr, options(), nullptr, nullptr);
  CHECK(a.screened_losses.size() == 5);
  CHECK(a.trial_losses.size() == 3);
  CHECK(a.chosen_trial >= 0 && a.chosen_trial < 3);
  const double best = *std::min_element(a.trial_losses.begin(), a.trial_losses.end());
  CHECK(a.trial_losses[a.chosen_trial] == best);
  // Trial runs descend from screened starts, so the best trial beats the best screened loss, and
  // the main run continues from there.
  CHECK(best < *std::min_element(a.screened_losses.begin(), a.screened_losses.end()));
  CHECK(a.loss <= best);
  const TrainResult b = trainPotential(trainfx::level8(), cfgs, nullptr, options(), nullptr, nullptr);
  CHECK((packParameters(a.potential).array() == packParameters(b.potential).array()).all());
  CHECK(a.trial_losses == b.trial_losses);
}

TEST(hybrid_polishes_after_lm) {
  const auto cfgs = trainfx::moConfigurations(6);
  TrainOptions lm = options();
  lm.trial_starts = 1;
  lm.max_iter = 3;
  const TrainResult lm_only = trainPotential(trainfx::level8(), cfgs, nullptr, lm, nullptr, nullptr);
  TrainOptions hybrid = lm;
  hybrid.optimizer = Optimizer::LmThenLbfgs;
  hybrid.lm_max_iter = 3;
  hybrid.max_iter = 10;
  hybrid.polish_tol = 0.0;
  const TrainResult h = trainPotential(trainfx::level8(), cfgs, nullptr, hybrid, nullptr, nullptr);
  // The first 3 iterations are the same LM iterations; L-BFGS then lowers the loss further.
  CHECK(h.iterations == 10 || h.stop_reason == "converged");
  CHECK(h.loss < lm_only.loss);
}

TEST_MAIN()
