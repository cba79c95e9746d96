// `mtp-engine relax pot.mtp in.cfg --relaxed OUT [--unrelaxed F] [--preselected F]
//  [--state FILE --select G --break G] [--pressure P] [--force-tol X] [--stress-tol X]
//  [--max-step X] [--min-dist X] [--max-iter N] [--method bfgs|fire]`
// (or `relax in.cfg --relaxed OUT --eam-elements Cu …` with the EAM reference as force field):
// relaxes every structure (sim/relax.h; MLIP_FORMATS.md §5) on all threads. Converged structures go
// to --relaxed with `Feature from relaxation_OK` and `min_dist`; the others to --unrelaxed with
// their outcome as `from` (relaxation_NOT_CONVERGED: the last point reached; MINDIST_ERROR, ERROR,
// EXTRAPOLATION_BREAK: the input structure, to be relaxed again after retraining) and
// `relaxation_message`. With --state, configurations graded above --select go to --preselected.
#include <cstdio>
#include <map>

#include "cli/active_common.h"
#include "cli/command.h"
#include "cli/efs_common.h"
#include "cli/force_field_args.h"
#include "cli/sim_monitor_args.h"
#include "io/cfg_writer.h"
#include "sim/relax.h"

namespace mtp::cli {
namespace {

RelaxOptions readOptions(const Args& a) {
  RelaxOptions o;
  o.pressure = a.number("pressure", o.pressure);
  o.force_tol = a.number("force-tol", o.force_tol);
  o.stress_tol = a.number("stress-tol", o.stress_tol);
  o.max_step = a.number("max-step", o.max_step);
  o.min_step = a.number("min-step", o.min_step);
  o.min_dist = a.number("min-dist", o.min_dist);
  o.max_iter = a.integer("max-iter", o.max_iter);
  o.wolfe_c1 = a.number("wolfe-c1", o.wolfe_c1);
  o.wolfe_c2 = a.number("wolfe-c2", o.wolfe_c2);
  const std::string method = a.value("method").value_or("bfgs");
  if (method == "bfgs") o.method = RelaxMethod::Bfgs;
  else if (method == "fire") o.method = RelaxMethod::Fire;
  else throw UsageError("--method must be bfgs or fire");
  if (!(o.max_step > 0.0)) throw UsageError("--max-step must be > 0");
  if (o.max_iter < 0) throw UsageError("--max-iter must be >= 0");
  if (!(o.wolfe_c1 > 0.0 && o.wolfe_c1 < o.wolfe_c2 && o.wolfe_c2 < 1.0)) throw UsageError("need 0 < wolfe-c1 < wolfe-c2 < 1");
  return o;
}

int run(CommandContext& ctx) {
  const auto& pos = ctx.args.positionals();
  const bool eam = usesEam(ctx.args);
  if (pos.size() != (eam ? 1u : 2u))
    throw UsageError(eam ? "relax with --eam/--eam-elements needs in.cfg" : "relax needs pot.mtp in.cfg");
  const std::string pot_path = eam ? "" : pos[0];
  const std::string in_path = pos.back();
  const auto relaxed_path = ctx.args.value("relaxed");
  if (!relaxed_path) throw UsageError("--relaxed OUT is required");
  Stopwatch total;
  const RelaxOptions options = readOptions(ctx.args);
  std::unique_ptr<ForceField> ff = makeForceField(ctx.args, pot_path, ctx.reporter);
  MonitorSetup monitor = makeMonitor(ctx.args, pot_path, eam, ctx.reporter);
  const std::vector<Configuration> cfgs = loadConfigurations(in_path, ctx.reporter);
  const auto results = relaxAll(cfgs, *ff, options, monitor.monitor.get(), ctx.threads,
                                [&](int done, int n) { ctx.reporter.progress("relax", done, n); });

  std::vector<Configuration> relaxed, unrelaxed, preselected;
  std::map<std::string, long> outcomes;
  std::string human;
  long iterations = 0;
  double max_grade = 0.0;
  for (size_t c = 0; c < cfgs.size(); ++c) {
    const RelaxResult& r = results[c];
    const std::string name = relaxOutcomeName(r.outcome);
    ++outcomes[name];
    iterations += r.iterations;
    max_grade = std::max(max_grade, r.max_grade);
    char buf[256];
    std::snprintf(buf, sizeof buf, "cfg# %zu\t%s\titerations %d\tenergy %.6f\tmax force %.3g eV/A\tmax stress %.3g GPa", c + 1,
                  name.c_str(), r.iterations, r.final.energy.value_or(0.0), r.max_force, r.max_stress);
    human += buf;
    if (monitor.monitor) human += "\tmax grade " + gradeText(r.max_grade);
    if (!r.message.empty()) human += "\t(" + r.message + ")";
    human += "\n";
    if (r.outcome == RelaxOutcome::Converged) {
      Configuration out = r.final;
      out.setFeature("from", name);
      char md[32];
      std::snprintf(md, sizeof md, "%.6f", r.min_dist);
      out.setFeature("min_dist", md);
      if (monitor.monitor) out.setFeature("MV_grade", gradeText(r.max_grade));
      relaxed.push_back(std::move(out));
    } else {
      Configuration out = r.outcome == RelaxOutcome::NotConverged ? r.final : cfgs[c];
      out.setFeature("from", name);
      out.setFeature("relaxation_message", r.message);
      if (monitor.monitor) out.setFeature("MV_grade", gradeText(r.max_grade));
      unrelaxed.push_back(std::move(out));
      if (r.outcome != RelaxOutcome::ExtrapolationBreak)
        ctx.reporter.log("warn", "cfg " + std::to_string(c + 1) + ": " + name + ": " + r.message);
    }
    for (Configuration p : r.preselected) {
      p.setFeature("preselected_from_cfg", std::to_string(c + 1));
      preselected.push_back(std::move(p));
    }
  }
  writeCfgFile(*relaxed_path, relaxed);
  if (auto path = ctx.args.value("unrelaxed")) writeCfgFile(*path, unrelaxed);
  if (auto path = ctx.args.value("preselected")) writeCfgFile(*path, preselected);
  human += "From " + std::to_string(cfgs.size()) + " configurations " + std::to_string(relaxed.size()) +
           " were relaxed successfully\n";
  JsonObject counts;
  for (const auto& [k, v] : outcomes) counts.add(k, v);
  JsonObject r;
  r.add("relaxed", *relaxed_path)
      .add("configurations", static_cast<long>(cfgs.size()))
      .add("converged", static_cast<long>(relaxed.size()))
      .add("unrelaxed_count", static_cast<long>(unrelaxed.size()))
      .add("outcomes", counts)
      .add("iterations", iterations)
      .add("preselected_count", static_cast<long>(preselected.size()))
      .add("force_field", ff->description())
      .add("threads", ctx.threads)
      .add("total_seconds", total.seconds());
  if (monitor.monitor) r.add("max_grade", max_grade);
  ctx.reporter.result(r, human);
  return 0;
}

CommandRegistration reg({"relax", "pot.mtp in.cfg --relaxed OUT",
                         "relax positions and cell (BFGS or FIRE) of every structure, per-structure outcome",
                         [] {
                           OptionSpec spec;
                           spec.value("relaxed", "OUT  converged structures")
                               .value("unrelaxed", "FILE  structures that did not converge or failed")
                               .value("pressure", "P  GPa (default 0): minimise E + pV")
                               .value("force-tol", "X  eV/A (default 1e-4; <= 0: atoms fixed)")
                               .value("stress-tol", "X  GPa (default 1e-3; <= 0: cell fixed)")
                               .value("max-step", "X  largest move of an atom or lattice vector per step, A (default 0.05)")
                               .value("min-step", "X  smallest step, A (default 1e-8)")
                               .value("min-dist", "X  smallest allowed interatomic distance, A (default 1.0)")
                               .value("max-iter", "N  iteration limit (default 1000)")
                               .value("wolfe-c1", "X  line search sufficient decrease (default 1e-3)")
                               .value("wolfe-c2", "X  line search curvature (default 0.7)")
                               .value("method", "bfgs|fire  (default bfgs)");
                           addMonitorOptions(spec);
                           addForceFieldOptions(spec);
                           return spec;
                         }(),
                         run});

}  // namespace
}  // namespace mtp::cli
