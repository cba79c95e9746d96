// The training loss of MLIP (paper eqs. 7, 11, 12; MLIP_FORMATS.md §3) as per-row weights.
//
// For one configuration with N atoms the residual rows are laid out as
//   [energy (1 row, if the reference has it)] [forces 3N rows, atom-major x,y,z (if present)]
//   [PlusStress 6 rows xx yy zz yz xz xy (if present)],
// and its loss contribution is sum_r weight_r * (model_r - reference_r)^2, with
//   vibrations (default): w_e/N for energy, w_f per force component,   w_s/N  per stress entry
//   molecules:            w_e,              w_f,                        w_s
//   structures:           w_e/N^2,          w_f/N,                      w_s/N^2
// The stress term is the full 3x3 Frobenius norm, so the off-diagonal rows (yz xz xy) carry twice the
// weight of the diagonal ones. With scale_by_force = s > 0 the force weight of atom i is multiplied by
// s / (|F_i^0|^2 + s) (eV^2/Å^2). The total loss is the sum over configurations divided by their number
// K, plus the radial regulariser (radial_regularizer.h).
#pragma once
#include <string>
#include <vector>

#include "core/configuration.h"

namespace mtp {

enum class Weighting { Vibrations, Molecules, Structures };

// Parses "vibrations" | "molecules" | "structures"; throws std::invalid_argument otherwise.
Weighting parseWeighting(const std::string& name);
const char* weightingName(Weighting w);

struct LossWeights {
  Weighting weighting = Weighting::Vibrations;
  double energy = 1.0;   // w_e
  double force = 0.01;   // w_f, 1/Å^2 relative to energy
  double stress = 0.001; // w_s
  double scale_by_force = 0.0;  // s in eV^2/Å^2; 0 = off
};

// Which rows a configuration has, where they start, and what they are fitted to.
struct ResidualLayout {
  int atoms = 0;
  double volume = 0.0;  // Å^3 if periodic in all three directions, else 0 (no stress in GPa)
  bool has_energy = false, has_forces = false, has_stress = false;
  int energy_row = -1, force_row = -1, stress_row = -1;  // first row of each block, -1 if absent
  int rows = 0;
  std::vector<double> reference;  // size rows, in the layout above (eV, eV/Å, eV)
  std::vector<double> weight;     // size rows, the per-row loss weights (before the 1/K)
};

// The row layout, reference values and weights of one configuration (weights as in the table above).
ResidualLayout residualLayout(const Configuration& cfg, const LossWeights& weights);

}  // namespace mtp
