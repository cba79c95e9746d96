// Relaxation of positions and cell under a pressure (MLIP_FORMATS.md §5, `mlp relax`), of one
// structure or of a batch on several threads. Minimises H = E + p·V in the coordinates of
// sim/relax_coordinates.h by BFGS with a weak-Wolfe line search (or FIRE; BFGS hands over to FIRE
// when even a fresh steepest-descent-like step finds no sufficient decrease, which happens when
// the energy has small jumps, e.g. at an EAM table's cutoff). Every step is limited
// so that no atom or lattice vector moves more than max_step Å and the smallest interatomic
// distance stays ≥ min_dist Å; a step that cannot satisfy this before it shrinks below min_step
// ends the relaxation as MINDIST_ERROR. Converged when max_i |F_i| < force_tol (eV/Å) and
// max_ab |σ_ab − p δ_ab| < stress_tol (GPa, σ = PlusStress/V, compressive positive) for whichever
// of atoms and cell are relaxed (force_tol ≤ 0: atoms keep their fractional coordinates;
// stress_tol ≤ 0 or a non-periodic direction: the cell is fixed).
// With an ExtrapolationMonitor every evaluated configuration is graded: above γ_select it is kept
// (preselected), above γ_break the structure stops (EXTRAPOLATION_BREAK). One failing structure
// never stops the batch.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "sim/extrapolation_monitor.h"
#include "sim/force_field.h"

namespace mtp {

enum class RelaxMethod { Bfgs, Fire };

struct RelaxOptions {
  double pressure = 0.0;      // GPa
  double force_tol = 1e-4;    // eV/Å
  double stress_tol = 1e-3;   // GPa
  double max_step = 0.05;     // Å
  double min_step = 1e-8;     // Å
  double min_dist = 1.0;      // Å
  int max_iter = 1000;
  RelaxMethod method = RelaxMethod::Bfgs;
  double wolfe_c1 = 1e-3, wolfe_c2 = 0.7;  // line search (MLIP's example settings)
  double atom_stiffness = 10.0;   // eV/Å², starting Hessian guess
  double bulk_modulus = 100.0;    // GPa, starting Hessian guess
};

enum class RelaxOutcome { Converged, NotConverged, MinDistError, Error, ExtrapolationBreak };
// MLIP's feature value: relaxation_OK, relaxation_NOT_CONVERGED, relaxation_MINDIST_ERROR,
// relaxation_ERROR, and ours relaxation_EXTRAPOLATION_BREAK.
std::string relaxOutcomeName(RelaxOutcome o);

struct RelaxResult {
  RelaxOutcome outcome = RelaxOutcome::Error;
  std::string message;        // why, for failures
  Configuration final;        // last accepted point, with energy/forces/PlusStress (if evaluated)
  int iterations = 0;
  int evaluations = 0;
  double max_force = 0.0;     // eV/Å at the final point
  double max_stress = 0.0;    // GPa, max |σ_ab − p δ_ab|
  double min_dist = 0.0;      // Å
  double max_grade = 0.0;     // largest γ seen (with a monitor)
  std::vector<Configuration> preselected;  // γ > γ_select, with MV_grade
};

RelaxResult relaxStructure(const Configuration& input, ForceFieldWorker& ff, const RelaxOptions& options,
                           const ExtrapolationMonitor* monitor = nullptr);

// All structures, `threads` at a time; results in input order. progress(done, total).
std::vector<RelaxResult> relaxAll(const std::vector<Configuration>& cfgs, const ForceField& ff, const RelaxOptions& options,
                                  const ExtrapolationMonitor* monitor, int threads,
                                  const std::function<void(int, int)>& progress = {});

}  // namespace mtp
