#include "train/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <memory>
#include <stdexcept>

#include "core/neighbor_list.h"
#include "core/thread_pool.h"
#include "train/checkpoint.h"
#include "train/hybrid_training.h"
#include "train/lbfgs_training.h"
#include "train/loss_pass.h"
#include "train/mtp_residual_model.h"
#include "train/parameter_vector.h"
#include "train/pretrained_training.h"
#include "train/random_init.h"
#include "train/start_selection.h"

namespace mtp {

namespace {

std::string fingerprintOf(const MtpPotential& pot, const std::vector<Configuration>& train,
                          const std::vector<Configuration>* valid, const TrainOptions& o) {
  long atoms = 0;
  for (const Configuration& c : train) atoms += c.size();
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "cfgs=%zu atoms=%ld valid=%zu params=%d max_dist=%a weighting=%s we=%a wf=%a ws=%a "
                "sbf=%a reg=%a opt=%d ridge=%a lambda0=%a lm_max_iter=%d",
                train.size(), atoms, valid ? valid->size() : size_t{0}, pot.paramCount(), pot.max_dist,
                weightingName(o.weights.weighting), o.weights.energy, o.weights.force, o.weights.stress,
                o.weights.scale_by_force, o.regularization, static_cast<int>(o.optimizer), o.lm.ridge,
                o.lm.lambda0, o.optimizer == Optimizer::LmThenLbfgs ? o.lm_max_iter : 0);
  std::string f = buf;
  // Appended only for non-identity starts and pre-training, so checkpoints written before these
  // options existed still resume (with --init identity). The random start matters only for fresh
  // starts, not when training on or from --init-from.
  if (o.init != InitMode::Identity && !pot.trained() && !o.init_from)
    f += std::string(" init=") + initModeName(o.init);
  if (o.preinit > 0) f += " preinit=" + std::to_string(o.preinit);
  return f;
}

double smallestDistance(const std::vector<Configuration>& cfgs, int threads) {
  std::vector<double> d(cfgs.size(), std::numeric_limits<double>::infinity());
  parallelFor(static_cast<int>(cfgs.size()), threads, [&](int c, int) { d[c] = minimumDistance(cfgs[c]); });
  double m = std::numeric_limits<double>::infinity();
  for (double v : d) m = std::min(m, v);
  return m;
}

}  // namespace

double naturalScaling(const std::vector<Configuration>& cfgs, double max_dist) {
  double sum = 0.0;
  long atoms = 0;
  for (const Configuration& c : cfgs) {
    const NeighborList nl = buildNeighborList(c, max_dist);
    for (size_t e = 0; e < nl.r.size(); ++e) sum += (max_dist - nl.r[e]) * (max_dist - nl.r[e]);
    atoms += c.size();
  }
  if (!(sum > 0.0) || atoms == 0) return 1.0;
  return static_cast<double>(atoms) / sum;
}

TrainResult trainPotential(MtpPotential pot, const std::vector<Configuration>& train,
                           const std::vector<Configuration>* valid, const TrainOptions& o,
                           const std::function<void(const IterationReport&)>& progress,
                           const std::atomic<bool>* cancel) {
  using Clock = std::chrono::steady_clock;
  const Clock::time_point t0 = Clock::now();
  const int threads = o.threads > 0 ? o.threads : hardwareThreads();
  if (train.empty()) throw std::invalid_argument("the training set is empty");

  TrainCheckpoint cp;
  const bool resuming = !o.resume_path.empty();
  if (resuming) {
    cp = loadCheckpoint(o.resume_path);
    pot.min_dist = cp.min_dist;
    pot.scaling = cp.scaling;
  } else {
    if (o.update_mindist)
      pot.min_dist = 0.99 * smallestDistance(train, o.thread_limit ? std::min(threads, o.thread_limit->load()) : threads);
    if (!pot.trained() && !o.init_from) pot.scaling = naturalScaling(train, pot.max_dist);
  }
  const std::string fingerprint = fingerprintOf(pot, train, valid, o);
  if (resuming && (cp.fingerprint != fingerprint || cp.seed != o.seed))
    throw std::invalid_argument("checkpoint '" + o.resume_path +
                                "' was written for other data, options or seed (" + cp.fingerprint + ")");

  MtpResidualModel model(pot, train, o.weights, threads);
  model.setWorkerLimit(o.thread_limit);
  std::unique_ptr<MtpResidualModel> vmodel;
  std::unique_ptr<LossPass> vpass;
  if (valid && !valid->empty()) {
    vmodel = std::make_unique<MtpResidualModel>(pot, *valid, o.weights, threads);
    vmodel->setWorkerLimit(o.thread_limit);
    vpass = std::make_unique<LossPass>(*vmodel);
  }
  const ParamLayout lay = paramLayout(pot);
  const RadialRegularizer reg(pot.species_count * pot.species_count, pot.radialFuncsCount(),
                              pot.radial_basis_size, o.regularization);
  std::unique_ptr<TrainingOptimizer> opt;
  HybridTraining* hybrid = nullptr;
  PretrainedTraining* pretrain = nullptr;
  auto make_lbfgs = [&] {
    return std::make_unique<LbfgsTraining>(model, lay, reg, o.lbfgs_memory, o.lbfgs_linear_every, o.lm.ridge,
                                           threads, cancel);
  };
  if (o.optimizer == Optimizer::LevenbergMarquardt) {
    opt = std::make_unique<VarProLevenbergMarquardt>(model, lay, reg, o.lm, threads, cancel);
  } else if (o.optimizer == Optimizer::Lbfgs) {
    opt = make_lbfgs();
  } else {
    auto h = std::make_unique<HybridTraining>(
        std::make_unique<VarProLevenbergMarquardt>(model, lay, reg, o.lm, threads, cancel), make_lbfgs(),
        o.lm_max_iter, o.tol, o.window);
    hybrid = h.get();
    opt = std::move(h);
  }
  // Pre-training belongs to a fresh random start (as in MLIP); a trained or --init-from potential
  // goes straight to the main optimiser. A resumed run rebuilds the same optimiser from the
  // fingerprinted options, so it must take the same decision as the run that wrote the checkpoint.
  const bool fresh = !pot.trained() && !o.init_from;
  if (o.preinit > 0 && fresh) {
    auto p = std::make_unique<PretrainedTraining>(make_lbfgs(), std::move(opt), o.preinit);
    pretrain = p.get();
    opt = std::move(p);
  }
  const int max_iter = o.max_iter + (pretrain ? o.preinit : 0);
  // The stopping rule of the current phase (the hybrid's LM phase switches instead of stopping).
  auto stop_rule = [&](double& tol, int& window) {
    tol = o.tol, window = o.window;
    if (hybrid && !hybrid->polishing()) window = 0;
    if (pretrain && pretrain->pretraining()) window = 0;
    if (hybrid && hybrid->polishing()) tol = o.polish_tol, window = o.polish_window;
  };

  Eigen::VectorXd theta0;
  long screening_evaluations = 0;
  StartSelection selection;
  if (pot.trained()) {
    theta0 = packParameters(pot);
  } else if (o.init_from) {
    theta0 = initialParametersFrom(pot, *o.init_from, o.seed);
  } else if (resuming) {
    theta0 = initialParameters(pot, o.seed, o.init);  // replaced by the checkpoint's point
  } else {
    selection = selectStart(model, pot, lay, reg, o, threads, cancel);
    theta0 = selection.theta;
    screening_evaluations = selection.evaluations;
  }

  TrainResult res;
  int iteration = 0;
  long evaluations_before = screening_evaluations;
  double elapsed_before = 0.0;
  std::vector<double> history;
  Eigen::VectorXd best_theta;
  double best_valid = std::numeric_limits<double>::infinity();
  int best_iteration = -1;
  bool have_point = false;
  auto elapsed = [&] { return elapsed_before + std::chrono::duration<double>(Clock::now() - t0).count(); };

  LossPassOptions vopt;
  vopt.jacobian = false;
  vopt.threads = threads;
  vopt.cancel = cancel;
  auto validate = [&](IterationReport& rep) {
    if (!vmodel) return;
    vmodel->setParameters(opt->theta());
    const LossPassResult v = vpass->run(vopt);
    rep.has_valid = true;
    rep.valid_loss = v.loss;
    rep.valid_energy_rmse = v.energy.rmse();
    rep.valid_force_rmse = v.force.rmse();
    rep.valid_stress_rmse = v.stress.rmse();
    if (v.loss < best_valid) {
      best_valid = v.loss;
      best_iteration = iteration;
      best_theta = opt->theta();
    }
  };
  auto report = [&] {
    IterationReport rep;
    rep.iteration = iteration;
    rep.loss = opt->loss();
    rep.energy_rmse = opt->energyRmse();
    rep.force_rmse = opt->forceRmse();
    rep.stress_rmse = opt->stressRmse();
    rep.evaluations = evaluations_before + opt->evaluations();
    validate(rep);
    rep.elapsed = elapsed();
    return rep;
  };
  auto checkpoint = [&](const std::string& stopped) {
    TrainCheckpoint c;
    c.seed = o.seed;
    c.fingerprint = fingerprint;
    c.min_dist = pot.min_dist;
    c.scaling = pot.scaling;
    c.iteration = iteration;
    c.evaluations = evaluations_before + opt->evaluations();
    c.elapsed = elapsed();
    c.theta_in = opt->thetaIn();
    c.optimizer_state = opt->state();
    c.loss_history = history;
    c.best_theta = best_theta;
    c.best_valid_loss = best_valid;
    c.best_iteration = best_iteration;
    c.stopped = stopped;
    saveCheckpoint(o.checkpoint_path, c);
  };

  bool stopped = false;  // ended by its own rule (before or, when resuming, in the checkpointed run)
  try {
    if (resuming) {
      iteration = cp.iteration;
      // The restoring evaluation re-does a pass already counted in the checkpoint.
      evaluations_before = cp.evaluations - 1;
      elapsed_before = cp.elapsed;
      history = cp.loss_history;
      best_theta = cp.best_theta;
      best_valid = cp.best_iteration >= 0 ? cp.best_valid_loss : std::numeric_limits<double>::infinity();
      best_iteration = cp.best_iteration;
      opt->restore(cp.theta_in, cp.optimizer_state);
      have_point = true;
      if (!cp.stopped.empty()) {
        stopped = true;
        res.stop_reason = cp.stopped;
      }
    } else {
      opt->start(theta0);
      have_point = true;
      IterationReport rep = report();
      if (progress) progress(rep);
    }
    if (!stopped) res.stop_reason = "max-iter";
    while (!stopped && iteration < max_iter) {
      const bool was_polishing = hybrid && hybrid->polishing();
      const bool was_pretraining = pretrain && pretrain->pretraining();
      if (!opt->iterate()) {
        res.stop_reason = "converged";
        stopped = true;
        break;
      }
      ++iteration;
      if (hybrid && hybrid->polishing() != was_polishing) history.clear();  // a new phase, a new rule
      if (pretrain && pretrain->pretraining() != was_pretraining) history.clear();
      history.push_back(opt->loss());
      IterationReport rep = report();
      if (progress) progress(rep);
      if (!o.checkpoint_path.empty() && o.checkpoint_every > 0 && iteration % o.checkpoint_every == 0)
        checkpoint("");
      const int n = static_cast<int>(history.size());
      double tol;
      int window;
      stop_rule(tol, window);
      // Not while the optimiser's steps are held back by heavy damping (TrainingOptimizer::settled).
      if (window > 0 && n > window && opt->settled()) {
        const double old = history[n - 1 - window], now = history[n - 1];
        if ((old - now) < tol * std::fabs(now)) {
          res.stop_reason = "tolerance";
          stopped = true;
          break;
        }
      }
      if (vmodel && o.patience > 0 && iteration - best_iteration >= o.patience) {
        res.stop_reason = "early-stopping";
        stopped = true;
        break;
      }
    }
  } catch (const LossPass::Cancelled&) {
    res.cancelled = true;
    res.stop_reason = "cancelled";
  }

  Eigen::VectorXd theta;
  if (vmodel && best_iteration >= 0) theta = best_theta;
  else if (have_point) theta = opt->theta();
  else theta = theta0;
  unpackParameters(theta, pot);
  res.iterations = iteration;
  res.evaluations = evaluations_before + opt->evaluations();
  res.loss = have_point ? opt->loss() : std::numeric_limits<double>::quiet_NaN();
  res.best_iteration = best_iteration;
  res.screened_losses = selection.screened_losses;
  res.trial_losses = selection.trial_losses;
  res.chosen_trial = selection.chosen_trial;
  if (!res.cancelled) {
    if (!o.checkpoint_path.empty() && have_point) checkpoint(stopped ? res.stop_reason : "");
    model.setParameters(theta);
    res.train_errors = computeErrors(model, o.group_feature, threads);
    if (vmodel) {
      vmodel->setParameters(theta);
      res.has_valid = true;
      res.valid_errors = computeErrors(*vmodel, o.group_feature, threads);
    }
  }
  res.elapsed = elapsed();
  res.potential = std::move(pot);
  return res;
}

}  // namespace mtp
