// `mtp-engine bench-train pot.mtp train.cfg [--repeat N]` (bench/train.sh): time of one training
// loss evaluation over all configurations, best of --repeat, at seeded random parameters (untrained
// template) or the file's parameters:
//   loss+gradient            (what L-BFGS needs: the Jacobian pass, J^T W r)
//   loss+gradient+GN matrix  (what Levenberg–Marquardt needs: also J^T W J and the error moments)
//   loss only                (energies, forces, stresses; validation)
// Neighbour lists are built once beforehand (as in training) and reported separately.
#include <algorithm>
#include <cstdio>

#include "cli/command.h"
#include "cli/efs_common.h"
#include "io/mtp_file.h"
#include "train/loss_pass.h"
#include "train/mtp_residual_model.h"
#include "train/parameter_vector.h"
#include "train/random_init.h"
#include "train/trainer.h"

namespace mtp::cli {
namespace {

int run(CommandContext& ctx) {
  const auto& pos = ctx.args.positionals();
  if (pos.size() != 2) throw UsageError("bench-train needs pot.mtp train.cfg");
  const int repeat = std::max(1, ctx.args.integer("repeat", 3));
  MtpPotential pot = readMtpFile(pos[0]);
  const std::vector<Configuration> cfgs = loadConfigurations(pos[1], ctx.reporter);
  long atoms = 0;
  for (const auto& c : cfgs) atoms += c.size();
  Eigen::VectorXd theta;
  if (pot.trained()) {
    theta = packParameters(pot);
  } else {
    pot.scaling = naturalScaling(cfgs, pot.max_dist);
    theta = randomInitialParameters(pot, 1);
    theta.tail(paramLayout(pot).linear()).setConstant(1e-3);
  }
  Stopwatch setup;
  MtpResidualModel model(pot, cfgs, LossWeights{}, ctx.threads);
  const double setup_s = setup.seconds();
  model.setParameters(theta);
  const LossPass pass(model);
  auto time = [&](bool jacobian, bool gn, const char* stage) {
    LossPassOptions o;
    o.jacobian = jacobian;
    o.gauss_newton = gn;
    o.linear_begin = paramLayout(pot).radial;
    o.threads = ctx.threads;
    double best = 1e300;
    for (int r = 0; r < repeat; ++r) {
      Stopwatch sw;
      pass.run(o);
      best = std::min(best, sw.seconds());
      ctx.reporter.progress(stage, r + 1, repeat);
    }
    return best;
  };
  const double values_s = time(false, false, "loss");
  const double grad_s = time(true, false, "loss+gradient");
  const double gn_s = time(true, true, "loss+gradient+gn");
  JsonObject j;
  j.add("configurations", static_cast<long>(cfgs.size())).add("atoms", atoms).add("threads", ctx.threads)
      .add("parameters", pot.paramCount()).add("basis_functions", pot.scalarCount())
      .add("neighbor_lists_seconds", setup_s).add("loss_seconds", values_s)
      .add("loss_gradient_seconds", grad_s).add("loss_gradient_gn_seconds", gn_s)
      .add("loss_gradient_us_per_atom_core", grad_s * 1e6 * ctx.threads / std::max(1L, atoms));
  char text[400];
  std::snprintf(text, sizeof text,
                "atoms %ld, parameters %d, threads %d (best of %d): loss %.3f s, loss+gradient %.3f s, "
                "loss+gradient+GN %.3f s (%.1f us/atom/core for loss+gradient); neighbour lists %.3f s\n",
                atoms, pot.paramCount(), ctx.threads, repeat, values_s, grad_s, gn_s,
                grad_s * 1e6 * ctx.threads / std::max(1L, atoms), setup_s);
  ctx.reporter.result(j, text);
  return 0;
}

CommandRegistration reg({"bench-train", "pot.mtp train.cfg",
                         "time one training loss / loss+gradient / loss+gradient+Gauss-Newton evaluation",
                         OptionSpec().value("repeat", "N  runs, the best is reported (default 3)"), run});

}  // namespace
}  // namespace mtp::cli
