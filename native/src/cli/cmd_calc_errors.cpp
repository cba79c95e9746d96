// `mtp-engine calc-errors pot.mtp ref.cfg`: MLIP's error report of the potential against the
// reference energies, forces and stresses in ref.cfg (eval/mlip_errors.h); `--json` for a JSON
// object with the same numbers.
#include "cli/command.h"
#include "cli/efs_common.h"
#include "eval/mlip_errors.h"

namespace mtp::cli {
namespace {

int run(CommandContext& ctx) {
  const auto& pos = ctx.args.positionals();
  if (pos.size() != 2) throw UsageError("calc-errors needs pot.mtp ref.cfg");
  const MtpEvaluator ev = loadEvaluator(pos[0], ctx.reporter);
  const std::vector<Configuration> cfgs = loadConfigurations(pos[1], ctx.reporter);
  const std::vector<EfsResult> results = evaluateAll(ev, cfgs, EfsOptions{}, ctx.threads, ctx.reporter);
  MlipErrorReport report;
  for (size_t c = 0; c < cfgs.size(); ++c) accumulateErrors(cfgs[c], results[c], report);  // file order
  ctx.reporter.result(mlipReportJson(report), formatMlipReport(report));
  return 0;
}

CommandRegistration reg({"calc-errors", "pot.mtp ref.cfg",
                         "MLIP's error report (energy, energy per atom, forces, stresses) against ref.cfg",
                         OptionSpec().flag("json", "print the report as one JSON object"), run});

}  // namespace
}  // namespace mtp::cli
