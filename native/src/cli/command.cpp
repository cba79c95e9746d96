#include "cli/command.h"

#include <algorithm>
#include <map>

namespace mtp::cli {

namespace {
std::map<std::string, Command>& registry() {
  static std::map<std::string, Command> r;  // function-local: safe during static initialisation
  return r;
}
}  // namespace

CommandRegistration::CommandRegistration(Command command) {
  const std::string name = command.name;
  registry()[name] = std::move(command);
}

std::vector<const Command*> commands() {
  std::vector<const Command*> out;
  for (const auto& kv : registry()) out.push_back(&kv.second);
  return out;
}

const Command* findCommand(const std::string& name) {
  auto it = registry().find(name);
  return it == registry().end() ? nullptr : &it->second;
}

}  // namespace mtp::cli
