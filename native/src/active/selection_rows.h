// Rows of the maxvol matrix (MLIP_FORMATS.md §4; SCIENCE.md "Active learning"): one row per
// configuration (cfg mode) or per atom (nbh mode), each a vector over the n_params parameters θ in
// MtpPotential::paramCount order (radial (pair, μ, ξ), species, moment coefficients).
//   cfg mode: b = ∂E/∂θ / N (weighting vibrations or structures, MLIP's default) or ∂E/∂θ
//             (molecules); with energy-only selection weights, as MLIP uses by default.
//   nbh mode: b_i = ∂E_i/∂θ, the derivative of atom i's site energy (no normalisation), so that a
//             neighbourhood never seen in training is found even inside a large cell.
#pragma once
#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/configuration.h"
#include "core/neighbor_list.h"
#include "eval/mtp_evaluator.h"

namespace mtp {

enum class GradeMode { Cfg, Nbh };
enum class RowWeighting { Vibrations, Structures, Molecules };

GradeMode parseGradeMode(const std::string& s);          // "cfg" | "nbh"; std::invalid_argument
std::string gradeModeName(GradeMode m);
RowWeighting parseRowWeighting(const std::string& s);    // "vibrations" | "structures" | "molecules"
std::string rowWeightingName(RowWeighting w);

// Rows of one configuration: shape [1][n_params] (cfg) or [N][n_params] (nbh).
// Throws ComputeError when the configuration cannot be evaluated (overlapping atoms, bad types).
Eigen::MatrixXd selectionRows(const MtpEvaluator& ev, const Configuration& cfg, GradeMode mode,
                              RowWeighting weighting, EvalWorkspace& ws);

// ∂E_i/∂θ for every atom i: shape [N][n_params]; the rows sum to ∂E/∂θ. Site energies E_i (eV) go
// to *site_energies when given. Each atom is evaluated through a one-centre neighbour list (atom i
// and one stand-in neighbour atom per species, the stand-ins having no neighbours of their own), so
// the evaluator's ∂E/∂θ of that list is ∂E_i/∂θ plus one species-constant term per stand-in, which
// is removed.
Eigen::MatrixXd siteEnergyGradients(const MtpEvaluator& ev, const Configuration& cfg, const NeighborList& nl,
                                    EvalWorkspace& ws, std::vector<double>* site_energies = nullptr);

// Rows of many configurations, computed on `threads` threads (configuration order kept).
struct RowBatch {
  std::vector<Eigen::MatrixXd> rows;  // per configuration; empty (0 rows) when it failed
  std::vector<std::string> errors;    // per configuration; non-empty when it failed
};
RowBatch selectionRowsBatch(const MtpEvaluator& ev, const std::vector<Configuration>& cfgs, int begin, int end,
                            GradeMode mode, RowWeighting weighting, int threads);

}  // namespace mtp
