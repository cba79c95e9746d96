#include "cli/active_common.h"

#include <cstdio>
#include <fstream>
#include <stdexcept>

#include "active/als_state.h"
#include "core/errors.h"
#include "io/cfg_reader.h"
#include "io/mtp_file.h"

namespace mtp::cli {

OptionSpec& addActiveSetOptions(OptionSpec& spec) {
  return spec.value("state", "FILE  active-learning state: loaded if present (must belong to the potential), saved at the end")
      .value("mode", "cfg|nbh  rows per configuration (∂E/∂θ / N) or per atom (∂E_i/∂θ); default cfg or the state's")
      .value("weighting", "vibrations|structures|molecules  cfg-mode row scaling (default vibrations: /N)")
      .value("init-threshold", "X  A = X·I initially (default 1e-6, MLIP-3's)")
      .value("swap-threshold", "X  swap while a coefficient exceeds X (default 1.001)");
}

namespace {

bool fileExists(const std::string& path) {
  std::ifstream f(path);
  return static_cast<bool>(f);
}

}  // namespace

OpenedActiveSet openActiveSet(CommandContext& ctx, const std::string& potential_path, const std::string& train_path) {
  OpenedActiveSet out;
  const MtpPotential pot = readMtpFile(potential_path);
  const auto state_path = ctx.args.value("state");
  std::optional<GradeMode> mode;
  try {
    if (auto m = ctx.args.value("mode")) mode = parseGradeMode(*m);
  } catch (const std::invalid_argument& e) {
    throw UsageError(std::string("--mode: ") + e.what());
  }
  if (state_path && fileExists(*state_path)) {
    out.set.emplace(readActiveLearningState(*state_path));
    requireSamePotential(*out.set, pot, *state_path);
    if (mode && *mode != out.set->settings().mode)
      throw UsageError("--mode " + gradeModeName(*mode) + " differs from the state's mode " +
                       gradeModeName(out.set->settings().mode));
    out.loaded = true;
    ctx.reporter.log("info", "active-learning state " + *state_path + ": " +
                                 std::to_string(out.set->configurations().size()) + " configurations in the active set");
  } else {
    if (train_path == "-") throw UsageError("no training set ('-') and no existing --state to start from");
    SelectionSettings s;
    if (mode) s.mode = *mode;
    try {
      if (auto w = ctx.args.value("weighting")) s.weighting = parseRowWeighting(*w);
    } catch (const std::invalid_argument& e) {
      throw UsageError(std::string("--weighting: ") + e.what());
    }
    s.init_threshold = ctx.args.number("init-threshold", s.init_threshold);
    s.swap_threshold = ctx.args.number("swap-threshold", s.swap_threshold);
    if (!(s.init_threshold > 0.0)) throw UsageError("--init-threshold must be > 0");
    if (!(s.swap_threshold >= 1.0)) throw UsageError("--swap-threshold must be >= 1");
    out.set.emplace(pot, s);
  }
  if (train_path != "-") {
    out.training = readCfgFile(train_path);
    std::vector<int> failed;
    out.training_swaps = out.set->addTraining(out.training, ctx.threads, &failed);
    for (int f : failed)
      ctx.reporter.log("warn", train_path + ": configuration " + std::to_string(f + 1) +
                                   " cannot be evaluated and is left out of the active set");
    ctx.reporter.log("info", train_path + ": " + std::to_string(out.training.size()) + " training configurations, " +
                                 std::to_string(out.training_swaps) + " swaps; active set " +
                                 std::to_string(out.set->configurations().size()) + " configurations, " +
                                 std::to_string(out.set->parameterCount()) + " parameters");
  }
  return out;
}

std::string gradeText(double grade) { return gradeFeatureText(grade); }

void annotateGrade(Configuration& cfg, const ConfigurationGrade& g) {
  if (!g.ok) {
    cfg.setFeature("MV_grade", "9.9e99");
    cfg.setFeature("MV_grade_error", g.error);
    return;
  }
  cfg.setFeature("MV_grade", gradeText(g.grade));
  if (g.worst_atom >= 0) {
    cfg.setFeature("MV_grade_atom", std::to_string(g.worst_atom + 1));
    std::string all;
    char buf[32];
    for (size_t i = 0; i < g.atom_grades.size(); ++i) {
      std::snprintf(buf, sizeof buf, "%s%.6g", i ? " " : "", g.atom_grades[i]);
      all += buf;
    }
    cfg.setFeature("MV_nbh_grades", all);
  }
}

}  // namespace mtp::cli
