// Subcommand registry of `mtp-engine`. Each subcommand lives in its own cmd_*.cpp and registers
// itself with a static CommandRegistration, so adding a subcommand needs no edit of main.cpp:
//
//   static int run(CommandContext& ctx) { ... }
//   static mtp::cli::CommandRegistration reg({"calc-efs", "pot.mtp in.cfg out.cfg", "…", spec, run});
//
// Exit codes: 0 success, 1 runtime/input error (thrown as mtp::InputError / mtp::ComputeError /
// std::runtime_error), 2 usage error (thrown as UsageError).
#pragma once
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli/args.h"
#include "cli/reporter.h"

namespace mtp::cli {

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct CommandContext {
  Args& args;          // parsed options and positionals (already checked against the spec)
  Reporter& reporter;  // progress / logs / result, in human or JSON-lines form
  int threads;         // --threads (default: all hardware threads)
};

struct Command {
  std::string name;
  std::string usage;    // positional part, e.g. "pot.mtp in.cfg out.cfg"
  std::string summary;  // one line
  OptionSpec options;   // command-specific options (the common ones are added by main)
  std::function<int(CommandContext&)> run;
};

struct CommandRegistration {
  explicit CommandRegistration(Command command);
};

// All registered commands, sorted by name.
std::vector<const Command*> commands();
const Command* findCommand(const std::string& name);

}  // namespace mtp::cli
