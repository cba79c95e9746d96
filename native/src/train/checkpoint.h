// Training checkpoints: everything needed to continue a run so that it ends bit-identically to an
// uninterrupted one (the optimiser state is re-evaluated from theta_in, which is deterministic).
// Text file, one "key value..." line per field, doubles in C99 hex-float form (exact round trip).
// Written to "<path>.tmp" and renamed over <path>, so a kill leaves either the old or the new file.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Core>

namespace mtp {

struct TrainCheckpoint {
  // Identity of the run: resuming with other data, seed or basis is refused.
  uint64_t seed = 0;
  std::string fingerprint;  // data/options summary, compared verbatim on resume
  double min_dist = 0.0, scaling = 1.0;  // possibly changed by --update-mindist / auto-scaling

  int iteration = 0;          // completed optimiser iterations
  long evaluations = 0;       // loss passes so far
  double elapsed = 0.0;       // s, wall time spent before this checkpoint
  Eigen::VectorXd theta_in;   // where the optimiser's current point is evaluated
  std::vector<double> optimizer_state;    // TrainingOptimizer::state()
  std::vector<double> loss_history;       // total loss after each iteration (stopping rule)
  Eigen::VectorXd best_theta;             // best point on the validation set (empty: none)
  double best_valid_loss = 0.0;
  int best_iteration = -1;
  // Stop reason of a run that ended by its own rule ("tolerance", "early-stopping", "converged");
  // "" while it may still continue (also after "max-iter": a resume may raise --max-iter). Resuming
  // a stopped run returns its result without iterating further, as the uninterrupted run did.
  std::string stopped;
};

// Throws std::runtime_error if the file cannot be written.
void saveCheckpoint(const std::string& path, const TrainCheckpoint& cp);
// Throws InputError (file, line, field) on a malformed or missing file.
TrainCheckpoint loadCheckpoint(const std::string& path);

}  // namespace mtp
