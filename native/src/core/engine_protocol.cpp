#include "core/engine_protocol.h"

#include <cmath>
#include <ostream>

namespace mtp {

void ProtocolEmitter::emit(const std::string& line) {
  std::lock_guard<std::mutex> lock(mutex_);
  out_ << line << '\n';
  out_.flush();
}

void ProtocolEmitter::hello(const std::string& command) {
  emit(JsonObject()
           .add("type", "hello")
           .add("protocol", "mtp-engine")
           .add("version", kProtocolVersion)
           .add("engine", kEngineVersion)
           .add("command", command)
           .str());
}

void ProtocolEmitter::progress(const std::string& stage, long done, long total, const JsonObject& extra) {
  JsonObject o;
  o.add("type", "progress").add("stage", stage).add("done", done).add("total", total);
  std::string s = o.str();
  if (!extra.empty()) s = s.substr(0, s.size() - 1) + "," + extra.str().substr(1);
  emit(s);
}

void ProtocolEmitter::log(const std::string& level, const std::string& message) {
  emit(JsonObject().add("type", "log").add("level", level).add("message", message).str());
}

void ProtocolEmitter::result(const JsonObject& fields) {
  std::string s = JsonObject().add("type", "result").str();
  if (!fields.empty()) s = s.substr(0, s.size() - 1) + "," + fields.str().substr(1);
  emit(s);
}

void ProtocolEmitter::error(const std::string& code, const std::string& message, const std::string& file,
                            int line, const std::string& field) {
  JsonObject o;
  o.add("type", "error").add("code", code).add("message", message);
  if (file.empty()) o.addNull("file"); else o.add("file", file);
  if (line <= 0) o.addNull("line"); else o.add("line", line);
  if (field.empty()) o.addNull("field"); else o.add("field", field);
  emit(o.str());
}

namespace {

bool isString(const JsonValue* v) { return v && v->kind == JsonValue::String; }
bool isNonNegInt(const JsonValue* v) {
  return v && v->kind == JsonValue::Number && v->number >= 0 && std::floor(v->number) == v->number;
}
bool bad(std::string* why, const std::string& m) {
  if (why) *why = m;
  return false;
}

}  // namespace

bool validateProtocolLine(const std::string& line, std::string* why) {
  JsonValue v;
  std::string err;
  if (!parseJson(line, &v, &err)) return bad(why, "not JSON: " + err);
  if (v.kind != JsonValue::Object) return bad(why, "not a JSON object");
  const JsonValue* type = v.get("type");
  if (!isString(type)) return bad(why, "missing string field 'type'");
  const std::string& t = type->string;
  if (t == "hello") {
    const JsonValue* p = v.get("protocol");
    if (!isString(p) || p->string != "mtp-engine") return bad(why, "hello: protocol must be \"mtp-engine\"");
    const JsonValue* ver = v.get("version");
    if (!isNonNegInt(ver) || ver->number < 1) return bad(why, "hello: version must be a positive integer");
    if (!isString(v.get("engine"))) return bad(why, "hello: missing string 'engine'");
    if (!isString(v.get("command")) || v.get("command")->string.empty())
      return bad(why, "hello: missing string 'command'");
    return true;
  }
  if (t == "progress") {
    if (!isString(v.get("stage"))) return bad(why, "progress: missing string 'stage'");
    const JsonValue* done = v.get("done");
    const JsonValue* total = v.get("total");
    if (!isNonNegInt(done)) return bad(why, "progress: 'done' must be a non-negative integer");
    if (!isNonNegInt(total)) return bad(why, "progress: 'total' must be a non-negative integer");
    if (done->number > total->number) return bad(why, "progress: done > total");
    return true;
  }
  if (t == "log") {
    const JsonValue* level = v.get("level");
    if (!isString(level) || (level->string != "info" && level->string != "warn"))
      return bad(why, "log: level must be \"info\" or \"warn\"");
    if (!isString(v.get("message"))) return bad(why, "log: missing string 'message'");
    return true;
  }
  if (t == "result") return true;
  if (t == "error") {
    if (!isString(v.get("code")) || v.get("code")->string.empty()) return bad(why, "error: missing string 'code'");
    if (!isString(v.get("message"))) return bad(why, "error: missing string 'message'");
    const JsonValue* file = v.get("file");
    if (file && file->kind != JsonValue::Null && file->kind != JsonValue::String)
      return bad(why, "error: 'file' must be a string or null");
    const JsonValue* ln = v.get("line");
    if (ln && ln->kind != JsonValue::Null && !(isNonNegInt(ln) && ln->number >= 1))
      return bad(why, "error: 'line' must be a positive integer or null");
    const JsonValue* field = v.get("field");
    if (field && field->kind != JsonValue::Null && field->kind != JsonValue::String)
      return bad(why, "error: 'field' must be a string or null");
    return true;
  }
  return bad(why, "unknown type '" + t + "'");
}

bool validateProtocolStream(const std::vector<std::string>& lines, std::string* why) {
  if (lines.empty()) return bad(why, "empty stream");
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string w;
    if (!validateProtocolLine(lines[i], &w)) return bad(why, "line " + std::to_string(i + 1) + ": " + w);
    JsonValue v;
    parseJson(lines[i], &v, nullptr);
    const std::string& t = v.get("type")->string;
    if (i == 0 && t != "hello") return bad(why, "line 1: the first message must be hello");
    if (i > 0 && t == "hello") return bad(why, "line " + std::to_string(i + 1) + ": repeated hello");
    const bool terminal = t == "result" || t == "error";
    if (terminal && i + 1 != lines.size())
      return bad(why, "line " + std::to_string(i + 1) + ": messages after the final " + t);
    if (!terminal && i + 1 == lines.size()) return bad(why, "stream does not end with result or error");
  }
  return true;
}

}  // namespace mtp
