// Passive training of an MTP (MLIP_FORMATS.md §3, SCIENCE.md "Training"): seeded initialisation
// (start_selection.h), Levenberg–Marquardt with variable projection (varpro_lm.h), L-BFGS with the
// adjoint loss gradient (lbfgs_training.h), or LM then L-BFGS (hybrid_training.h), stopping
// by iteration limit or tolerance, optional validation set with early stopping, checkpoints and
// resume, clean cancel. Deterministic: the same seed, data and options give a bit-identical
// potential for any thread count (loss_pass.h).
#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "basis/mtp_potential.h"
#include "core/configuration.h"
#include "train/error_report.h"
#include "train/loss_spec.h"
#include "train/random_init.h"
#include "train/varpro_lm.h"

namespace mtp {

enum class Optimizer { LevenbergMarquardt, Lbfgs, LmThenLbfgs };

struct TrainOptions {
  LossWeights weights;
  Optimizer optimizer = Optimizer::LevenbergMarquardt;
  int max_iter = 200;        // optimiser iterations (trial evaluations not counted)
  // Stop when the loss decreased by less than tol (relative) over the last `window` iterations.
  double tol = 1e-3;
  int window = 5;
  uint64_t seed = 1;
  int threads = 0;           // 0 = all hardware threads
  // Optional: how many of those threads the passes may use now, read at the start of each pass
  // (an ensemble hands a finished member's threads to the others, ensemble_threads.h). Must
  // outlive the training.
  const std::atomic<int>* thread_limit = nullptr;
  LmOptions lm;
  double regularization = 1e-9;  // weight of the radial orthonormality penalty (MLIP's value)
  int patience = 10;         // validation: stop after this many iterations without improvement
  std::string checkpoint_path;  // "" = no checkpoints
  int checkpoint_every = 1;     // iterations between checkpoints
  std::string resume_path;      // "" = fresh start
  bool update_mindist = false;  // min_dist := 0.99 * smallest distance in the training set
  const MtpPotential* init_from = nullptr;  // radial functions of a lower-level potential
  // How random radial starts are drawn (random_init.h). MLIP's start is the default: on Mo level 16
  // it reached lower, less scattered losses than the identity start, with or without screening
  // (bench/RESULTS.md, "What was tried on Mo level 16").
  InitMode init = InitMode::Mlip;
  // Iterations of MLIP-style pre-training (L-BFGS over all parameters) before the main optimiser,
  // fresh starts only (pretrained_training.h); not counted in max_iter, no tolerance stop during it.
  int preinit = 0;
  // Random starts screened before optimising (fresh training only): each candidate's radial
  // coefficients get the exactly solved linear coefficients, the one with the lowest loss is
  // optimised. Seeds of candidate m: splitmix64 of (seed, m); candidate 0 uses the seed itself.
  // Default 1 (no screening, as MLIP): the screened loss did not predict the final basin.
  int init_candidates = 1;
  // Then the best trial_starts screened candidates each get trial_iter LM iterations and the
  // lowest loss after them is optimised (start_selection.h); trial_starts <= 1: no trial runs.
  int trial_starts = 1;
  int trial_iter = 8;
  int lbfgs_memory = 20;
  int lbfgs_linear_every = 50;  // L-BFGS: re-solve the linear coefficients every N iterations
  // LmThenLbfgs (hybrid_training.h): LM until its loss fell by less than `tol` over `window` LM
  // iterations or lm_max_iter LM iterations, then L-BFGS; from then on the stopping rule is
  // polish_tol over polish_window iterations (L-BFGS steps are many and small).
  int lm_max_iter = 40;
  double polish_tol = 1e-4;
  int polish_window = 50;
  std::string group_feature;    // Feature key naming configuration groups in the error report
};

struct IterationReport {
  int iteration = 0;        // 1-based, completed iterations
  double loss = 0.0;        // total loss (data / K + regulariser)
  double energy_rmse = 0.0; // eV/atom, training set
  double force_rmse = 0.0;  // eV/Å per component
  double stress_rmse = 0.0; // GPa per component
  bool has_valid = false;
  double valid_loss = 0.0, valid_energy_rmse = 0.0, valid_force_rmse = 0.0, valid_stress_rmse = 0.0;
  long evaluations = 0;     // loss passes so far
  double elapsed = 0.0;     // s since the start (including time before a resume)
};

struct TrainResult {
  MtpPotential potential;   // trained (best on the validation set if there is one)
  int iterations = 0;
  long evaluations = 0;
  double loss = 0.0;        // training loss of the returned potential's optimiser point
  std::string stop_reason;  // "max-iter", "tolerance", "converged", "early-stopping", "cancelled"
  bool cancelled = false;
  int best_iteration = -1;  // with validation: the iteration whose parameters were returned
  std::vector<double> screened_losses, trial_losses;  // start selection (start_selection.h)
  int chosen_trial = -1;
  double elapsed = 0.0;
  ErrorReport train_errors;     // of the returned potential (eqs. 8-10, MAE, max)
  bool has_valid = false;
  ErrorReport valid_errors;
};

// pot: template (untrained) or trained potential (training continues from its parameters).
// valid may be null. progress is called after every iteration (from the calling thread).
// cancel (may be null) is polled between configurations; on cancel the last good parameters are
// returned with cancelled = true.
TrainResult trainPotential(MtpPotential pot, const std::vector<Configuration>& train,
                           const std::vector<Configuration>* valid, const TrainOptions& options,
                           const std::function<void(const IterationReport&)>& progress,
                           const std::atomic<bool>* cancel);

// Scaling that makes sum_j (max_dist - r_ij)^2 average 1 over the atoms of cfgs, so radial
// coefficients, moments and the regulariser are O(1) (MLIP rescales for the same reason).
double naturalScaling(const std::vector<Configuration>& cfgs, double max_dist);

}  // namespace mtp
