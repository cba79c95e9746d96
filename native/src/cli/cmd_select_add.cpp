// `mtp-engine select-add pot.mtp train.cfg candidates.cfg selected.cfg [--state FILE] [--limit N]`:
// builds the active set from train.cfg (or loads --state), then offers the candidates in batches
// and chooses by maxvol the configurations that most enlarge |det A| (MLIP_FORMATS.md §4): a batch
// triggers swaps when a candidate grades above --select-threshold; passes over training and
// candidates repeat until one makes no swap, so running again on the same pool after adding the
// selection to the training set selects nothing. At most n_params (and at most --limit)
// configurations are written to selected.cfg, in candidate order, each with its grade before the
// selection as MV_grade. --active-set FILE writes the whole active set (MLIP's selected-filename).
#include <algorithm>

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
  if (pos.size() != 4) throw UsageError("select-add needs pot.mtp train.cfg candidates.cfg selected.cfg");
  Stopwatch total;
  SelectAddOptions options;
  options.select_threshold = ctx.args.number("select-threshold", options.select_threshold);
  options.limit = ctx.args.integer("limit", 0);
  options.batch_size = ctx.args.integer("batch-size", options.batch_size);
  if (options.limit < 0) throw UsageError("--limit must be >= 0 (0: no limit)");
  if (options.batch_size < 1) throw UsageError("--batch-size must be >= 1");
  if (!(options.select_threshold >= 1.0)) throw UsageError("--select-threshold must be >= 1");
  OpenedActiveSet opened = openActiveSet(ctx, pos[0], pos[1]);
  ActiveSet& set = *opened.set;
  std::vector<Configuration> candidates = loadConfigurations(pos[2], ctx.reporter);
  // Grades before selection, reported on the selected configurations.
  const auto before = set.grade(candidates, ctx.threads);
  const SelectAddResult res = set.selectAdd(opened.training, candidates, options, ctx.threads,
                                            [&](int done, int n) { ctx.reporter.progress("select", done, n); });
  if (res.failed > 0)
    ctx.reporter.log("warn", std::to_string(res.failed) + " candidates could not be evaluated and were skipped");
  std::vector<Configuration> selected;
  selected.reserve(res.selected.size());
  for (int idx : res.selected) {
    Configuration cfg = candidates[idx];
    annotateGrade(cfg, before[idx]);
    selected.push_back(std::move(cfg));
  }
  writeCfgFile(pos[3], selected);
  if (auto state = ctx.args.value("state")) writeActiveLearningState(*state, set);
  if (auto path = ctx.args.value("active-set")) writeCfgFile(*path, set.configurations());
  double max_before = 0.0;
  for (const auto& g : before) max_before = std::max(max_before, g.ok ? g.grade : 1e100);
  std::vector<double> indices;
  for (int idx : res.selected) indices.push_back(idx + 1);
  JsonObject r;
  r.add("output", pos[3])
      .add("candidates", static_cast<long>(candidates.size()))
      .add("selected", static_cast<long>(selected.size()))
      .add("selected_indices", indices)
      .add("parameters", set.parameterCount())
      .add("active_set", static_cast<long>(set.configurations().size()))
      .add("swaps", res.swaps)
      .add("passes", res.passes)
      .add("failed", res.failed)
      .add("max_grade_before", max_before)
      .add("total_seconds", total.seconds());
  const std::string human = "Training set increased by " + std::to_string(selected.size()) + " configurations (" +
                            std::to_string(candidates.size()) + " candidates, largest grade " +
                            gradeText(max_before) + ", " + std::to_string(res.swaps) + " swaps)\n";
  ctx.reporter.result(r, human);
  return 0;
}

CommandRegistration reg({"select-add", "pot.mtp train.cfg candidates.cfg selected.cfg",
                         "choose by maxvol at most n_params candidates that extend the active set of train.cfg",
                         [] {
                           OptionSpec spec;
                           addActiveSetOptions(spec)
                               .value("limit", "N  select at most N configurations (default: no limit beyond n_params)")
                               .value("select-threshold", "X  a candidate batch is used only if a grade exceeds X (default 1.1)")
                               .value("batch-size", "N  candidates held in memory at once (default 2000)")
                               .value("active-set", "FILE  also write the whole active set after selection");
                           return spec;
                         }(),
                         run});

}  // namespace
}  // namespace mtp::cli
