#include "cli/reporter.h"

namespace mtp::cli {

Reporter::Reporter(OutputMode mode, std::string command)
    : mode_(mode), command_(std::move(command)), emitter_(std::cout) {}

void Reporter::hello() {
  if (jsonLines()) emitter_.hello(command_);
}

void Reporter::progress(const std::string& stage, long done, long total, const JsonObject& extra) {
  const auto now = std::chrono::steady_clock::now();
  if (any_progress_ && done < total && now - last_progress_ < std::chrono::milliseconds(250)) return;
  any_progress_ = true;
  last_progress_ = now;
  if (jsonLines()) {
    emitter_.progress(stage, done, total, extra);
  } else {
    std::cerr << command_ << ": " << stage << " " << done << "/" << total << "\n";
  }
}

void Reporter::log(const std::string& level, const std::string& message) {
  if (jsonLines()) emitter_.log(level, message);
  else std::cerr << command_ << ": " << (level == "warn" ? "warning: " : "") << message << "\n";
}

void Reporter::result(const JsonObject& json, const std::string& human_text) {
  if (mode_ == OutputMode::JsonLines) emitter_.result(json);
  else if (mode_ == OutputMode::Json) std::cout << json.str() << "\n";
  else std::cout << human_text;
  std::cout.flush();
}

void Reporter::error(const std::string& code, const std::string& message, const std::string& file, int line,
                     const std::string& field) {
  if (jsonLines()) emitter_.error(code, message, file, line, field);
  else std::cerr << "mtp-engine " << command_ << ": error: " << message << "\n";
}

}  // namespace mtp::cli
