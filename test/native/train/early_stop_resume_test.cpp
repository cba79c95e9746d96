// Resume after validation early stopping: the checkpoint carries the early-stopping state (best
// validation loss, its iteration and parameters, and whether the run already stopped), so a run
// resumed from its final checkpoint or from one written mid-run ends exactly as the uninterrupted
// run: same stop reason, iteration count and byte-identical potential file.
#include <cstdio>
#include <string>

#include "io/mtp_file.h"
#include "testing.h"
#include "train/trainer.h"
#include "train_fixtures.h"

using namespace mtp;

namespace {

TrainResult trainTo(const TrainOptions& o, const std::vector<Configuration>& cfgs,
                    const std::vector<Configuration>& valid, const std::string& out) {
  TrainResult r = trainPotential(trainfx::level8(), cfgs, &valid, o, nullptr, nullptr);
  writeMtpFile(out, r.potential);
  return r;
}

}  // namespace

TEST(resume_after_early_stopping_is_byte_identical) {
  const auto cfgs = trainfx::moConfigurations(8);
  const auto valid = trainfx::firstConfigurations("mlip-reference/mlip3-examples/07.relax/to-relax.cfg", 3, 8);
  TrainOptions o;
  o.threads = 2;
  o.max_iter = 60;
  o.tol = 0.0;  // only the validation loss stops the run
  o.seed = 7;
  o.patience = 2;
  const std::string full_cp = "early_stop_full.cp", mid_cp = "early_stop_mid.cp";
  const std::string full_out = "early_stop_full.mtp", resumed_out = "early_stop_resumed.mtp",
                    mid_out = "early_stop_mid.mtp";

  TrainOptions full = o;
  full.checkpoint_path = full_cp;
  const TrainResult a = trainTo(full, cfgs, valid, full_out);
  std::fprintf(stderr, "  uninterrupted: %d iterations, best %d, stopped by %s\n", a.iterations, a.best_iteration,
               a.stop_reason.c_str());
  CHECK(a.stop_reason == "early-stopping");
  CHECK(a.iterations >= 3 && a.iterations < o.max_iter);
  CHECK(a.iterations - a.best_iteration == o.patience);

  // From the final checkpoint: the run has stopped, the resume must not train on.
  TrainOptions again = o;
  again.resume_path = full_cp;
  const TrainResult b = trainTo(again, cfgs, valid, resumed_out);
  CHECK(b.stop_reason == "early-stopping");
  CHECK(b.iterations == a.iterations);
  CHECK(b.best_iteration == a.best_iteration);
  CHECK(b.evaluations == a.evaluations);
  CHECK(trainfx::fileBytes(resumed_out) == trainfx::fileBytes(full_out));

  // From a checkpoint written before the stop (a run interrupted by --max-iter), on another
  // thread count.
  TrainOptions first = o;
  first.max_iter = a.iterations / 2;
  first.checkpoint_path = mid_cp;
  const TrainResult part = trainPotential(trainfx::level8(), cfgs, &valid, first, nullptr, nullptr);
  CHECK(part.stop_reason == "max-iter");
  TrainOptions second = o;
  second.resume_path = mid_cp;
  second.threads = 1;
  const TrainResult c = trainTo(second, cfgs, valid, mid_out);
  CHECK(c.stop_reason == "early-stopping");
  CHECK(c.iterations == a.iterations);
  CHECK(c.best_iteration == a.best_iteration);
  CHECK(trainfx::fileBytes(mid_out) == trainfx::fileBytes(full_out));
  CHECK(!trainfx::fileBytes(full_out).empty());

  for (const std::string& f : {full_cp, mid_cp, full_out, resumed_out, mid_out}) std::remove(f.c_str());
}

TEST(stopped_state_round_trips_through_the_checkpoint_file) {
  const auto cfgs = trainfx::moConfigurations(4);
  TrainOptions o;
  o.threads = 1;
  o.max_iter = 2;
  o.tol = 0.0;
  o.seed = 3;
  o.checkpoint_path = "early_stop_roundtrip.cp";
  trainPotential(trainfx::level8(), cfgs, nullptr, o, nullptr, nullptr);
  // A run ended by --max-iter is not stopped: raising --max-iter continues it.
  TrainOptions more = o;
  more.max_iter = 4;
  more.resume_path = o.checkpoint_path;
  const TrainResult r = trainPotential(trainfx::level8(), cfgs, nullptr, more, nullptr, nullptr);
  CHECK(r.iterations == 4);
  CHECK(r.stop_reason == "max-iter");
  std::remove(o.checkpoint_path.c_str());
}

TEST_MAIN()
