// The engine's JSON-lines protocol on stdout (COMMON.md "Engine protocol"), version 1:
//   {"type":"hello","protocol":"mtp-engine","version":1,"engine":"0.1.0","command":"<sub>"}
//   {"type":"progress","stage":"...","done":N,"total":M, ...extra}
//   {"type":"log","level":"info|warn","message":"..."}
//   exactly one final {"type":"result", ...} or
//   {"type":"error","code":"...","message":"...","file":?,"line":?,"field":?}
// The emitter writes and flushes one line per message; the validator checks single lines and whole
// streams (used on the fixtures in test/fixtures/engine-protocol/).
#pragma once
#include <iosfwd>
#include <mutex>
#include <string>
#include <vector>

#include "core/json.h"

namespace mtp {

constexpr int kProtocolVersion = 1;
constexpr const char* kEngineVersion = "0.1.0";

class ProtocolEmitter {
 public:
  explicit ProtocolEmitter(std::ostream& out) : out_(out) {}
  void hello(const std::string& command);
  // `extra` fields are appended after stage/done/total.
  void progress(const std::string& stage, long done, long total, const JsonObject& extra = {});
  void log(const std::string& level, const std::string& message);
  void result(const JsonObject& fields);
  // line <= 0 / empty file or field are written as null.
  void error(const std::string& code, const std::string& message, const std::string& file = "",
             int line = 0, const std::string& field = "");

 private:
  void emit(const std::string& line);
  std::ostream& out_;
  std::mutex mutex_;  // progress may come from worker threads
};

// Checks one line against the schema; on failure returns false and the reason in *why.
bool validateProtocolLine(const std::string& line, std::string* why);
// Checks a whole stream: every line valid, the first is hello, exactly one terminal message
// (result or error) and it is the last line.
bool validateProtocolStream(const std::vector<std::string>& lines, std::string* why);

}  // namespace mtp
