// Shared by calc-grade, select-add, relax and md: building or loading the active set
// (active/active_set.h) from the common options
//   --state FILE  (loaded if it exists and belongs to the potential, written back at the end),
//   --mode cfg|nbh, --weighting vibrations|structures|molecules, --init-threshold X,
//   --swap-threshold X,
// and formatting grades as MLIP writes them (Feature MV_grade, "%f", "9.9e99" above 1e10).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "active/active_set.h"
#include "cli/command.h"

namespace mtp::cli {

// Adds the options above to a command's spec.
OptionSpec& addActiveSetOptions(OptionSpec& spec);

struct OpenedActiveSet {
  std::optional<ActiveSet> set;
  bool loaded = false;  // from --state
  int training_swaps = 0;
  std::vector<Configuration> training;
};

// Loads --state if given and present (checking the potential and mode), else builds an empty
// state; then offers train_path's configurations ("-" = none; required when there is no state).
OpenedActiveSet openActiveSet(CommandContext& ctx, const std::string& potential_path, const std::string& train_path);

// MLIP's MV_grade text.
std::string gradeText(double grade);
// Writes MV_grade (and in nbh mode MV_grade_atom = 1-based worst atom and MV_nbh_grades) into cfg;
// a configuration that could not be evaluated gets "9.9e99" and MV_grade_error.
void annotateGrade(Configuration& cfg, const ConfigurationGrade& grade);

}  // namespace mtp::cli
