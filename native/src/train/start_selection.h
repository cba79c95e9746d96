// Starting parameters of a fresh training from random radial functions (trainer.h):
//  1. screening: init_candidates random radial starts (seeds: splitmix64 of the seed), each with
//     its linear coefficients solved exactly, ranked by that loss (one Gauss–Newton pass each);
//  2. trial runs (trial_starts > 1): the best trial_starts of them each get trial_iter
//     Levenberg–Marquardt iterations; the one with the lowest loss after them is the start.
// The LM basin is decided early (the loss after a few iterations ranks the final losses far better
// than the screening loss does), and a trial costs a fraction of a full run.
#pragma once
#include <atomic>
#include <vector>

#include <Eigen/Core>

#include "basis/mtp_potential.h"
#include "train/parameter_vector.h"
#include "train/radial_regularizer.h"
#include "train/residual_model.h"
#include "train/trainer.h"

namespace mtp {

struct StartSelection {
  Eigen::VectorXd theta;
  long evaluations = 0;                 // loss passes spent
  std::vector<double> screened_losses;  // per candidate, in candidate order
  std::vector<double> trial_losses;     // per trial run, best screened first
  int chosen_trial = -1;                // index into trial_losses (-1: no trial runs)
};

// Stops early (keeping the best so far) when *cancel becomes true.
StartSelection selectStart(ResidualModel& model, const MtpPotential& pot, const ParamLayout& layout,
                           const RadialRegularizer& regularizer, const TrainOptions& options, int threads,
                           const std::atomic<bool>* cancel);

}  // namespace mtp
