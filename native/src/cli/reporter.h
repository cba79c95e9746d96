// Where a subcommand's output goes. Three modes:
//  * human (default): reports on stdout like MLIP's `mlp`, progress and logs on stderr;
//  * --json: the result as one JSON object on stdout, progress/logs on stderr;
//  * --jsonl: the engine protocol (core/engine_protocol.h) on stdout, nothing else there.
#pragma once
#include <chrono>
#include <iostream>
#include <string>

#include "core/engine_protocol.h"

namespace mtp::cli {

enum class OutputMode { Human, Json, JsonLines };

class Reporter {
 public:
  Reporter(OutputMode mode, std::string command);
  OutputMode mode() const { return mode_; }
  bool jsonLines() const { return mode_ == OutputMode::JsonLines; }

  void hello();  // JSON-lines mode only (first line)
  // Throttled to a few lines per second; the last step (done == total) is always reported.
  void progress(const std::string& stage, long done, long total, const JsonObject& extra = {});
  void log(const std::string& level, const std::string& message);
  // Final output: the protocol result line, the JSON object, or the human text.
  void result(const JsonObject& json, const std::string& human_text);
  void error(const std::string& code, const std::string& message, const std::string& file = "", int line = 0,
             const std::string& field = "");

 private:
  OutputMode mode_;
  std::string command_;
  ProtocolEmitter emitter_;
  std::chrono::steady_clock::time_point last_progress_;
  bool any_progress_ = false;
};

}  // namespace mtp::cli
