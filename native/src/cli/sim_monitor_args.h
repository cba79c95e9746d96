// --state FILE --select G --break G for relax and md: the extrapolation monitor of a simulation
// driven by an MTP whose active-learning state exists (written by calc-grade / select-add).
#pragma once
#include <memory>
#include <optional>
#include <string>

#include "active/active_set.h"
#include "cli/command.h"
#include "sim/extrapolation_monitor.h"

namespace mtp::cli {

OptionSpec& addMonitorOptions(OptionSpec& spec);

struct MonitorSetup {
  std::unique_ptr<ActiveSet> set;
  std::unique_ptr<ExtrapolationMonitor> monitor;  // null without --state
};

// potential_path: the MTP driving the simulation (must be the state's). Throws UsageError when
// --select/--break are given without --state or with EAM.
MonitorSetup makeMonitor(const Args& args, const std::string& potential_path, bool eam, Reporter& reporter);

}  // namespace mtp::cli
