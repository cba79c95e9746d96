// `mtp-engine mindist in.cfg`: the smallest interatomic distance (periodic images included) of
// every configuration and overall ("Global mindist", as MLIP's mindist prints). Unlike MLIP it
// does not rewrite the input; `--output out.cfg` writes a copy with `Feature mindist`.
#include <cmath>
#include <cstdio>
#include <limits>

#include "cli/command.h"
#include "cli/efs_common.h"
#include "core/neighbor_list.h"
#include "core/thread_pool.h"
#include "io/cfg_writer.h"

namespace mtp::cli {
namespace {

int run(CommandContext& ctx) {
  const auto& pos = ctx.args.positionals();
  if (pos.size() != 1) throw UsageError("mindist needs in.cfg");
  std::vector<Configuration> cfgs = loadConfigurations(pos[0], ctx.reporter);
  const double search = ctx.args.number("max-search", 50.0);
  std::vector<double> dist(cfgs.size(), std::numeric_limits<double>::infinity());
  parallelFor(static_cast<int>(cfgs.size()), ctx.threads,
              [&](int c, int) { dist[c] = minimumDistance(cfgs[c], search); });
  double global = std::numeric_limits<double>::infinity();
  for (double d : dist) global = std::min(global, d);
  std::vector<double> finite_or_null(dist);
  if (auto out = ctx.args.value("output")) {
    for (size_t c = 0; c < cfgs.size(); ++c) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%f", dist[c]);
      if (std::isfinite(dist[c])) cfgs[c].setFeature("mindist", buf);
    }
    writeCfgFile(*out, cfgs);
  }
  JsonObject r;
  r.add("global_mindist", global).add("mindist", finite_or_null);
  char text[64];
  std::snprintf(text, sizeof text, "Global mindist: %g\n", global);
  ctx.reporter.result(r, text);
  return 0;
}

CommandRegistration reg({"mindist", "in.cfg",
                         "smallest interatomic distance per configuration and overall (Å)",
                         OptionSpec()
                             .value("output", "FILE  write the configurations with Feature mindist")
                             .value("max-search", "R  largest distance searched, Å (default 50)"),
                         run});

}  // namespace
}  // namespace mtp::cli
