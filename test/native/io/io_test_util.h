// Helpers shared by the io tests: whole-file reads and a readable first difference of two texts.
#pragma once
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

#include "core/configuration.h"

namespace iotest {

inline std::string readText(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
}

inline std::string dataPath(const std::string& rel) { return std::string(MTP_SHARED_DATA) + "/" + rel; }

inline std::string withoutCR(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s)
    if (c != '\r') out += c;
  return out;
}

// "" if equal, else "line N: expected '...' got '...'".
inline std::string firstDifference(const std::string& expected, const std::string& got) {
  if (expected == got) return "";
  std::istringstream a(expected), b(got);
  std::string la, lb;
  for (int line = 1;; ++line) {
    const bool ha = static_cast<bool>(std::getline(a, la));
    const bool hb = static_cast<bool>(std::getline(b, lb));
    if (!ha && !hb) return "texts differ only in the final newline";
    if (!ha || !hb || la != lb)
      return "line " + std::to_string(line) + ": expected '" + (ha ? la.substr(0, 200) : "<eof>") + "' got '" +
             (hb ? lb.substr(0, 200) : "<eof>") + "'";
  }
}

// Bitwise equality of everything a .cfg carries.
inline bool sameConfiguration(const mtp::Configuration& a, const mtp::Configuration& b) {
  if (a.lattice != b.lattice || a.types != b.types || a.positions != b.positions) return false;
  if (a.forces != b.forces || a.site_energies != b.site_energies || a.charges != b.charges) return false;
  if (a.energy != b.energy || a.plus_stress != b.plus_stress) return false;
  if (a.features.size() != b.features.size()) return false;
  for (const auto& f : a.features) {
    const std::string* v = b.feature(f.first);
    if (v == nullptr || *v != f.second) return false;
  }
  return true;
}

}  // namespace iotest
