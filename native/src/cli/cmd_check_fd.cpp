// `mtp-engine check-fd pot.mtp in.cfg`: forces and PlusStress against central finite differences
// of the energy (4-point stencil, error O(h⁴)): F_a,c = −∂E/∂x_a,c, PlusStress_s = −∂E/∂ε_s for
// the homogeneous strain x → (I+ε)x of atoms and lattice. The error of a configuration is
// max |analytic − FD| / max |analytic| over its force (resp. stress) components. Prints the
// worst relative error; exit code 1 if it exceeds --tolerance (default 1e-6).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <mutex>

#include "cli/check_fd_loss.h"
#include "cli/command.h"
#include "cli/efs_common.h"
#include "core/thread_pool.h"

namespace mtp::cli {
namespace {

struct FdOutcome {
  double force_rel = 0.0, stress_rel = 0.0;
};

double fd4(const std::function<double(double)>& e, double h) {
  return (8.0 * (e(h) - e(-h)) - (e(2 * h) - e(-2 * h))) / (12.0 * h);
}

Configuration strained(const Configuration& cfg, int s, double e) {
  static const int idx[6][2] = {{0, 0}, {1, 1}, {2, 2}, {1, 2}, {0, 2}, {0, 1}};
  Mat3 eps = Mat3::Zero();
  eps(idx[s][0], idx[s][1]) += 0.5 * e;
  eps(idx[s][1], idx[s][0]) += 0.5 * e;
  const Mat3 F = Mat3::Identity() + eps;
  Configuration out = cfg;
  for (auto& p : out.positions) p = F * p;
  out.lattice = (F * cfg.lattice.transpose()).transpose();
  return out;
}

FdOutcome check(const MtpEvaluator& ev, const Configuration& cfg, double h, int max_atoms, EvalWorkspace& ws) {
  const EfsResult ref = ev.compute(cfg, EfsOptions{}, ws);
  const EfsOptions energy_only{false, false, false};
  FdOutcome o;
  double fscale = 0.0, ferr = 0.0;
  for (const auto& f : ref.forces) fscale = std::max(fscale, f.cwiseAbs().maxCoeff());
  const int atoms = max_atoms > 0 ? std::min(max_atoms, cfg.size()) : cfg.size();
  for (int a = 0; a < atoms; ++a)
    for (int c = 0; c < 3; ++c) {
      const double fd = -fd4(
          [&](double d) {
            Configuration moved = cfg;
            moved.positions[a][c] += d;
            return ev.compute(moved, energy_only, ws).energy;
          },
          h);
      ferr = std::max(ferr, std::fabs(fd - ref.forces[a][c]));
    }
  o.force_rel = fscale > 0 ? ferr / fscale : ferr;
  double sscale = 0.0, serr = 0.0;
  for (double s : ref.plus_stress) sscale = std::max(sscale, std::fabs(s));
  for (int s = 0; s < 6; ++s) {
    const double fd = -fd4([&](double d) { return ev.compute(strained(cfg, s, d), energy_only, ws).energy; }, h * 0.1);
    serr = std::max(serr, std::fabs(fd - ref.plus_stress[s]));
  }
  o.stress_rel = sscale > 0 ? serr / sscale : serr;
  return o;
}

int run(CommandContext& ctx) {
  if (ctx.args.flag("loss")) return runCheckFdLoss(ctx);  // training-loss gradient (issue 4)
  const auto& pos = ctx.args.positionals();
  if (pos.size() != 2) throw UsageError("check-fd needs pot.mtp in.cfg");
  const double h = ctx.args.number("step", 1e-4);
  const double tol = ctx.args.number("tolerance", 1e-6);
  const int max_atoms = ctx.args.integer("max-atoms", 0);
  const int max_cfgs = ctx.args.integer("max-cfgs", 0);
  if (!(h > 0)) throw UsageError("--step must be positive");
  const MtpEvaluator ev = loadEvaluator(pos[0], ctx.reporter);
  std::vector<Configuration> cfgs = loadConfigurations(pos[1], ctx.reporter);
  if (max_cfgs > 0 && static_cast<int>(cfgs.size()) > max_cfgs) cfgs.resize(max_cfgs);
  const int n = static_cast<int>(cfgs.size());
  std::vector<FdOutcome> out(n);
  std::vector<EvalWorkspace> ws(std::max(1, ctx.threads));
  std::mutex progress_mutex;
  int done = 0;
  parallelFor(n, ctx.threads, [&](int c, int w) {
    out[c] = check(ev, cfgs[c], h, max_atoms, ws[w]);
    std::lock_guard<std::mutex> lock(progress_mutex);
    ctx.reporter.progress("check", ++done, n);
  });
  FdOutcome worst;
  int worst_force_cfg = 0, worst_stress_cfg = 0;
  for (int c = 0; c < n; ++c) {  // in file order: deterministic
    if (out[c].force_rel > worst.force_rel) {
      worst.force_rel = out[c].force_rel;
      worst_force_cfg = c + 1;
    }
    if (out[c].stress_rel > worst.stress_rel) {
      worst.stress_rel = out[c].stress_rel;
      worst_stress_cfg = c + 1;
    }
  }
  const bool passed = worst.force_rel <= tol && worst.stress_rel <= tol;
  JsonObject r;
  r.add("configurations", n)
      .add("step", h)
      .add("tolerance", tol)
      .add("worst_force_relative_error", worst.force_rel)
      .add("worst_force_configuration", worst_force_cfg)
      .add("worst_stress_relative_error", worst.stress_rel)
      .add("worst_stress_configuration", worst_stress_cfg)
      .add("passed", passed);
  char text[320];
  std::snprintf(text, sizeof text,
                "Finite-difference check of %d configurations (step %g Å, strain step %g)\n"
                "Worst relative force error:  %.3e (configuration %d)\n"
                "Worst relative stress error: %.3e (configuration %d)\n%s (tolerance %g)\n",
                n, h, 0.1 * h, worst.force_rel, worst_force_cfg, worst.stress_rel, worst_stress_cfg,
                passed ? "PASSED" : "FAILED", tol);
  ctx.reporter.result(r, text);
  return passed ? 0 : 1;
}

CommandRegistration reg({"check-fd", "pot.mtp in.cfg",
                         "finite-difference check of forces and stresses; exit 1 above the tolerance",
                         withCheckFdLossOptions(OptionSpec()
                             .value("step", "H  displacement step, Å (default 1e-4; strain step H/10)")
                             .value("tolerance", "T  largest accepted relative error (default 1e-6)")
                             .value("max-atoms", "N  check only the first N atoms of each configuration")
                             .value("max-cfgs", "N  check only the first N configurations")),
                         run});

}  // namespace
}  // namespace mtp::cli
