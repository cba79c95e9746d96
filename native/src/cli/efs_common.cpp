#include "cli/efs_common.h"

#include "core/errors.h"
#include "eval/compiled_mtp.h"
#include "io/cfg_reader.h"
#include "io/mtp_file.h"

namespace mtp::cli {

MtpEvaluator loadEvaluator(const std::string& path, Reporter& reporter) {
  const MtpPotential pot = readMtpFile(path);
  if (!pot.trained()) throw ComputeError(path + ": the potential is untrained (no coefficients)");
  MtpEvaluator ev(compileMtp(pot));
  reporter.log("info", "potential " + path + ": " + std::to_string(pot.species_count) + " species, " +
                           std::to_string(pot.scalarCount()) + " basis functions, " +
                           std::to_string(pot.paramCount()) + " parameters");
  return ev;
}

std::vector<Configuration> loadConfigurations(const std::string& path, Reporter& reporter) {
  std::vector<Configuration> cfgs = readCfgFile(path);
  long atoms = 0;
  for (const auto& c : cfgs) atoms += c.size();
  reporter.log("info", path + ": " + std::to_string(cfgs.size()) + " configurations, " + std::to_string(atoms) + " atoms");
  return cfgs;
}

std::vector<EfsResult> evaluateAll(const MtpEvaluator& ev, const std::vector<Configuration>& cfgs,
                                   const EfsOptions& options, int threads, Reporter& reporter) {
  auto entries = evaluateBatch(ev, cfgs, options, threads,
                               [&](int done, int total) { reporter.progress("evaluate", done, total); });
  std::vector<EfsResult> out;
  out.reserve(entries.size());
  for (size_t c = 0; c < entries.size(); ++c) {
    if (!entries[c].ok)
      throw ComputeError("configuration " + std::to_string(c + 1) + ": " + entries[c].error);
    out.push_back(std::move(entries[c].result));
  }
  return out;
}

}  // namespace mtp::cli
