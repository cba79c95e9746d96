#include "cli/check_fd_loss.h"

#include <cstdio>
#include <sstream>

#include "cli/efs_common.h"
#include "io/mtp_file.h"
#include "train/loss_fd_check.h"
#include "train/mtp_residual_model.h"

namespace mtp::cli {

OptionSpec withCheckFdLossOptions(OptionSpec spec) {
  spec.flag("loss", "check the training-loss gradient dL/dtheta instead of forces and stress")
      .value("weighting", "vibrations|molecules|structures (with --loss)")
      .value("energy-weight", "W (with --loss, default 1)")
      .value("force-weight", "W (with --loss, default 0.01)")
      .value("stress-weight", "W (with --loss, default 0.001)")
      .value("scale-by-force", "S (with --loss, default 0)");
  return spec;
}

int runCheckFdLoss(CommandContext& ctx) {
  const auto& pos = ctx.args.positionals();
  if (pos.size() != 2) throw UsageError("check-fd --loss needs pot.mtp in.cfg");
  const MtpPotential pot = readMtpFile(pos[0]);
  if (!pot.trained()) throw UsageError("check-fd --loss needs a trained potential");
  std::vector<Configuration> cfgs = loadConfigurations(pos[1], ctx.reporter);
  const int max_cfgs = ctx.args.integer("max-cfgs", 0);
  if (max_cfgs > 0 && static_cast<int>(cfgs.size()) > max_cfgs) cfgs.resize(max_cfgs);
  const double tol = ctx.args.number("tolerance", 1e-6);
  LossWeights w;
  if (auto s = ctx.args.value("weighting")) {
    try {
      w.weighting = parseWeighting(*s);
    } catch (const std::invalid_argument& e) {
      throw UsageError(e.what());
    }
  }
  w.energy = ctx.args.number("energy-weight", w.energy);
  w.force = ctx.args.number("force-weight", w.force);
  w.stress = ctx.args.number("stress-weight", w.stress);
  w.scale_by_force = ctx.args.number("scale-by-force", w.scale_by_force);
  const double step = ctx.args.number("step", 1e-4);
  if (!(step > 0)) throw UsageError("--step must be positive");
  MtpResidualModel model(pot, cfgs, w, ctx.threads);
  const ParamLayout lay = paramLayout(pot);
  const RadialRegularizer reg(pot.species_count * pot.species_count, pot.radialFuncsCount(), pot.radial_basis_size);
  const LossFdCheck r = checkLossGradient(model, lay, reg, packParameters(pot), ctx.threads, step);
  const int p = r.worst_index;
  const char* block = p < lay.radial ? "radial" : p < lay.radial + lay.species ? "species" : "moment";
  JsonObject json;
  json.add("mode", "loss").add("weighting", weightingName(w.weighting)).add("loss", r.loss)
      .add("parameters", lay.total()).add("worst_relative_error", r.worst_relative).add("worst_parameter", p)
      .add("worst_block", block).add("analytic", r.analytic[p]).add("numeric", r.numeric[p])
      .add("tolerance", tol).add("passed", r.worst_relative <= tol);
  std::ostringstream human;
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "loss %.10g (%s), %d parameters\nworst relative error of dL/dtheta: %.3e at parameter %d (%s): "
                "analytic %.12g, finite difference %.12g\n",
                r.loss, weightingName(w.weighting), lay.total(), r.worst_relative, p, block, r.analytic[p],
                r.numeric[p]);
  human << buf;
  ctx.reporter.result(json, human.str());
  return r.worst_relative <= tol ? 0 : 1;
}

}  // namespace mtp::cli
