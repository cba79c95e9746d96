#include "cli/sim_monitor_args.h"

#include "active/als_state.h"
#include "io/mtp_file.h"

namespace mtp::cli {

OptionSpec& addMonitorOptions(OptionSpec& spec) {
  return spec.value("state", "FILE  active-learning state of the potential: grade every configuration")
      .value("select", "G  keep configurations with grade > G (default 2.1)")
      .value("break", "G  stop a structure/run when its grade exceeds G (default 10; 0 = never)")
      .value("preselected", "FILE  write the kept configurations here");
}

MonitorSetup makeMonitor(const Args& args, const std::string& potential_path, bool eam, Reporter& reporter) {
  MonitorSetup out;
  const auto state = args.value("state");
  if (!state) {
    if (args.value("select") || args.value("break") || args.value("preselected"))
      throw UsageError("--select, --break and --preselected need --state FILE");
    return out;
  }
  if (eam) throw UsageError("--state grades with an MTP; it cannot be combined with the EAM force field");
  out.set = std::make_unique<ActiveSet>(readActiveLearningState(*state));
  requireSamePotential(*out.set, readMtpFile(potential_path), *state);
  const double select = args.number("select", 2.1), brk = args.number("break", 10.0);
  if (!(select >= 1.0)) throw UsageError("--select must be >= 1");
  if (brk > 0.0 && brk < select) throw UsageError("--break must be >= --select (or 0 for never)");
  out.monitor = std::make_unique<ExtrapolationMonitor>(*out.set, select, brk);
  reporter.log("info", "extrapolation control: state " + *state + " (" + gradeModeName(out.set->settings().mode) +
                           " mode), select > " + std::to_string(select) + ", break > " + std::to_string(brk));
  return out;
}

}  // namespace mtp::cli
