// `mtp-engine calc-efs pot.mtp in.cfg out.cfg`: energies, forces and PlusStress (and optionally
// site energies) of every configuration, written in MLIP's layout with `Feature EFS_by`
// MultiMTP<m+1> as MLIP-3's calculate_efs does (m = number of basis functions).
#include "cli/command.h"
#include "cli/efs_common.h"
#include "io/cfg_writer.h"

namespace mtp::cli {
namespace {

int run(CommandContext& ctx) {
  const auto& pos = ctx.args.positionals();
  if (pos.size() != 3) throw UsageError("calc-efs needs pot.mtp in.cfg out.cfg");
  Stopwatch total;
  const MtpEvaluator ev = loadEvaluator(pos[0], ctx.reporter);
  Stopwatch read;
  std::vector<Configuration> cfgs = loadConfigurations(pos[1], ctx.reporter);
  const double read_s = read.seconds();
  EfsOptions options;
  options.site_energies = ctx.args.flag("site-energies");
  Stopwatch eval;
  std::vector<EfsResult> results = evaluateAll(ev, cfgs, options, ctx.threads, ctx.reporter);
  const double eval_s = eval.seconds();
  const std::string efs_by = "MultiMTP" + std::to_string(ev.model().scalar_count + 1);
  long atoms = 0;
  for (size_t c = 0; c < cfgs.size(); ++c) {
    Configuration& cfg = cfgs[c];
    atoms += cfg.size();
    cfg.energy = results[c].energy;
    cfg.forces = std::move(results[c].forces);
    cfg.plus_stress = results[c].plus_stress;
    cfg.site_energies = std::move(results[c].site_energies);
    cfg.setFeature("EFS_by", efs_by);
  }
  CfgWriteOptions wopt;
  wopt.lossless = ctx.args.flag("lossless");
  writeCfgFile(pos[2], cfgs, wopt);
  JsonObject r;
  r.add("output", pos[2])
      .add("configurations", static_cast<long>(cfgs.size()))
      .add("atoms", atoms)
      .add("threads", ctx.threads)
      .add("read_seconds", read_s)
      .add("evaluate_seconds", eval_s)
      .add("total_seconds", total.seconds());
  ctx.reporter.log("info", "evaluated " + std::to_string(cfgs.size()) + " configurations in " +
                               std::to_string(eval_s) + " s");
  ctx.reporter.result(r, "");
  return 0;
}

CommandRegistration reg({"calc-efs", "pot.mtp in.cfg out.cfg",
                         "energies, forces and stresses (PlusStress) of every configuration, MLIP's .cfg layout",
                         OptionSpec()
                             .flag("site-energies", "also write per-atom energies (site_en column)")
                             .flag("lossless", "write every number with 17 significant digits"),
                         run});

}  // namespace
}  // namespace mtp::cli
