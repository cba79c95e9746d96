// The force field of relax and md from the command line: an MTP (positional pot.mtp), or the
// built-in EAM reference with --eam FILE (repeatable: setfl/.eam.fs or funcfl files) or
// --eam-elements A,B (Zhou 2004 alloy), as `reference eam` reads them. Also per-type masses
// (amu): --masses m0,m1,… or, with EAM, the potential's masses.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "cli/command.h"
#include "sim/force_field.h"

namespace mtp::cli {

OptionSpec& addForceFieldOptions(OptionSpec& spec);
bool usesEam(const Args& args);
// The MTP path (when !usesEam) is taken from `potential_path`.
std::unique_ptr<ForceField> makeForceField(const Args& args, const std::string& potential_path, Reporter& reporter);
// Masses per type: --masses, else the EAM model's; throws UsageError if neither is available.
std::vector<double> massesFor(const Args& args, const ForceField& ff);
std::vector<std::string> splitCommaList(const std::string& s);
// The positive finite numbers of a comma list given to --<option>; UsageError otherwise.
std::vector<double> positiveNumberList(const std::string& text, const std::string& option);

}  // namespace mtp::cli
