#include "cli/force_field_args.h"

#include <cmath>
#include <sstream>

#include "core/errors.h"
#include "cli/efs_common.h"

namespace mtp::cli {

OptionSpec& addForceFieldOptions(OptionSpec& spec) {
  return spec.value("eam", "FILE  use the EAM reference from this setfl/.eam.fs/funcfl file instead of an MTP (repeatable)")
      .value("eam-elements", "A,B  use the Zhou 2004 EAM alloy of these elements instead of an MTP")
      .value("masses", "m0,m1,…  atomic masses per type, amu (default: the EAM potential's)");
}

bool usesEam(const Args& args) { return !args.values("eam").empty() || args.value("eam-elements").has_value(); }

std::vector<std::string> splitCommaList(const std::string& s) {
  std::vector<std::string> out;
  std::string item;
  std::istringstream ss(s);
  while (std::getline(ss, item, ','))
    if (!item.empty()) out.push_back(item);
  return out;
}

std::vector<double> positiveNumberList(const std::string& text, const std::string& option) {
  std::vector<double> out;
  for (const auto& s : splitCommaList(text)) {
    try {
      out.push_back(std::stod(s));
    } catch (const std::exception&) {
      throw UsageError("--" + option + ": '" + s + "' is not a number");
    }
    if (!(out.back() > 0.0) || !std::isfinite(out.back())) throw UsageError("--" + option + " values must be positive");
  }
  return out;
}

std::unique_ptr<ForceField> makeForceField(const Args& args, const std::string& potential_path, Reporter& reporter) {
  const auto files = args.values("eam");
  const auto elements = args.value("eam-elements");
  if (!files.empty() && elements) throw UsageError("give --eam FILE or --eam-elements, not both");
  if (!files.empty()) return eamForceField(EamModel::fromFiles(files));
  if (elements) {
    try {
      return eamForceField(EamModel::zhou2004(splitCommaList(*elements)));
    } catch (const InputError& e) {
      throw UsageError("--eam-elements: " + e.message());
    }
  }
  return mtpForceField(loadEvaluator(potential_path, reporter), "mtp-engine " + potential_path);
}

std::vector<double> massesFor(const Args& args, const ForceField& ff) {
  if (auto m = args.value("masses")) return positiveNumberList(*m, "masses");
  if (ff.eam()) return ff.eam()->masses();
  throw UsageError("give the atomic masses per type with --masses m0,m1,… (amu)");
}

}  // namespace mtp::cli
