// The active set of a potential: the maxvol state (active/maxvol.h) plus the configurations that
// own its rows, with MLIP's operations on it (MLIP_FORMATS.md §4):
//  * addTraining — offer training configurations, swapping while a grade exceeds the swap
//    threshold (`mlp calc-grade` / `train` build their state like this);
//  * grade — extrapolation grades γ of any configurations (no update);
//  * selectAdd — choose, by maxvol, at most n_params configurations from any number of
//    candidates (processed in batches), optionally at most `limit` of them.
// Settings follow MLIP-3's defaults (init 1e-6, swap 1.001 as its training writes them; select
// 1.1 as MLIP's select-add).
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "active/maxvol.h"
#include "active/selection_rows.h"
#include "basis/mtp_potential.h"
#include "core/configuration.h"
#include "eval/mtp_evaluator.h"

namespace mtp {

struct SelectionSettings {
  GradeMode mode = GradeMode::Cfg;
  RowWeighting weighting = RowWeighting::Vibrations;
  double init_threshold = 1e-6;  // A = init_threshold · I initially
  double swap_threshold = 1.001;  // swap while a coefficient exceeds it (> 1)
};

// Grade of one configuration: γ = max over its rows (one row in cfg mode, one per atom in nbh).
struct ConfigurationGrade {
  bool ok = false;
  std::string error;                // why it could not be evaluated (when !ok)
  double grade = 0.0;
  int worst_atom = -1;              // 0-based, nbh mode
  std::vector<double> atom_grades;  // nbh mode
};

struct SelectAddOptions {
  double select_threshold = 1.1;  // a batch triggers swaps only if some candidate grades above it
  int limit = 0;                  // > 0: at most this many candidates selected
  int batch_size = 2000;          // candidates whose rows are held in memory at once
  int max_passes = 50;            // passes over train + candidates until one makes no swap
};

struct SelectAddResult {
  std::vector<int> selected;  // indices into the candidates, increasing
  int swaps = 0;
  int passes = 0;
  int failed = 0;             // candidates that could not be evaluated (skipped)
  double max_grade_before = 0.0;  // largest candidate grade when its batch was first offered
};

// MLIP's text of Feature MV_grade: "%f", or "9.9e99" above 1e10 (and for non-finite grades).
std::string gradeFeatureText(double grade);

class ActiveSet {
 public:
  // Empty state (A = init_threshold · I). Throws ComputeError for an untrained potential.
  ActiveSet(MtpPotential potential, SelectionSettings settings);
  // A saved state: matrix, owners (cfg = index into configurations, atom in nbh mode).
  ActiveSet(MtpPotential potential, SelectionSettings settings, Maxvol maxvol,
            std::vector<Configuration> configurations);

  const MtpPotential& potential() const { return potential_; }
  const MtpEvaluator& evaluator() const { return evaluator_; }
  const SelectionSettings& settings() const { return settings_; }
  const Maxvol& maxvol() const { return maxvol_; }
  int parameterCount() const { return maxvol_.size(); }
  // Distinct configurations owning rows of A (the active set), in order of their first row.
  const std::vector<Configuration>& configurations() const { return configurations_; }

  // Returns the number of swaps. Configurations that cannot be evaluated are skipped; their
  // 0-based indices go to *failed.
  int addTraining(const std::vector<Configuration>& cfgs, int threads, std::vector<int>* failed = nullptr);

  std::vector<ConfigurationGrade> grade(const std::vector<Configuration>& cfgs, int threads,
                                        const std::function<void(int, int)>& progress = {}) const;
  // Grade of rows already computed (selectionRows of one configuration).
  ConfigurationGrade gradeRows(const Eigen::MatrixXd& rows) const;

  // `training` is offered again in every pass (so that the final state is a local maximum of
  // |det A| over training ∪ candidates and a repeated call selects nothing). progress(done, total)
  // counts candidate batches.
  SelectAddResult selectAdd(const std::vector<Configuration>& training, const std::vector<Configuration>& candidates,
                            const SelectAddOptions& options, int threads,
                            const std::function<void(int, int)>& progress = {});

 private:
  // Rebuilds configurations_ from the owners of A; owner ids ≥ configurations_.size() refer to
  // `extra` lists in order.
  void compact(const std::vector<const std::vector<Configuration>*>& extra);
  MtpPotential potential_;
  MtpEvaluator evaluator_;
  SelectionSettings settings_;
  Maxvol maxvol_;
  std::vector<Configuration> configurations_;
};

}  // namespace mtp
