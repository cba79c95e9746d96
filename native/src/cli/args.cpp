#include "cli/args.h"

#include <cstdlib>

#include "cli/command.h"

namespace mtp::cli {

Args::Args(const std::vector<std::string>& tokens, const OptionSpec& spec) {
  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::string& t = tokens[i];
    if (t.size() < 3 || t.compare(0, 2, "--") != 0) {
      positionals_.push_back(t);
      continue;
    }
    const size_t eq = t.find('=');
    const std::string name = t.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
    const OptionSpec::Option* opt = nullptr;
    for (const auto& o : spec.options)
      if (o.name == name) opt = &o;
    if (!opt) throw UsageError("unknown option --" + name);
    if (!opt->takes_value) {
      if (eq != std::string::npos) throw UsageError("option --" + name + " takes no value");
      values_[name] = "";
    } else if (eq != std::string::npos) {
      values_[name] = t.substr(eq + 1);
    } else {
      if (i + 1 >= tokens.size()) throw UsageError("option --" + name + " needs a value");
      values_[name] = tokens[++i];
    }
    if (opt->takes_value) repeated_[name].push_back(values_[name]);
  }
}

std::optional<std::string> Args::value(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> Args::values(const std::string& name) const {
  auto it = repeated_.find(name);
  return it == repeated_.end() ? std::vector<std::string>{} : it->second;
}

double Args::number(const std::string& name, double fallback) const {
  auto v = value(name);
  if (!v) return fallback;
  char* end = nullptr;
  const double x = std::strtod(v->c_str(), &end);
  if (v->empty() || *end != '\0') throw UsageError("option --" + name + ": '" + *v + "' is not a number");
  return x;
}

int Args::integer(const std::string& name, int fallback) const {
  auto v = value(name);
  if (!v) return fallback;
  char* end = nullptr;
  const long x = std::strtol(v->c_str(), &end, 10);
  if (v->empty() || *end != '\0' || x < -2147483647L || x > 2147483647L)
    throw UsageError("option --" + name + ": '" + *v + "' is not an integer");
  return static_cast<int>(x);
}

}  // namespace mtp::cli
