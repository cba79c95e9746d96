// mtp-engine <subcommand> [options]: dispatches to the registered subcommands (cli/command.h).
#include <unistd.h>

#include <cerrno>
#include <exception>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "cli/command.h"
#include "core/errors.h"
#include "core/thread_pool.h"

namespace {

using namespace mtp::cli;

void printHelp(std::ostream& out) {
  out << "usage: mtp-engine <command> [options]\n\ncommands:\n";
  for (const Command* c : commands()) out << "  " << c->name << " " << c->usage << "\n      " << c->summary << "\n";
  out << "\ncommon options: --threads N (default: all cores), --jsonl (engine protocol on stdout), --help\n";
}

void printCommandHelp(const Command& c, std::ostream& out) {
  out << "usage: mtp-engine " << c.name << " " << c.usage << " [options]\n" << c.summary << "\n\noptions:\n";
  for (const auto& o : c.options.options) out << "  --" << o.name << " " << o.help << "\n";
  out << "  --threads N  worker threads (default: all cores)\n  --jsonl  engine protocol (JSON lines) on stdout\n";
}

// With --parent-watch the supervisor holds our stdin open; when it dies (even by SIGKILL) the pipe
// closes, read() returns 0, and the engine exits instead of computing on as an orphan.
void watchParent() {
  std::thread([] {
    char buf[256];
    while (true) {
      const ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
      if (n == 0 || (n < 0 && errno != EINTR)) _exit(129);
    }
  }).detach();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    printHelp(std::cerr);
    return 2;
  }
  const std::string name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    printHelp(std::cout);
    return 0;
  }
  const Command* command = findCommand(name);
  std::vector<std::string> tokens(argv + 2, argv + argc);
  bool jsonl = false, json = false;
  for (const auto& t : tokens) {
    jsonl = jsonl || t == "--jsonl";
    json = json || t == "--json";
  }
  Reporter reporter(jsonl ? OutputMode::JsonLines : json ? OutputMode::Json : OutputMode::Human, name);
  if (!command) {
    reporter.hello();
    reporter.error("usage", "unknown command '" + name + "' (mtp-engine --help lists them)");
    if (!jsonl) printHelp(std::cerr);
    return 2;
  }
  for (const auto& t : tokens)
    if (t == "--help" || t == "-h") {
      printCommandHelp(*command, std::cout);
      return 0;
    }
  reporter.hello();
  try {
    OptionSpec spec = command->options;
    spec.value("threads", "").flag("jsonl", "").flag("parent-watch", "");
    bool has_json = false;
    for (const auto& o : spec.options) has_json = has_json || o.name == "json";
    if (!has_json) spec.flag("json", "");
    Args args(tokens, spec);
    if (args.flag("parent-watch")) watchParent();
    const int threads = args.integer("threads", mtp::hardwareThreads());
    if (threads < 1) throw UsageError("--threads must be >= 1");
    CommandContext ctx{args, reporter, threads};
    return command->run(ctx);
  } catch (const UsageError& e) {
    reporter.error("usage", e.what());
    if (!jsonl) printCommandHelp(*command, std::cerr);
    return 2;
  } catch (const mtp::InputError& e) {
    reporter.error("input", e.what(), e.file(), e.line(), e.field());
    return 1;
  } catch (const mtp::ComputeError& e) {
    reporter.error("compute", e.what());
    return 1;
  } catch (const std::exception& e) {
    reporter.error("runtime", e.what());
    return 1;
  }
}
