// `mtp-engine version`: engine and protocol versions.
#include "cli/command.h"

namespace mtp::cli {
namespace {

int run(CommandContext& ctx) {
  if (!ctx.args.positionals().empty()) throw UsageError("version takes no arguments");
  JsonObject r;
  r.add("engine", kEngineVersion).add("protocol", kProtocolVersion);
  ctx.reporter.result(r, std::string("mtp-engine ") + kEngineVersion + " (protocol " +
                             std::to_string(kProtocolVersion) + ")\n");
  return 0;
}

CommandRegistration reg({"version", "", "print the engine and protocol versions", OptionSpec(), run});

}  // namespace
}  // namespace mtp::cli
