// `mtp-engine bench-efs pot.mtp in.cfg`: evaluation throughput (bench/efs.sh). Reports the file
// parsing time separately, then the best of --repeat runs of energies + forces + stresses over all
// configurations (neighbour lists included) in µs per atom per core = wall · threads / atoms.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>

#include <random>

#include "cli/command.h"
#include "eval/compiled_mtp.h"
#include "cli/efs_common.h"
#include "core/errors.h"
#include "io/cfg_reader.h"
#include "io/mtp_file.h"

namespace mtp::cli {
namespace {

double processCpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

int run(CommandContext& ctx) {
  const auto& pos = ctx.args.positionals();
  if (pos.size() != 2) throw UsageError("bench-efs needs pot.mtp in.cfg");
  const int repeat = std::max(1, ctx.args.integer("repeat", 3));
  Stopwatch parse_pot;
  MtpPotential pot = readMtpFile(pos[0]);
  const double pot_s = parse_pot.seconds();
  if (auto seed = ctx.args.value("random")) {
    // An untrained template made evaluable: the distribution of golden/Mo/random_coeffs
    // (radial U(−1,1)/√R, species −8, moments 0.01·U(−1,1)); only the speed matters here.
    pot.species_count = ctx.args.integer("species", pot.species_count);
    pot.min_dist = ctx.args.number("min-dist", pot.min_dist);
    pot.max_dist = ctx.args.number("max-dist", pot.max_dist);
    std::mt19937_64 rng(std::stoull(*seed));
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    const int C = pot.species_count, K = pot.radialFuncsCount(), R = pot.radial_basis_size;
    pot.radial_coeffs.assign(C * C, std::vector<std::vector<double>>(K, std::vector<double>(R)));
    for (auto& block : pot.radial_coeffs)
      for (auto& row : block)
        for (double& c : row) c = u(rng) / std::sqrt(static_cast<double>(R));
    pot.species_coeffs.assign(C, -8.0);
    pot.moment_coeffs.resize(pot.scalarCount());
    for (double& c : pot.moment_coeffs) c = 0.01 * u(rng);
  }
  if (!pot.trained()) throw ComputeError(pos[0] + ": untrained potential (use --random SEED)");
  const MtpEvaluator ev(compileMtp(pot));
  Stopwatch parse_cfg;
  const std::vector<Configuration> cfgs = readCfgFile(pos[1]);
  const double cfg_s = parse_cfg.seconds();
  long atoms = 0;
  for (const auto& c : cfgs) atoms += c.size();
  // Wall time is what a user waits for; CPU time (all threads) is less sensitive to other load on
  // a shared machine, so both are reported.
  double best = 1e300, best_cpu = 1e300;
  for (int r = 0; r < repeat; ++r) {
    Stopwatch sw;
    const double cpu0 = processCpuSeconds();
    const auto entries = evaluateBatch(ev, cfgs, EfsOptions{}, ctx.threads);
    const double s = sw.seconds();
    best_cpu = std::min(best_cpu, processCpuSeconds() - cpu0);
    for (const auto& e : entries)
      if (!e.ok) throw ComputeError(e.error);
    best = std::min(best, s);
    ctx.reporter.progress("repeat", r + 1, repeat);
  }
  const double us_per_atom_core = best * 1e6 * ctx.threads / std::max(1L, atoms);
  JsonObject j;
  j.add("configurations", static_cast<long>(cfgs.size()))
      .add("atoms", atoms)
      .add("threads", ctx.threads)
      .add("basis_functions", ev.model().scalar_count)
      .add("parse_potential_seconds", pot_s)
      .add("parse_cfg_seconds", cfg_s)
      .add("evaluate_seconds", best)
      .add("us_per_atom_core", us_per_atom_core)
      .add("cpu_seconds", best_cpu)
      .add("cpu_us_per_atom", best_cpu * 1e6 / std::max(1L, atoms));
  char text[256];
  std::snprintf(text, sizeof text,
                "atoms %ld, threads %d, parse cfg %.3f s, evaluate (best of %d) %.4f s, %.2f us/atom/core (wall), "
                "%.2f us/atom (CPU)\n",
                atoms, ctx.threads, cfg_s, repeat, best, us_per_atom_core, best_cpu * 1e6 / std::max(1L, atoms));
  ctx.reporter.result(j, text);
  return 0;
}

CommandRegistration reg({"bench-efs", "pot.mtp in.cfg",
                         "time energy+forces+stress evaluation (us per atom per core, parsing excluded)",
                         OptionSpec()
                             .value("repeat", "N  runs, the best is reported (default 3)")
                             .value("random", "SEED  fill the (template) potential with random coefficients")
                             .value("species", "C  with --random: species count")
                             .value("min-dist", "R  with --random: min_dist, Å")
                             .value("max-dist", "R  with --random: max_dist, Å"),
                         run});

}  // namespace
}  // namespace mtp::cli
