// Minimal JSON for the engine protocol and `--json` reports: an object writer that produces one
// line, and a strict parser (RFC 8259 subset sufficient for validation: no duplicate-key checks).
#pragma once
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace mtp {

// Builds one JSON object in insertion order. Non-finite numbers become null (JSON has no NaN).
class JsonObject {
 public:
  JsonObject& add(const std::string& key, double value);
  JsonObject& add(const std::string& key, int value);
  JsonObject& add(const std::string& key, long value);
  JsonObject& add(const std::string& key, bool value);
  JsonObject& add(const std::string& key, const char* value);
  JsonObject& add(const std::string& key, const std::string& value);
  JsonObject& add(const std::string& key, const JsonObject& value);
  JsonObject& add(const std::string& key, const std::vector<double>& values);
  JsonObject& addNull(const std::string& key);
  // `json` must already be valid JSON text (array, object, …).
  JsonObject& addRaw(const std::string& key, const std::string& json);
  bool empty() const { return body_.empty(); }
  std::string str() const { return "{" + body_ + "}"; }

 private:
  void key(const std::string& k);
  std::string body_;
};

std::string jsonQuote(const std::string& s);
// Shortest text that reads back to the same double ("%.17g" trimmed); "null" when not finite.
std::string jsonNumber(double v);

// A parsed JSON value.
struct JsonValue {
  enum Kind { Null, Bool, Number, String, Array, Object } kind = Null;
  bool boolean = false;
  double number = 0.0;
  std::string string;
  std::vector<JsonValue> array;
  std::map<std::string, JsonValue> object;

  bool has(const std::string& k) const { return kind == Object && object.count(k) != 0; }
  const JsonValue* get(const std::string& k) const {
    if (kind != Object) return nullptr;
    auto it = object.find(k);
    return it == object.end() ? nullptr : &it->second;
  }
};

// Parses exactly one JSON value (surrounding whitespace allowed). Returns false and sets *error on
// malformed input.
bool parseJson(const std::string& text, JsonValue* out, std::string* error);

}  // namespace mtp
