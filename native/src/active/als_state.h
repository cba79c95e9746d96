// The active-learning state file of MTP Studio (our own format, text, portable; the analogue of
// MLIP's binary state.als, MLIP_FORMATS.md §4). It embeds the potential it belongs to, so a state
// is never used with another potential. Layout, version 1 (one item per line, numbers "%.17g" so
// they read back to the identical double):
//
//   mtp-studio-als 1
//   potential_lines L
//   <L lines: the potential's .mtp text, as io/mtp_file writes it>
//   mode cfg|nbh
//   weighting vibrations|structures|molecules
//   init_threshold <x>
//   swap_threshold <x>
//   parameters n
//   matrix
//   <n lines of n numbers: row r of A (the row of the configuration/atom that owns it, or
//    init_threshold·e_r)>
//   owners
//   <n lines "cfg atom": the 0-based configuration (below) owning row r, -1 for an initial row;
//    atom = 0-based atom in nbh mode, -1 in cfg mode>
//   configurations K
//   <K configurations, MLIP .cfg text written losslessly (17 significant digits)>
//   end
//
// A⁻¹ is not stored: it is refactorised from A on loading. A reader refuses other versions.
#pragma once
#include <string>

#include "active/active_set.h"

namespace mtp {

void writeActiveLearningState(const std::string& path, const ActiveSet& state);
std::string activeLearningStateToString(const ActiveSet& state);

// Reads a state; throws InputError (file, line, field) for a malformed file or another version.
ActiveSet readActiveLearningState(const std::string& path);
ActiveSet parseActiveLearningState(const std::string& text, const std::string& name = "<string>");

// Throws InputError unless `expected` is the potential embedded in the state (same species,
// radial basis, tables and coefficients to 1e-14 relative): a state belongs to one potential.
void requireSamePotential(const ActiveSet& state, const MtpPotential& expected, const std::string& state_name);

}  // namespace mtp
