// `mtp-engine calc-grade pot.mtp train.cfg in.cfg out.cfg [--state FILE] [--mode cfg|nbh]`:
// builds the maxvol active set from train.cfg (or loads --state and offers train.cfg to it; "-"
// for none), saves the state when --state is given, and writes every configuration of in.cfg to
// out.cfg with its extrapolation grade `Feature MV_grade` (MLIP_FORMATS.md §4). In nbh mode every
// atom is graded; MV_grade is the worst atom's grade, MV_grade_atom its 1-based id.
#include <algorithm>
#include <cstdio>

#include "active/als_state.h"
#include "cli/active_common.h"
#include "cli/command.h"
#include "cli/efs_common.h"
#include "io/cfg_reader.h"
#include "io/cfg_writer.h"

namespace mtp::cli {
namespace {

int run(CommandContext& ctx) {
  const auto& pos = ctx.args.positionals();
  if (pos.size() != 4) throw UsageError("calc-grade needs pot.mtp train.cfg in.cfg out.cfg");
  Stopwatch total;
  OpenedActiveSet opened = openActiveSet(ctx, pos[0], pos[1]);
  ActiveSet& set = *opened.set;
  if (auto state = ctx.args.value("state")) writeActiveLearningState(*state, set);
  std::vector<Configuration> cfgs = loadConfigurations(pos[2], ctx.reporter);
  const auto grades = set.grade(cfgs, ctx.threads, [&](int done, int n) { ctx.reporter.progress("grade", done, n); });
  double max_grade = 0.0;
  int above_one = 0, failed = 0;
  std::vector<double> values;
  std::string human;
  for (size_t c = 0; c < cfgs.size(); ++c) {
    annotateGrade(cfgs[c], grades[c]);
    if (!grades[c].ok) {
      ++failed;
      ctx.reporter.log("warn", pos[2] + ": configuration " + std::to_string(c + 1) + ": " + grades[c].error);
      values.push_back(1e100);
      max_grade = 1e100;
      human += "cfg# " + std::to_string(c + 1) + "\tgrade: 9.9e99 (" + grades[c].error + ")\n";
      continue;
    }
    values.push_back(grades[c].grade);
    max_grade = std::max(max_grade, grades[c].grade);
    above_one += grades[c].grade > 1.0 + 1e-9;
    char buf[96];
    std::snprintf(buf, sizeof buf, "cfg# %zu\tgrade: %g", c + 1, grades[c].grade);
    human += buf;
    if (grades[c].worst_atom >= 0) human += "\tworst atom: " + std::to_string(grades[c].worst_atom + 1);
    human += "\n";
  }
  writeCfgFile(pos[3], cfgs);
  JsonObject r;
  r.add("output", pos[3])
      .add("configurations", static_cast<long>(cfgs.size()))
      .add("mode", gradeModeName(set.settings().mode))
      .add("parameters", set.parameterCount())
      .add("active_set", static_cast<long>(set.configurations().size()))
      .add("training_swaps", opened.training_swaps)
      .add("state_loaded", opened.loaded)
      .add("max_grade", max_grade)
      .add("above_one", above_one)
      .add("failed", failed)
      .add("grades", values)
      .add("total_seconds", total.seconds());
  if (auto state = ctx.args.value("state")) r.add("state", *state);
  ctx.reporter.result(r, human);
  return 0;
}

CommandRegistration reg({"calc-grade", "pot.mtp train.cfg in.cfg out.cfg",
                         "extrapolation grades (maxvol, MLIP's MV_grade) of in.cfg against the active set of train.cfg",
                         [] {
                           OptionSpec spec;
                           addActiveSetOptions(spec);
                           return spec;
                         }(),
                         run});

}  // namespace
}  // namespace mtp::cli
