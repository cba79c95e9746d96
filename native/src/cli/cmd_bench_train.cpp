// `mtp-engine bench-train pot.mtp train.cfg [--repeat N]` (bench/train.sh): time of one training
// loss evaluation over all configurations, best of --repeat, at seeded random parameters (untrained
// template) or the file's parameters:
//   loss+gradient            (what L-BFGS needs: J^T W r by the adjoint pass, ~2 evaluations)
//   loss+gradient (Jacobian) (the same product from the full Jacobian; only with --jacobian-gradient)
//   loss+gradient+GN matrix  (what Levenberg–Marquardt needs: the Jacobian, J^T W J, error moments)
//   loss only                (energies, forces, stresses; validation)
// Neighbour lists are built once beforehand (as in training) and reported separately. Besides the
// wall time, the process CPU time of the best repeat is reported: on a shared machine it shows the
// cost of the work itself (for 1 thread it is what an idle core's wall time would be).
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

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
  std::vector<double> cpu;  // CPU seconds of the best repeat, per stage in call order
  auto time = [&](bool jacobian, bool gn, const char* stage, bool adjoint = true) {
    LossPassOptions o;
    o.jacobian = jacobian;
    o.gauss_newton = gn;
    o.adjoint = adjoint;
    o.linear_begin = paramLayout(pot).radial;
    o.threads = ctx.threads;
    double best = 1e300, best_cpu = 0.0;
    for (int r = 0; r < repeat; ++r) {
      Stopwatch sw;
      const std::clock_t c0 = std::clock();
      pass.run(o);
      const double wall = sw.seconds();
      if (wall < best) best = wall, best_cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
      ctx.reporter.progress(stage, r + 1, repeat);
    }
    cpu.push_back(best_cpu);
    return best;
  };
  const double values_s = time(false, false, "loss");
  const double grad_s = time(true, false, "loss+gradient");
  const bool with_jac = ctx.args.flag("jacobian-gradient");
  const double jac_grad_s = with_jac ? time(true, false, "loss+gradient-jacobian", false) : 0.0;
  const double gn_s = time(true, true, "loss+gradient+gn");
  JsonObject j;
  j.add("configurations", static_cast<long>(cfgs.size())).add("atoms", atoms).add("threads", ctx.threads)
      .add("parameters", pot.paramCount()).add("basis_functions", pot.scalarCount())
      .add("neighbor_lists_seconds", setup_s).add("loss_seconds", values_s)
      .add("loss_gradient_seconds", grad_s).add("loss_gradient_gn_seconds", gn_s)
      .add("loss_gradient_us_per_atom_core", grad_s * 1e6 * ctx.threads / std::max(1L, atoms));
  if (with_jac) j.add("loss_gradient_jacobian_seconds", jac_grad_s);
  j.add("cpu_seconds", cpu);  // loss, loss+gradient, [Jacobian gradient,] loss+gradient+GN
  std::string cpu_text;
  for (double c : cpu) cpu_text += (cpu_text.empty() ? "" : " / ") + std::to_string(c).substr(0, 6);
  char text[560];
  std::snprintf(text, sizeof text,
                "atoms %ld, parameters %d, threads %d (best of %d): loss %.3f s, loss+gradient %.3f s%s, "
                "loss+gradient+GN %.3f s (%.1f us/atom/core for loss+gradient); neighbour lists %.3f s; "
                "CPU s of these: %s\n",
                atoms, pot.paramCount(), ctx.threads, repeat, values_s, grad_s,
                with_jac ? (" (by Jacobian " + std::to_string(jac_grad_s) + " s)").c_str() : "", gn_s,
                grad_s * 1e6 * ctx.threads / std::max(1L, atoms), setup_s, cpu_text.c_str());
  ctx.reporter.result(j, text);
  return 0;
}

CommandRegistration reg({"bench-train", "pot.mtp train.cfg",
                         "time one training loss / loss+gradient / loss+gradient+Gauss-Newton evaluation",
                         OptionSpec()
                             .value("repeat", "N  runs, the best is reported (default 3)")
                             .flag("jacobian-gradient", "also time the gradient formed from the full Jacobian"),
                         run});

}  // namespace
}  // namespace mtp::cli
