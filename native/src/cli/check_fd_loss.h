// `mtp-engine check-fd pot.mtp in.cfg --loss [--weighting W] [--energy-weight …] [--force-weight …]
// [--stress-weight …] [--scale-by-force S] [--step H] [--tolerance T] [--max-cfgs N]`:
// finite-difference check of the training loss gradient dL/dtheta (train/loss_fd_check.h) at the
// parameters of a trained potential (H: relative parameter step, default 1e-4); prints the worst
// relative error; exit code 1 above the tolerance (default 1e-6). Called by check-fd for --loss.
#pragma once
#include "cli/command.h"

namespace mtp::cli {

int runCheckFdLoss(CommandContext& ctx);
// check-fd's OptionSpec plus the options only --loss reads (--step, --tolerance, --max-cfgs are
// check-fd's own and shared).
OptionSpec withCheckFdLossOptions(OptionSpec spec);

}  // namespace mtp::cli
