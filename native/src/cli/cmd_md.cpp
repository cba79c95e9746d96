// `mtp-engine md pot.mtp in.cfg [--steps N] [--timestep FS] [--temperature K]
//  [--thermostat none|langevin] [--friction G] [--seed S] [--thermo N] [--thermo-file F]
//  [--trajectory F --dump-every N] [--final F] [--state FILE --select G --break G --preselected F]`
// (or `md in.cfg --eam-elements Ag,Pd …`): molecular dynamics of every configuration of in.cfg
// (one independent run each, in parallel; run k uses seed S + k − 1), velocity Verlet NVE or
// Langevin NVT (sim/md.h). With --state every step is graded; a run stops at the first step whose
// grade exceeds --break and reports the step reached; the mean fraction of steps completed is
// the paper's "reliability".
#include <cstdio>
#include <fstream>
#include <mutex>

#include "cli/active_common.h"
#include "cli/command.h"
#include "cli/efs_common.h"
#include "cli/force_field_args.h"
#include "cli/sim_monitor_args.h"
#include "core/thread_pool.h"
#include "io/cfg_writer.h"
#include "sim/md.h"

namespace mtp::cli {
namespace {

std::string thermoLine(int run, const ThermoRow& t, bool graded) {
  char buf[256];
  std::snprintf(buf, sizeof buf, "%d\t%ld\t%.3f\t%.2f\t%.6f\t%.6f\t%.6f\t%.4f", run, t.step, t.time, t.temperature,
                t.potential, t.kinetic, t.total, t.pressure);
  std::string s = buf;
  if (graded) s += "\t" + gradeText(t.grade);
  return s;
}

int run(CommandContext& ctx) {
  const auto& pos = ctx.args.positionals();
  const bool eam = usesEam(ctx.args);
  if (pos.size() != (eam ? 1u : 2u)) throw UsageError(eam ? "md with --eam/--eam-elements needs in.cfg" : "md needs pot.mtp in.cfg");
  const std::string pot_path = eam ? "" : pos[0];
  Stopwatch total;
  MdOptions o;
  o.steps = ctx.args.integer("steps", 1000);
  o.timestep = ctx.args.number("timestep", o.timestep);
  o.temperature = ctx.args.number("temperature", o.temperature);
  o.friction = ctx.args.number("friction", o.friction);
  o.seed = static_cast<std::uint64_t>(ctx.args.integer("seed", 1));
  o.thermo_every = ctx.args.integer("thermo", 10);
  o.dump_every = ctx.args.integer("dump-every", ctx.args.value("trajectory") ? 10 : 0);
  const std::string thermostat = ctx.args.value("thermostat").value_or("none");
  if (thermostat == "langevin") o.langevin = true;
  else if (thermostat != "none") throw UsageError("--thermostat must be none (NVE) or langevin (NVT)");
  if (o.steps < 0 || !(o.timestep > 0.0) || o.temperature < 0.0 || !(o.friction >= 0.0))
    throw UsageError("need --steps >= 0, --timestep > 0, --temperature >= 0, --friction >= 0");
  std::unique_ptr<ForceField> ff = makeForceField(ctx.args, pot_path, ctx.reporter);
  const std::vector<double> masses = massesFor(ctx.args, *ff);
  MonitorSetup monitor = makeMonitor(ctx.args, pot_path, eam, ctx.reporter);
  const bool graded = monitor.monitor != nullptr;
  const std::vector<Configuration> cfgs = loadConfigurations(pos.back(), ctx.reporter);
  const int runs = static_cast<int>(cfgs.size());

  std::vector<MdResult> results(runs);
  std::vector<std::string> errors(runs);
  std::vector<std::unique_ptr<ForceFieldWorker>> workers;
  for (int w = 0; w < std::max(1, std::min(ctx.threads, runs)); ++w) workers.push_back(ff->worker());
  std::mutex out_mutex;
  const std::string header = std::string("run\tstep\ttime_fs\tT_K\tEpot_eV\tEkin_eV\tEtot_eV\tP_GPa") + (graded ? "\tgrade" : "");
  if (!ctx.reporter.jsonLines() && runs == 1) std::cerr << header << "\n";
  parallelFor(runs, ctx.threads, [&](int k, int w) {
    MdOptions ok = o;
    ok.seed = o.seed + static_cast<std::uint64_t>(k);
    try {
      results[k] = runMd(cfgs[k], *workers[w], masses, ok, monitor.monitor.get(), [&](const ThermoRow& t) {
        std::lock_guard<std::mutex> lock(out_mutex);
        if (runs == 1) {
          JsonObject extra;
          extra.add("step", t.step).add("temperature", t.temperature).add("potential", t.potential).add("total", t.total);
          if (graded) extra.add("grade", t.grade);
          if (ctx.reporter.jsonLines()) ctx.reporter.progress("md", t.step, o.steps, extra);
          else std::cerr << thermoLine(k + 1, t, graded) << "\n";
        }
      });
    } catch (const std::exception& e) {
      errors[k] = e.what();
    }
    if (runs > 1) {
      std::lock_guard<std::mutex> lock(out_mutex);
      ctx.reporter.progress("runs", k + 1, runs);
    }
  });

  std::vector<Configuration> trajectory, finals, preselected;
  std::string human;
  double reliability = 0.0, max_grade = 0.0;
  long broke = 0, failed = 0;
  std::ofstream thermo_file;
  if (auto path = ctx.args.value("thermo-file")) {
    thermo_file.open(*path);
    if (!thermo_file) throw std::runtime_error("cannot write " + *path);
    thermo_file << header << "\n";
  }
  for (int k = 0; k < runs; ++k) {
    const MdResult& r = results[k];
    if (!errors[k].empty()) {
      ++failed;
      human += "run " + std::to_string(k + 1) + ": failed: " + errors[k] + "\n";
      ctx.reporter.log("warn", "run " + std::to_string(k + 1) + ": " + errors[k]);
      continue;
    }
    broke += r.broke;
    max_grade = std::max(max_grade, r.max_grade);
    reliability += o.steps > 0 ? static_cast<double>(r.steps_done) / o.steps : 1.0;
    if (thermo_file)
      for (const auto& t : r.thermo) thermo_file << thermoLine(k + 1, t, graded) << "\n";
    for (auto c : r.trajectory) {
      c.setFeature("md_run", std::to_string(k + 1));
      trajectory.push_back(std::move(c));
    }
    for (auto c : r.preselected) {
      c.setFeature("md_run", std::to_string(k + 1));
      preselected.push_back(std::move(c));
    }
    finals.push_back(r.final);
    human += "run " + std::to_string(k + 1) + ": " + std::to_string(r.steps_done) + " of " + std::to_string(o.steps) + " steps";
    if (!r.thermo.empty()) {
      char buf[128];
      std::snprintf(buf, sizeof buf, ", T %.1f K, Etot %.6f eV", r.thermo.back().temperature, r.thermo.back().total);
      human += buf;
    }
    if (graded) human += ", max grade " + gradeText(r.max_grade);
    if (!r.message.empty()) human += " (" + r.message + ")";
    human += "\n";
  }
  if (runs > failed) reliability /= static_cast<double>(runs - failed);
  if (auto path = ctx.args.value("trajectory")) writeCfgFile(*path, trajectory);
  if (auto path = ctx.args.value("final")) writeCfgFile(*path, finals);
  if (auto path = ctx.args.value("preselected")) writeCfgFile(*path, preselected);
  std::vector<double> steps_done;
  for (const auto& r : results) steps_done.push_back(static_cast<double>(r.steps_done));
  JsonObject res;
  res.add("runs", runs)
      .add("steps", o.steps)
      .add("steps_done", steps_done)
      .add("broke", broke)
      .add("failed", failed)
      .add("reliability", reliability)
      .add("preselected_count", static_cast<long>(preselected.size()))
      .add("frames", static_cast<long>(trajectory.size()))
      .add("force_field", ff->description())
      .add("total_seconds", total.seconds());
  if (graded) res.add("max_grade", max_grade);
  ctx.reporter.result(res, human);
  return 0;
}

CommandRegistration reg({"md", "pot.mtp in.cfg",
                         "molecular dynamics (NVE velocity Verlet or Langevin NVT) with extrapolation control",
                         [] {
                           OptionSpec spec;
                           spec.value("steps", "N  (default 1000)")
                               .value("timestep", "FS  femtoseconds (default 1)")
                               .value("temperature", "K  initial velocities and thermostat target (default 300)")
                               .value("thermostat", "none|langevin  (default none: NVE)")
                               .value("friction", "G  Langevin friction, 1/fs (default 0.01)")
                               .value("seed", "S  random seed (default 1)")
                               .value("thermo", "N  thermo row every N steps (default 10)")
                               .value("thermo-file", "F  write all thermo rows (tab-separated)")
                               .value("trajectory", "F  write frames (.cfg with energies, forces, stresses)")
                               .value("dump-every", "N  frame interval (default 10 with --trajectory)")
                               .value("final", "F  write the last configuration of each run");
                           addMonitorOptions(spec);
                           addForceFieldOptions(spec);
                           return spec;
                         }(),
                         run});

}  // namespace
}  // namespace mtp::cli
