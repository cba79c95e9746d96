// MLIP-style start (train/random_init.h, InitMode::Mlip) and pre-training
// (train/pretrained_training.h): the start is seeded and has no preferred Chebyshev term; a common
// factor on the radial coefficients does not change the loss after the exact linear solve (why the
// 5e-7 amplitude can be normalised away); a run with pre-training is reproducible for any thread
// count and resumes bit-identically from checkpoints written before and after the phase switch.
#include <atomic>
#include <cmath>
#include <cstdio>
#include <string>

#include "io/mtp_file.h"
#include "testing.h"
#include "train/loss_pass.h"
#include "train/mtp_residual_model.h"
#include "train/parameter_vector.h"
#include "train/random_init.h"
#include "train/trainer.h"
#include "train/varpro_lm.h"
#include "train_fixtures.h"

using namespace mtp;

namespace {

MtpPotential scaledLevel8(const std::vector<Configuration>& cfgs) {
  MtpPotential pot = trainfx::level8();
  pot.scaling = naturalScaling(cfgs, pot.max_dist);
  return pot;
}

TrainOptions mlipOptions(Optimizer optimizer) {
  TrainOptions o;
  o.threads = 2;
  o.tol = 0.0;  // every iteration runs
  o.seed = 5;
  o.init = InitMode::Mlip;
  o.init_candidates = 1;  // MLIP trains its one random start
  o.preinit = 3;
  o.max_iter = 4;
  o.lbfgs_linear_every = 2;  // exercise the linear re-solve inside the pre-training too
  o.optimizer = optimizer;
  return o;
}

// Trains, cancelling after `cancel_after` completed iterations (0: never); writes the potential.
TrainResult trainTo(const TrainOptions& o, const std::vector<Configuration>& cfgs, const std::string& out,
                    int cancel_after = 0) {
  std::atomic<bool> cancel{false};
  TrainResult r = trainPotential(trainfx::level8(), cfgs, nullptr, o, [&](const IterationReport& rep) {
    if (cancel_after > 0 && rep.iteration >= cancel_after) cancel = true;
  }, &cancel);
  if (!r.cancelled) writeMtpFile(out, r.potential);
  return r;
}

}  // namespace

TEST(mlip_start_is_seeded_small_and_unbiased) {
  const auto cfgs = trainfx::moConfigurations(2);
  const MtpPotential pot = scaledLevel8(cfgs);
  const ParamLayout lay = paramLayout(pot);
  const Eigen::VectorXd raw = mlipInitialParameters(pot, 9, 5e-7, false);
  CHECK(raw.size() == lay.total());
  CHECK(raw.head(lay.radial).cwiseAbs().maxCoeff() <= 5e-7);
  CHECK(raw.head(lay.radial).cwiseAbs().maxCoeff() > 1e-7);
  CHECK(raw.tail(lay.linear()).isZero(0.0));
  CHECK((raw.array() == mlipInitialParameters(pot, 9, 5e-7, false).array()).all());
  CHECK(!(raw.array() == mlipInitialParameters(pot, 10, 5e-7, false).array()).all());
  // Normalised: the same direction, mean radial-vector norm 1.
  const Eigen::VectorXd unit = initialParameters(pot, 9, InitMode::Mlip);
  const int r = pot.radial_basis_size, vectors = lay.radial / r;
  double mean_norm = 0.0;
  for (int v = 0; v < vectors; ++v) mean_norm += unit.segment(v * r, r).norm();
  CHECK_NEAR(mean_norm / vectors, 1.0, 1e-14);
  CHECK_NEAR(unit[0] / raw[0], unit[1] / raw[1], 1e-6 * std::fabs(unit[0] / raw[0]));
  // Unbiased: the diagonal c_{mu,mu} is not larger on average than the off-diagonal terms (the
  // identity start puts ~1 there).
  double diag = 0.0, off = 0.0;
  int nd = 0, no = 0;
  for (int mu = 0; mu < pot.radialFuncsCount(); ++mu)
    for (int xi = 0; xi < r; ++xi) {
      const double c = std::fabs(unit[mu * r + xi]);
      if (mu == xi) diag += c, ++nd;
      else off += c, ++no;
    }
  CHECK(diag / nd < 2.0 * off / no);
  const Eigen::VectorXd identity = initialParameters(pot, 9, InitMode::Identity);
  CHECK(identity[0] > 0.5);  // delta_{00} + 0.5 U(-1,1)
}

TEST(common_radial_factor_leaves_the_projected_loss_unchanged) {
  const auto cfgs = trainfx::moConfigurations(4);
  const MtpPotential pot = scaledLevel8(cfgs);
  const ParamLayout lay = paramLayout(pot);
  MtpResidualModel model(pot, cfgs, LossWeights{}, 2);
  const RadialRegularizer none(1, pot.radialFuncsCount(), pot.radial_basis_size, 0.0);
  LossPass pass(model);
  LossPassOptions po;
  po.jacobian = true;
  po.gauss_newton = true;
  po.linear_begin = lay.radial;
  po.threads = 2;
  auto projected = [&](const Eigen::VectorXd& theta) {
    // Two solves: the second Jacobian is taken at the solved linear coefficients.
    const LmPoint p = evaluateProjected(model, pass, po, lay, none, 1e-10, theta);
    return evaluateProjected(model, pass, po, lay, none, 1e-10, p.theta).loss;
  };
  const double small = projected(mlipInitialParameters(pot, 3, 5e-7, false));
  const double unit = projected(initialParameters(pot, 3, InitMode::Mlip));
  const double other = projected(initialParameters(pot, 4, InitMode::Mlip));
  std::fprintf(stderr, "  projected loss: amplitude 5e-7 %.12g, normalised %.12g, other seed %.12g\n", small, unit,
               other);
  CHECK(unit > 0.0);
  CHECK_NEAR(small, unit, 1e-6 * unit);
  CHECK(std::fabs(other - unit) > 1e-3 * unit);  // the direction does matter
}

TEST(pretraining_then_main_optimiser_resumes_bit_identically) {
  const auto cfgs = trainfx::moConfigurations(6);
  for (Optimizer opt : {Optimizer::LevenbergMarquardt, Optimizer::Lbfgs}) {
    const TrainOptions o = mlipOptions(opt);
    const std::string tag = opt == Optimizer::Lbfgs ? "bfgs" : "lm";
    const std::string full = "pretrain_full_" + tag + ".mtp", cp = "pretrain_" + tag + ".cp";
    const TrainResult a = trainTo(o, cfgs, full);
    std::fprintf(stderr, "  %s: %d iterations (3 pre-training), %ld passes, loss %.10g, stopped by %s\n",
                 tag.c_str(), a.iterations, a.evaluations, a.loss, a.stop_reason.c_str());
    CHECK(a.iterations == o.preinit + o.max_iter);  // pre-training is not counted in max_iter
    CHECK(a.stop_reason == "max-iter");

    TrainOptions one_thread = o;
    one_thread.threads = 1;
    const std::string single = "pretrain_single_" + tag + ".mtp";
    const TrainResult b = trainTo(one_thread, cfgs, single);
    CHECK(trainfx::fileBytes(single) == trainfx::fileBytes(full));
    CHECK(b.evaluations == a.evaluations);

    // Interrupted during pre-training (after 2 iterations) and after the switch (after 5), resumed
    // on another thread count: the same potential, iteration and pass counts.
    for (int stop_at : {2, 5}) {
      TrainOptions first = o;
      first.checkpoint_path = cp;
      const TrainResult part = trainTo(first, cfgs, "", stop_at);
      CHECK(part.cancelled);
      TrainOptions rest = o;
      rest.threads = 1;
      rest.resume_path = cp;
      const std::string resumed = "pretrain_resumed_" + tag + ".mtp";
      const TrainResult c = trainTo(rest, cfgs, resumed);
      CHECK(c.iterations == a.iterations);
      CHECK(c.evaluations == a.evaluations);
      CHECK(c.loss == a.loss);
      CHECK(trainfx::fileBytes(resumed) == trainfx::fileBytes(full));
      std::remove(resumed.c_str());
    }
    // A checkpoint of a run with other pre-training options is refused.
    TrainOptions other = o;
    other.preinit = 2;
    other.resume_path = cp;
    CHECK_THROWS(trainPotential(trainfx::level8(), cfgs, nullptr, other, nullptr, nullptr));
    for (const std::string& f : {full, single, cp}) std::remove(f.c_str());
  }
}

TEST(pretraining_lowers_the_loss_before_lm_starts) {
  const auto cfgs = trainfx::moConfigurations(6);
  TrainOptions o = mlipOptions(Optimizer::LevenbergMarquardt);
  o.max_iter = 0;  // pre-training only (its switch starts LM, which evaluates but takes no step)
  std::vector<double> losses;
  const TrainResult r = trainPotential(trainfx::level8(), cfgs, nullptr, o,
                                       [&](const IterationReport& rep) { losses.push_back(rep.loss); }, nullptr);
  CHECK(r.iterations == o.preinit);
  CHECK(losses.size() == static_cast<size_t>(o.preinit + 1));
  CHECK(losses.back() < losses.front());
}

TEST_MAIN()
