// JSON and human text for training results (cmd_train): error reports of eqs. 8-10 with MAE and
// max, per group and species, and ensemble means with 2-sigma spreads.
#pragma once
#include <string>
#include <vector>

#include "core/json.h"
#include "train/trainer.h"

namespace mtp::cli {

// {"energy":{"rmse","mae","max","count"}, "force":…, "stress":…} in eV/atom, eV/Å, GPa.
JsonObject errorSummaryJson(const ErrorSummary& s);
// {"all":…, "groups":{name:…}, "species":{"0":…}}
JsonObject errorReportJson(const ErrorReport& r);
// MLIP-like block: "energy per atom RMSE … meV/atom" etc.
std::string errorReportText(const std::string& title, const ErrorReport& r);

struct EnsembleMember {
  std::string path;
  uint64_t seed = 0;
  TrainResult result;
  bool has_test = false;   // --test: errors on a set never used by training
  ErrorReport test_errors;
};
// Mean and 2-sigma (sample standard deviation) over members of the whole-set RMSEs.
JsonObject ensembleJson(const std::vector<EnsembleMember>& members);
std::string ensembleText(const std::vector<EnsembleMember>& members);

}  // namespace mtp::cli
