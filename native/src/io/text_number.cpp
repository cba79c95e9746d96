#include "io/text_number.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace mtp {
namespace textio {

NumberStatus parseDouble(std::string_view token, double& value) {
  const char* first = token.data();
  const char* last = first + token.size();
  // from_chars does not take a leading '+', printf-style writers may emit one.
  if (first != last && *first == '+') {
    ++first;
    if (first != last && (*first == '-' || *first == '+')) return NumberStatus::NotANumber;
  }
  if (first == last) return NumberStatus::NotANumber;
  double v = 0.0;
  const auto res = std::from_chars(first, last, v, std::chars_format::general);
  if (res.ec == std::errc::result_out_of_range) return NumberStatus::NotFinite;
  if (res.ec != std::errc() || res.ptr != last) return NumberStatus::NotANumber;
  if (!std::isfinite(v)) return NumberStatus::NotFinite;
  value = v;
  return NumberStatus::Ok;
}

bool parseInt(std::string_view token, int& value) {
  const char* first = token.data();
  const char* last = first + token.size();
  if (first != last && *first == '+') ++first;
  if (first == last) return false;
  int v = 0;
  const auto res = std::from_chars(first, last, v, 10);
  if (res.ec != std::errc() || res.ptr != last) return false;
  value = v;
  return true;
}

namespace {
template <typename... Args>
void appendPrintf(std::string& out, const char* fmt, Args... args) {
  char buf[64];
  int n = std::snprintf(buf, sizeof buf, fmt, args...);
  if (n < 0) return;
  if (static_cast<size_t>(n) < sizeof buf) {
    out.append(buf, static_cast<size_t>(n));
    return;
  }
  // Very wide fixed output (|v| ~ 1e300): format again into a buffer of the exact size.
  std::string big(static_cast<size_t>(n) + 1, '\0');
  std::snprintf(&big[0], big.size(), fmt, args...);
  big.resize(static_cast<size_t>(n));
  out += big;
}
}  // namespace

void appendFixed(std::string& out, double v, int width, int precision) {
  appendPrintf(out, "%*.*f", width, precision, v);
}

void appendScientific(std::string& out, double v, int precision) {
  appendPrintf(out, "%.*e", precision, v);
}

void appendGeneral(std::string& out, double v, int precision) {
  appendPrintf(out, "%.*g", precision, v);
}

void appendShortest(std::string& out, double v) {
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, res.ptr);
}

void appendInt(std::string& out, long long v, int width) {
  appendPrintf(out, "%*lld", width, v);
}

}  // namespace textio
}  // namespace mtp
