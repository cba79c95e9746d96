#include "core/json.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace mtp {

std::string jsonQuote(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

std::string jsonNumber(double v) {
  if (!std::isfinite(v)) return "null";
  char buf[32];
  for (int prec = 15; prec <= 17; ++prec) {
    std::snprintf(buf, sizeof buf, "%.*g", prec, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  return buf;
}

void JsonObject::key(const std::string& k) {
  if (!body_.empty()) body_ += ",";
  body_ += jsonQuote(k) + ":";
}
JsonObject& JsonObject::add(const std::string& k, double v) { key(k); body_ += jsonNumber(v); return *this; }
JsonObject& JsonObject::add(const std::string& k, int v) { key(k); body_ += std::to_string(v); return *this; }
JsonObject& JsonObject::add(const std::string& k, long v) { key(k); body_ += std::to_string(v); return *this; }
JsonObject& JsonObject::add(const std::string& k, bool v) { key(k); body_ += v ? "true" : "false"; return *this; }
JsonObject& JsonObject::add(const std::string& k, const char* v) { key(k); body_ += jsonQuote(v); return *this; }
JsonObject& JsonObject::add(const std::string& k, const std::string& v) { key(k); body_ += jsonQuote(v); return *this; }
JsonObject& JsonObject::add(const std::string& k, const JsonObject& v) { key(k); body_ += v.str(); return *this; }
JsonObject& JsonObject::addNull(const std::string& k) { key(k); body_ += "null"; return *this; }
JsonObject& JsonObject::addRaw(const std::string& k, const std::string& json) { key(k); body_ += json; return *this; }
JsonObject& JsonObject::add(const std::string& k, const std::vector<double>& v) {
  key(k);
  body_ += "[";
  for (size_t i = 0; i < v.size(); ++i) body_ += (i ? "," : "") + jsonNumber(v[i]);
  body_ += "]";
  return *this;
}

namespace {

class Parser {
 public:
  explicit Parser(const std::string& t) : t_(t) {}
  bool parseDocument(JsonValue* v, std::string* err) {
    skip();
    if (!value(v, 0)) {
      *err = error_ + " at offset " + std::to_string(p_);
      return false;
    }
    skip();
    if (p_ != t_.size()) {
      *err = "trailing characters at offset " + std::to_string(p_);
      return false;
    }
    return true;
  }

 private:
  bool fail(const char* m) {
    error_ = m;
    return false;
  }
  void skip() {
    while (p_ < t_.size() && (t_[p_] == ' ' || t_[p_] == '\t' || t_[p_] == '\n' || t_[p_] == '\r')) ++p_;
  }
  bool literal(const char* w) {
    size_t n = 0;
    while (w[n]) ++n;
    if (t_.compare(p_, n, w) != 0) return fail("invalid literal");
    p_ += n;
    return true;
  }
  bool value(JsonValue* v, int depth) {
    if (depth > 64) return fail("nesting too deep");
    if (p_ >= t_.size()) return fail("unexpected end");
    const char c = t_[p_];
    if (c == '{') return object(v, depth);
    if (c == '[') return array(v, depth);
    if (c == '"') {
      v->kind = JsonValue::String;
      return str(&v->string);
    }
    if (c == 't') { v->kind = JsonValue::Bool; v->boolean = true; return literal("true"); }
    if (c == 'f') { v->kind = JsonValue::Bool; v->boolean = false; return literal("false"); }
    if (c == 'n') { v->kind = JsonValue::Null; return literal("null"); }
    return number(v);
  }
  bool number(JsonValue* v) {
    const size_t start = p_;
    if (p_ < t_.size() && t_[p_] == '-') ++p_;
    if (p_ >= t_.size() || !isdigit(t_[p_])) return fail("invalid number");
    if (t_[p_] == '0') ++p_;
    else while (p_ < t_.size() && isdigit(t_[p_])) ++p_;
    if (p_ < t_.size() && t_[p_] == '.') {
      ++p_;
      if (p_ >= t_.size() || !isdigit(t_[p_])) return fail("invalid number");
      while (p_ < t_.size() && isdigit(t_[p_])) ++p_;
    }
    if (p_ < t_.size() && (t_[p_] == 'e' || t_[p_] == 'E')) {
      ++p_;
      if (p_ < t_.size() && (t_[p_] == '+' || t_[p_] == '-')) ++p_;
      if (p_ >= t_.size() || !isdigit(t_[p_])) return fail("invalid number");
      while (p_ < t_.size() && isdigit(t_[p_])) ++p_;
    }
    v->kind = JsonValue::Number;
    v->number = std::strtod(t_.substr(start, p_ - start).c_str(), nullptr);
    return true;
  }
  static bool isdigit(char c) { return c >= '0' && c <= '9'; }
  bool str(std::string* out) {
    ++p_;  // opening quote
    while (p_ < t_.size()) {
      const unsigned char c = t_[p_++];
      if (c == '"') return true;
      if (c < 0x20) return fail("control character in string");
      if (c != '\\') {
        *out += static_cast<char>(c);
        continue;
      }
      if (p_ >= t_.size()) break;
      const char e = t_[p_++];
      switch (e) {
        case '"': *out += '"'; break;
        case '\\': *out += '\\'; break;
        case '/': *out += '/'; break;
        case 'b': *out += '\b'; break;
        case 'f': *out += '\f'; break;
        case 'n': *out += '\n'; break;
        case 'r': *out += '\r'; break;
        case 't': *out += '\t'; break;
        case 'u': {
          if (p_ + 4 > t_.size()) return fail("bad \\u escape");
          unsigned code = 0;
          for (int k = 0; k < 4; ++k) {
            const char h = t_[p_++];
            code <<= 4;
            if (h >= '0' && h <= '9') code |= h - '0';
            else if (h >= 'a' && h <= 'f') code |= h - 'a' + 10;
            else if (h >= 'A' && h <= 'F') code |= h - 'A' + 10;
            else return fail("bad \\u escape");
          }
          // UTF-8 encode (surrogate pairs are kept as two 3-byte sequences; enough for validation).
          if (code < 0x80) *out += static_cast<char>(code);
          else if (code < 0x800) {
            *out += static_cast<char>(0xC0 | (code >> 6));
            *out += static_cast<char>(0x80 | (code & 0x3F));
          } else {
            *out += static_cast<char>(0xE0 | (code >> 12));
            *out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            *out += static_cast<char>(0x80 | (code & 0x3F));
          }
          break;
        }
        default: return fail("bad escape");
      }
    }
    return fail("unterminated string");
  }
  bool array(JsonValue* v, int depth) {
    v->kind = JsonValue::Array;
    ++p_;
    skip();
    if (p_ < t_.size() && t_[p_] == ']') { ++p_; return true; }
    while (true) {
      skip();
      v->array.emplace_back();
      if (!value(&v->array.back(), depth + 1)) return false;
      skip();
      if (p_ < t_.size() && t_[p_] == ',') { ++p_; continue; }
      if (p_ < t_.size() && t_[p_] == ']') { ++p_; return true; }
      return fail("expected , or ] in array");
    }
  }
  bool object(JsonValue* v, int depth) {
    v->kind = JsonValue::Object;
    ++p_;
    skip();
    if (p_ < t_.size() && t_[p_] == '}') { ++p_; return true; }
    while (true) {
      skip();
      if (p_ >= t_.size() || t_[p_] != '"') return fail("expected string key");
      std::string k;
      if (!str(&k)) return false;
      skip();
      if (p_ >= t_.size() || t_[p_] != ':') return fail("expected :");
      ++p_;
      skip();
      JsonValue child;
      if (!value(&child, depth + 1)) return false;
      v->object[k] = std::move(child);
      skip();
      if (p_ < t_.size() && t_[p_] == ',') { ++p_; continue; }
      if (p_ < t_.size() && t_[p_] == '}') { ++p_; return true; }
      return fail("expected , or } in object");
    }
  }
  const std::string& t_;
  size_t p_ = 0;
  std::string error_;
};

}  // namespace

bool parseJson(const std::string& text, JsonValue* out, std::string* error) {
  *out = JsonValue();
  std::string err;
  Parser p(text);
  if (!p.parseDocument(out, &err)) {
    if (error) *error = err;
    return false;
  }
  return true;
}

}  // namespace mtp
