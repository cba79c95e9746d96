// `mtp-engine train pot.mtp train.cfg --trained out.mtp [options]`: passive training
// (train/trainer.h). Progress: one line per optimiser iteration (iteration, loss, training RMSEs of
// energy per atom / force components / stress components, validation RMSEs, elapsed seconds).
// Result: per potential the error report (eqs. 8-10 with MAE and max, per group and species) and,
// with --ensemble K, the mean and 2-sigma over the K seeds s..s+K-1 (outputs out.0.mtp …); with
// start selection, the screened and trial losses (train/start_selection.h).
// SIGTERM / SIGINT cancel cleanly: the last good parameters are written and the command reports
// an error with code "cancelled".
#include <atomic>
#include <csignal>
#include <cstdio>
#include <memory>
#include <mutex>
#include <sstream>
#include <thread>

#include "cli/command.h"
#include "cli/efs_common.h"
#include "cli/train_report.h"
#include "io/mtp_file.h"
#include "train/ensemble_threads.h"
#include "train/mtp_residual_model.h"
#include "train/parameter_vector.h"
#include "train/trainer.h"

namespace mtp::cli {
namespace {

std::atomic<bool> g_cancel{false};
extern "C" void onCancelSignal(int) { g_cancel.store(true); }

// out.mtp -> out.<i>.mtp for ensemble member i (K > 1).
std::string memberPath(const std::string& path, int i, int k) {
  if (k <= 1) return path;
  const size_t dot = path.find_last_of('.');
  const size_t slash = path.find_last_of('/');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash))
    return path + "." + std::to_string(i);
  return path.substr(0, dot) + "." + std::to_string(i) + path.substr(dot);
}

TrainOptions parseOptions(const Args& a) {
  TrainOptions o;
  if (auto w = a.value("weighting")) {
    try {
      o.weights.weighting = parseWeighting(*w);
    } catch (const std::invalid_argument& e) {
      throw UsageError(e.what());
    }
  }
  o.weights.energy = a.number("energy-weight", o.weights.energy);
  o.weights.force = a.number("force-weight", o.weights.force);
  o.weights.stress = a.number("stress-weight", o.weights.stress);
  o.weights.scale_by_force = a.number("scale-by-force", o.weights.scale_by_force);
  if (o.weights.energy < 0 || o.weights.force < 0 || o.weights.stress < 0 || o.weights.scale_by_force < 0)
    throw UsageError("weights must be >= 0");
  o.max_iter = a.integer("max-iter", o.max_iter);
  o.tol = a.number("tol", o.tol);
  o.window = a.integer("tol-window", o.window);
  const double seed = a.number("seed", 1.0);
  if (seed < 0 || seed != static_cast<double>(static_cast<uint64_t>(seed)))
    throw UsageError("--seed must be a non-negative integer");
  o.seed = static_cast<uint64_t>(seed);
  o.patience = a.integer("patience", o.patience);
  o.init_candidates = a.integer("init-candidates", o.init_candidates);
  o.trial_starts = a.integer("trial-starts", o.trial_starts);
  o.trial_iter = a.integer("trial-iter", o.trial_iter);
  o.checkpoint_every = a.integer("checkpoint-every", o.checkpoint_every);
  o.update_mindist = a.flag("update-mindist");
  try {
    o.init = parseInitMode(a.value("init").value_or(initModeName(o.init)));
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  o.preinit = a.integer("preinit", o.preinit);
  if (o.preinit < 0) throw UsageError("--preinit must be >= 0");
  o.lm.ridge = a.number("ridge", o.lm.ridge);
  o.regularization = a.number("regularization", o.regularization);
  o.group_feature = a.value("group-feature").value_or("");
  const std::string opt = a.value("optimizer").value_or("lm");
  if (opt == "lm") o.optimizer = Optimizer::LevenbergMarquardt;
  else if (opt == "bfgs" || opt == "lbfgs") o.optimizer = Optimizer::Lbfgs;
  else if (opt == "lm+bfgs") o.optimizer = Optimizer::LmThenLbfgs;
  else throw UsageError("--optimizer must be lm, bfgs or lm+bfgs");
  o.lm_max_iter = a.integer("lm-iter", o.lm_max_iter);
  o.polish_tol = a.number("polish-tol", o.polish_tol);
  o.polish_window = a.integer("polish-window", o.polish_window);
  if (o.max_iter < 0) throw UsageError("--max-iter must be >= 0");
  if (o.checkpoint_every < 1) throw UsageError("--checkpoint-every must be >= 1");
  return o;
}

JsonObject progressJson(int member, uint64_t seed, const IterationReport& r) {
  JsonObject x;
  x.add("member", member).add("seed", static_cast<double>(seed)).add("iteration", r.iteration).add("loss", r.loss)
      .add("energy_rmse", r.energy_rmse).add("force_rmse", r.force_rmse).add("stress_rmse", r.stress_rmse);
  if (r.has_valid)
    x.add("valid_loss", r.valid_loss).add("valid_energy_rmse", r.valid_energy_rmse)
        .add("valid_force_rmse", r.valid_force_rmse).add("valid_stress_rmse", r.valid_stress_rmse);
  x.add("evaluations", r.evaluations).add("elapsed", r.elapsed);
  return x;
}

int run(CommandContext& ctx) {
  const auto& pos = ctx.args.positionals();
  if (pos.size() != 2) throw UsageError("train needs pot.mtp train.cfg");
  const auto out = ctx.args.value("trained");
  if (!out) throw UsageError("--trained out.mtp is required");
  TrainOptions base = parseOptions(ctx.args);
  const int k = ctx.args.integer("ensemble", 1);
  if (k < 1) throw UsageError("--ensemble must be >= 1");
  const std::string checkpoint = ctx.args.value("checkpoint").value_or("");
  const std::string resume = ctx.args.value("resume").value_or("");

  const MtpPotential pot = readMtpFile(pos[0]);
  const std::vector<Configuration> train = loadConfigurations(pos[1], ctx.reporter);
  std::vector<Configuration> valid, test;
  if (auto v = ctx.args.value("valid")) valid = loadConfigurations(*v, ctx.reporter);
  if (auto t = ctx.args.value("test")) test = loadConfigurations(*t, ctx.reporter);
  MtpPotential lower;
  if (auto f = ctx.args.value("init-from")) {
    lower = readMtpFile(*f);
    base.init_from = &lower;
  }

  std::signal(SIGTERM, onCancelSignal);
  std::signal(SIGINT, onCancelSignal);

  // Members run concurrently when there are more threads than one member needs, and the last ones
  // get the threads of those that finished (train/ensemble_threads.h); results do not depend on
  // the thread count (train/loss_pass.h), only the wall time does.
  const int slots = std::max(1, std::min(k, ctx.threads));
  const int member_threads = std::max(1, ctx.threads / slots);
  EnsembleThreads thread_share(k, member_threads);
  std::vector<EnsembleMember> members(k);
  std::mutex report_mutex;
  std::atomic<int> next{0};
  std::exception_ptr failure;
  auto worker = [&] {
    for (int i = next++; i < k;) {
      TrainOptions o = base;
      o.seed = base.seed + static_cast<uint64_t>(i);
      o.threads = ctx.threads;  // workspaces for all; the share below limits the passes
      if (k > 1) o.thread_limit = thread_share.limit(i);
      thread_share.started(i);
      if (!checkpoint.empty()) o.checkpoint_path = memberPath(checkpoint, i, k);
      if (!resume.empty()) o.resume_path = memberPath(resume, i, k);
      members[i].path = memberPath(*out, i, k);
      members[i].seed = o.seed;
      // Pre-training iterations come on top of --max-iter (fresh starts only, trainer.h).
      const int total_iter = o.max_iter + (!pot.trained() && !o.init_from ? o.preinit : 0);
      try {
        members[i].result = trainPotential(pot, train, valid.empty() ? nullptr : &valid, o,
                                           [&](const IterationReport& r) {
          std::lock_guard<std::mutex> lock(report_mutex);
          if (ctx.reporter.jsonLines()) {
            ctx.reporter.progress("train", r.iteration, total_iter, progressJson(i, o.seed, r));
          } else {
            std::fprintf(stderr,
                         "train[%d] iter %d loss %.8g  E %.3f meV/atom  F %.4f eV/A  S %.3f GPa%s  %.1f s\n", i,
                         r.iteration, r.loss, 1000 * r.energy_rmse, r.force_rmse, r.stress_rmse,
                         r.has_valid ? ("  valid E " + std::to_string(1000 * r.valid_energy_rmse) + " F " +
                                        std::to_string(r.valid_force_rmse)).c_str()
                                     : "",
                         r.elapsed);
          }
        }, &g_cancel);
        writeMtpFile(members[i].path, members[i].result.potential);
        if (!test.empty() && !members[i].result.cancelled) {
          MtpResidualModel tm(members[i].result.potential, test, o.weights, member_threads);
          tm.setParameters(packParameters(members[i].result.potential));
          members[i].has_test = true;
          members[i].test_errors = computeErrors(tm, o.group_feature, member_threads);
        }
      } catch (...) {
        std::lock_guard<std::mutex> lock(report_mutex);
        if (!failure) failure = std::current_exception();
        g_cancel = true;  // stop the other members too
      }
      const int following = next++;
      thread_share.finished(i, following < k);  // no member left to start: lend the threads
      i = following;
    }
  };
  std::vector<std::thread> pool;
  for (int s = 1; s < slots; ++s) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);

  bool cancelled = false;
  for (const auto& m : members) cancelled = cancelled || m.result.cancelled;
  if (cancelled) {
    ctx.reporter.error("cancelled", "training cancelled; the last good parameters were written to " +
                                        members.front().path + (k > 1 ? " (and the other members)" : ""));
    return 1;
  }

  std::string arr = "[";
  std::ostringstream human;
  for (int i = 0; i < k; ++i) {
    const EnsembleMember& m = members[i];
    const TrainResult& r = m.result;
    JsonObject p;
    p.add("path", m.path).add("seed", static_cast<double>(m.seed)).add("iterations", r.iterations)
        .add("evaluations", r.evaluations).add("stop_reason", r.stop_reason).add("loss", r.loss)
        .add("elapsed", r.elapsed).add("min_dist", r.potential.min_dist).add("scaling", r.potential.scaling)
        .add("train", errorReportJson(r.train_errors));
    if (!r.screened_losses.empty()) p.add("screened_losses", r.screened_losses);
    if (!r.trial_losses.empty()) p.add("trial_losses", r.trial_losses).add("chosen_trial", r.chosen_trial);
    if (r.has_valid) p.add("valid", errorReportJson(r.valid_errors)).add("best_iteration", r.best_iteration);
    if (m.has_test) p.add("test", errorReportJson(m.test_errors));
    arr += (i ? "," : "") + p.str();
    human << "potential " << m.path << " (seed " << m.seed << "): " << r.iterations << " iterations, "
          << r.evaluations << " loss evaluations, stopped by " << r.stop_reason << ", " << r.elapsed << " s\n";
    if (!r.trial_losses.empty()) {
      human << "  trial runs (loss after --trial-iter LM iterations):";
      for (double l : r.trial_losses) human << " " << l;
      human << "; chose " << r.chosen_trial << "\n";
    }
    human          << errorReportText("TRAIN ERRORS", r.train_errors);
    if (r.has_valid) human << errorReportText("VALIDATION ERRORS", r.valid_errors);
    if (m.has_test) human << errorReportText("TEST ERRORS (not used in training)", m.test_errors);
  }
  arr += "]";
  JsonObject units;
  units.add("energy", "eV/atom").add("force", "eV/Angstrom").add("stress", "GPa").add("elapsed", "s");
  JsonObject result;
  result.addRaw("potentials", arr).add("units", units);
  if (k > 1) {
    result.add("ensemble", ensembleJson(members));
    human << ensembleText(members);
  }
  ctx.reporter.result(result, human.str());
  return 0;
}

CommandRegistration reg(
    {"train", "pot.mtp train.cfg --trained out.mtp",
     "train an MTP (Levenberg-Marquardt with variable projection, or L-BFGS) on energies, forces, stresses",
     OptionSpec()
         .value("trained", "FILE  where to write the trained potential (required)")
         .value("valid", "FILE  validation configurations (early stopping, errors)")
         .value("test", "FILE  test configurations: errors reported, never used by training")
         .value("weighting", "vibrations|molecules|structures  (default vibrations)")
         .value("energy-weight", "W  (default 1)")
         .value("force-weight", "W  (default 0.01)")
         .value("stress-weight", "W  (default 0.001)")
         .value("scale-by-force", "S  per-atom force weight x S/(|F0|^2+S) (default 0 = off)")
         .value("max-iter", "N  optimiser iterations (default 200)")
         .value("tol", "T  stop when the loss fell by less than T (relative) over --tol-window iterations (1e-3)")
         .value("tol-window", "N  (default 5)")
         .value("seed", "S  random initialisation (default 1); ensemble members use S..S+K-1")
         .value("ensemble", "K  train K potentials (out.0.mtp ...)")
         .value("optimizer", "lm|bfgs|lm+bfgs  (default lm; lm+bfgs: LM until --tol, then L-BFGS)")
         .value("lm-iter", "N  lm+bfgs: at most N LM iterations before L-BFGS (default 40)")
         .value("polish-tol", "T  lm+bfgs: stop when the L-BFGS loss fell by less than T over --polish-window (1e-4)")
         .value("polish-window", "N  (default 50)")
         .value("patience", "N  early stopping on the validation loss (default 10)")
         .value("init-candidates", "M  random starts screened by their loss after the linear solve (default 1 = none)")
         .value("trial-starts", "T  the best T screened starts each get --trial-iter LM iterations; the lowest loss is trained on (default 1 = off)")
         .value("trial-iter", "N  LM iterations per trial start (default 8)")
         .value("init", "mlip|identity  random radial start: MLIP's 5e-7 U(-1,1), or delta_mu,xi + 0.5 U(-1,1) (default mlip)")
         .value("preinit", "N  fresh starts: N L-BFGS iterations (MLIP's pre-training uses 75) before the main optimiser (default 0)")
         .flag("update-mindist", "min_dist := 0.99 x smallest interatomic distance of the training set")
         .value("init-from", "FILE  start from the radial functions of a (lower-level) trained potential")
         .value("checkpoint", "FILE  write checkpoints (member i of an ensemble: FILE.i)")
         .value("checkpoint-every", "N  iterations between checkpoints (default 1)")
         .value("resume", "FILE  continue from a checkpoint (same data, options and seed)")
         .value("group-feature", "KEY  Feature naming configuration groups in the error report")
         .value("ridge", "R  relative ridge of the linear least-squares solve (default 1e-10)")
         .value("regularization", "W  radial orthonormality penalty weight (default 1e-9, MLIP's)")
         .flag("json", "print the result as one JSON object"),
     run});

}  // namespace
}  // namespace mtp::cli
