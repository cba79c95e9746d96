// Command-line options: `--name=value`, `--name value` (for options that take a value) and
// `--flag`; everything else is positional. Unknown options are usage errors.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mtp::cli {

struct OptionSpec {
  struct Option {
    std::string name;  // without the leading "--"
    bool takes_value;
    std::string help;  // e.g. "N  worker threads (default: all cores)"
  };
  std::vector<Option> options;
  OptionSpec& value(const std::string& name, const std::string& help) {
    options.push_back({name, true, help});
    return *this;
  }
  OptionSpec& flag(const std::string& name, const std::string& help) {
    options.push_back({name, false, help});
    return *this;
  }
};

class Args {
 public:
  // Throws UsageError (cli/command.h) for unknown options or a missing value.
  Args(const std::vector<std::string>& tokens, const OptionSpec& spec);
  const std::vector<std::string>& positionals() const { return positionals_; }
  bool flag(const std::string& name) const { return values_.count(name) != 0; }
  std::optional<std::string> value(const std::string& name) const;  // the last one if repeated
  // Every value of a repeatable option, in command-line order (e.g. --potential A --potential B).
  std::vector<std::string> values(const std::string& name) const;
  // Typed accessors; throw UsageError for malformed numbers.
  double number(const std::string& name, double fallback) const;
  int integer(const std::string& name, int fallback) const;

 private:
  std::vector<std::string> positionals_;
  std::map<std::string, std::string> values_;
  std::map<std::string, std::vector<std::string>> repeated_;
};

}  // namespace mtp::cli
