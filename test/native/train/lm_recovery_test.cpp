// The tolerance stop waits while Levenberg–Marquardt recovers from a rejection streak
// (TrainingOptimizer::settled): a run resumed with its damping raised 1e7-fold above where it was
// before the streak keeps iterating under a tolerance that otherwise stops it at once; the
// recovery target round-trips through the checkpoint, and checkpoints without it still load.
#include <cstdio>
#include <string>

#include "testing.h"
#include "train/checkpoint.h"
#include "train/trainer.h"
#include "train_fixtures.h"

using namespace mtp;

namespace {

TrainOptions options() {
  TrainOptions o;
  o.threads = 2;
  o.seed = 4;
  o.tol = 0.0;
  o.max_iter = 2;
  return o;
}

// Resumes from `cp` after replacing the LM state's damping and recovery target (recover_to < 0:
// the old state layout without it), with a tolerance that any slow iteration meets.
TrainResult resumeWith(const std::string& cp, double lambda, double recover_to,
                       const std::vector<Configuration>& cfgs) {
  TrainCheckpoint c = loadCheckpoint(cp);
  std::vector<double>& st = c.optimizer_state;
  st[0] = lambda;
  st[1] = 2.0;
  if (recover_to >= 0.0) st.back() = recover_to;
  else st.pop_back();
  const std::string edited = cp + ".edited";
  saveCheckpoint(edited, c);
  TrainOptions o = options();
  o.resume_path = edited;
  o.max_iter = 8;
  o.tol = 0.5;  // stop when the loss fell by less than 50 % over one iteration
  o.window = 1;
  const TrainResult r = trainPotential(trainfx::level8(), cfgs, nullptr, o, nullptr, nullptr);
  std::remove(edited.c_str());
  return r;
}

}  // namespace

TEST(tolerance_waits_for_the_damping_to_recover) {
  const auto cfgs = trainfx::moConfigurations(6);
  TrainOptions first = options();
  first.checkpoint_path = "lm_recovery.cp";
  trainPotential(trainfx::level8(), cfgs, nullptr, first, nullptr, nullptr);
  const TrainCheckpoint c = loadCheckpoint(first.checkpoint_path);
  CHECK(c.optimizer_state.size() == 4 + 1);  // lambda, nu, secant rejects, n = 0, recover_to
  CHECK(c.optimizer_state.back() == 0.0);     // no rejection streak in the first 2 iterations

  // Settled (not recovering), heavily damped: the tiny steps meet the tolerance at once.
  const TrainResult settled = resumeWith(first.checkpoint_path, 1e4, 0.0, cfgs);
  std::fprintf(stderr, "  settled: stopped by %s after %d iterations\n", settled.stop_reason.c_str(),
               settled.iterations);
  CHECK(settled.stop_reason == "tolerance");
  CHECK(settled.iterations == 3);
  // The same damping reached by a rejection streak from 1e-3: the damping falls by at most 3x per
  // iteration, so it needs more than the 6 remaining iterations to get back; no tolerance stop.
  const TrainResult recovering = resumeWith(first.checkpoint_path, 1e4, 1e-3, cfgs);
  std::fprintf(stderr, "  recovering: stopped by %s after %d iterations\n", recovering.stop_reason.c_str(),
               recovering.iterations);
  CHECK(recovering.stop_reason == "max-iter" || recovering.stop_reason == "converged");
  CHECK(recovering.iterations > 3);
  // A checkpoint in the layout before the recovery target existed resumes as settled.
  const TrainResult old = resumeWith(first.checkpoint_path, 1e4, -1.0, cfgs);
  CHECK(old.stop_reason == "tolerance");
  CHECK(old.iterations == settled.iterations);
  std::remove(first.checkpoint_path.c_str());
}

TEST_MAIN()
