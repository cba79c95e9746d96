#include "io/cfg_reader.h"

#include <array>
#include <cctype>
#include <cmath>

#include "core/errors.h"
#include "io/text_number.h"

namespace mtp {

namespace {

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

// Splits a line into whitespace-separated tokens; returns the count (may exceed `max`, in which
// case only the first `max` are stored).
template <size_t N>
int splitTokens(std::string_view s, std::array<std::string_view, N>& out) {
  int n = 0;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && isSpace(s[i])) ++i;
    if (i == s.size()) break;
    size_t j = i;
    while (j < s.size() && !isSpace(s[j])) ++j;
    if (n < static_cast<int>(N)) out[static_cast<size_t>(n)] = s.substr(i, j - i);
    ++n;
    i = j;
  }
  return n;
}

std::vector<std::string> splitWords(std::string_view s) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && isSpace(s[i])) ++i;
    if (i == s.size()) break;
    size_t j = i;
    while (j < s.size() && !isSpace(s[j])) ++j;
    words.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return words;
}

std::string quoted(std::string_view s) {
  constexpr size_t kMax = 40;  // keep messages readable for garbage lines
  std::string q = "'";
  q += s.size() > kMax ? std::string(s.substr(0, kMax)) + "..." : std::string(s);
  return q + "'";
}

// MLIP escapes blanks in feature keys (" " -> "\_", tab -> "\t", newline -> "\n", CR -> "\r").
std::string unescapeKey(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (size_t i = 0; i < key.size(); ++i) {
    if (key[i] == '\\' && i + 1 < key.size()) {
      const char c = key[i + 1];
      const char repl = c == '_' ? ' ' : c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : 0;
      if (repl != 0) {
        out += repl;
        ++i;
        continue;
      }
    }
    out += key[i];
  }
  return out;
}

enum class Column { Id, Type, CX, CY, CZ, DX, DY, DZ, FX, FY, FZ, SiteEn, Charge };

bool columnFromName(std::string_view name, Column& c) {
  static const std::pair<const char*, Column> kNames[] = {
      {"id", Column::Id},       {"type", Column::Type},    {"cartes_x", Column::CX},
      {"cartes_y", Column::CY}, {"cartes_z", Column::CZ},  {"direct_x", Column::DX},
      {"direct_y", Column::DY}, {"direct_z", Column::DZ},  {"fx", Column::FX},
      {"fy", Column::FY},       {"fz", Column::FZ},        {"site_en", Column::SiteEn},
      {"charge", Column::Charge}};
  for (const auto& [n, col] : kNames)
    if (name == n) {
      c = col;
      return true;
    }
  return false;
}

}  // namespace

CfgReader::CfgReader(const std::string& path) : lines_(path) {}
CfgReader::CfgReader(std::istream& in, std::string name) : lines_(in, std::move(name)) {}
CfgReader CfgReader::fromString(std::string_view text, std::string name) {
  return CfgReader(LineReader::fromString(text, std::move(name)));
}

void CfgReader::fail(const std::string& field, const std::string& message) const {
  throw InputError(lines_.name(), line(), field, message);
}

bool CfgReader::skipToToken() {
  for (;;) {
    if (have_line_) {
      while (pos_ < line_.size() && isSpace(line_[pos_])) ++pos_;
      if (pos_ < line_.size()) return true;
    }
    if (!lines_.next(line_)) {
      have_line_ = false;
      line_ = {};
      pos_ = 0;
      return false;
    }
    have_line_ = true;
    pos_ = 0;
  }
}

std::string_view CfgReader::peekToken() {
  size_t j = pos_;
  while (j < line_.size() && !isSpace(line_[j])) ++j;
  return line_.substr(pos_, j - pos_);
}

std::string_view CfgReader::takeToken() {
  const std::string_view t = peekToken();
  pos_ += t.size();
  return t;
}

std::string_view CfgReader::restOfLine() {
  const std::string_view rest = have_line_ ? line_.substr(pos_) : std::string_view();
  pos_ = line_.size();
  return rest;
}

double CfgReader::readNumber(const std::string& field, const std::string& what) {
  if (!skipToToken()) fail(field, "file ends where " + what + " was expected");
  const std::string_view tok = takeToken();
  double v = 0.0;
  switch (textio::parseDouble(tok, v)) {
    case textio::NumberStatus::Ok: return v;
    case textio::NumberStatus::NotFinite: fail(field, what + ": " + quoted(tok) + " is not a finite number");
    case textio::NumberStatus::NotANumber: break;
  }
  fail(field, what + ": " + quoted(tok) + " is not a number");
}

bool CfgReader::next(Configuration& cfg) {
  if (!skipToToken()) return false;
  const std::string_view first = takeToken();
  if (first != "BEGIN_CFG")
    fail("BEGIN_CFG", "expected BEGIN_CFG, found " + quoted(first));
  begin_line_ = line();
  cfg = Configuration();

  int size = -1;
  bool atomsRead = false, direct = false, virial = false;
  bool seenSupercell = false, seenEnergy = false, seenStress = false;
  int atomLine = 0, stressLine = 0;
  for (;;) {
    if (!skipToToken())
      fail("END_CFG", "file ends inside the configuration that starts at line " +
                          std::to_string(begin_line_) + " (END_CFG missing)");
    const std::string_view tok = takeToken();
    if (tok == "END_CFG") break;
    if (tok == "Size") {
      readSize(size);
    } else if (tok == "Supercell" || tok == "SuperCell") {
      if (seenSupercell) fail(std::string(tok), "given twice in one configuration");
      seenSupercell = true;
      readSupercell(cfg);
    } else if (tok == "AtomData:" || tok == "Atomic_data:") {
      if (atomsRead) fail("AtomData", "given twice in one configuration");
      if (size < 0) fail("AtomData", "Size must be given before AtomData");
      atomLine = line();
      readAtomData(cfg, size, direct);
      atomsRead = true;
    } else if (tok == "Energy") {
      if (seenEnergy) fail("Energy", "given twice in one configuration");
      seenEnergy = true;
      cfg.energy = readNumber("Energy", "the energy");
    } else if (tok == "PlusStress:" || tok == "Virial:" || tok == "Stress:") {
      if (seenStress) fail(std::string(tok.substr(0, tok.size() - 1)), "stress given twice in one configuration");
      seenStress = true;
      virial = tok == "Virial:";
      stressLine = line();
      readStress(cfg, tok);
    } else if (tok == "Feature") {
      readFeature(cfg);
    } else if (tok == "Features:") {
      readFeaturesLine(cfg);
    } else if (tok == "BEGIN_CFG") {
      fail("BEGIN_CFG", "new configuration starts inside the one that starts at line " +
                            std::to_string(begin_line_) + " (END_CFG missing)");
    } else {
      fail(std::string(tok), "unknown field " + quoted(tok));
    }
  }

  if (size > 0 && !atomsRead) fail("Size", "Size is " + std::to_string(size) + " but there is no AtomData");
  if (direct) {
    if (cfg.lattice.determinant() == 0.0)
      throw InputError(name(), atomLine, "AtomData",
                       "direct (fractional) coordinates need a Supercell with three non-degenerate rows");
    // x_a = sum_k f_k * lattice(k, a): fractional coordinates times lattice rows.
    for (Vec3& p : cfg.positions) {
      const Vec3 f = p;
      for (int a = 0; a < 3; ++a)
        p[a] = f[0] * cfg.lattice(0, a) + f[1] * cfg.lattice(1, a) + f[2] * cfg.lattice(2, a);
    }
  }
  if (virial) {
    const double vol = std::fabs(cfg.lattice.determinant());
    if (vol == 0.0)
      throw InputError(name(), stressLine, "Virial", "Virial needs a Supercell with non-zero volume");
    // MLIP stores Virial/|det| (a stress in eV/Å^3 units of its PlusStress field).
    const double inv = 1.0 / vol;
    for (double& s : *cfg.plus_stress) s *= inv;
  }
  ++count_;
  return true;
}

void CfgReader::readSize(int& size) {
  if (!skipToToken()) fail("Size", "file ends where the number of atoms was expected");
  const std::string_view tok = takeToken();
  int n = 0;
  if (!textio::parseInt(tok, n)) fail("Size", quoted(tok) + " is not an integer number of atoms");
  if (n < 0) fail("Size", "negative number of atoms " + std::to_string(n));
  if (size >= 0 && n != size)
    fail("Size", "Size " + std::to_string(n) + " contradicts the earlier Size " + std::to_string(size));
  size = n;
}

void CfgReader::readSupercell(Configuration& cfg) {
  // MLIP reads up to 9 numbers; a writer omits trailing all-zero rows, so 0, 3, 6 or 9 numbers.
  std::array<double, 9> v{};
  int n = 0;
  int lastLine = line();
  while (n < 9 && skipToToken()) {
    const std::string_view tok = peekToken();
    double x = 0.0;
    const auto st = textio::parseDouble(tok, x);
    if (st == textio::NumberStatus::NotANumber) break;
    if (st == textio::NumberStatus::NotFinite)
      fail("Supercell", "row " + std::to_string(n / 3 + 1) + ": " + quoted(tok) + " is not a finite number");
    takeToken();
    lastLine = line();
    v[static_cast<size_t>(n++)] = x;
  }
  if (n % 3 != 0)
    throw InputError(name(), lastLine, "Supercell",
                     "row " + std::to_string(n / 3 + 1) + " has " + std::to_string(n % 3) +
                         " number(s); each lattice row needs 3");
  for (int k = 0; k < 3; ++k)
    for (int a = 0; a < 3; ++a) cfg.lattice(k, a) = v[static_cast<size_t>(3 * k + a)];
}

void CfgReader::readAtomData(Configuration& cfg, int size, bool& direct) {
  const std::vector<std::string> names = splitWords(restOfLine());
  constexpr size_t kMaxCols = 16;
  if (names.empty()) fail("AtomData", "no column names after AtomData:");
  if (names.size() > kMaxCols) fail("AtomData", "too many columns (" + std::to_string(names.size()) + ")");
  std::vector<Column> cols;
  int seen[13] = {0};
  for (const std::string& n : names) {
    Column c;
    if (!columnFromName(n, c))
      fail("AtomData", "unknown column " + quoted(n) +
                           " (known: id type cartes_x cartes_y cartes_z direct_x direct_y direct_z fx fy fz site_en charge)");
    if (seen[static_cast<int>(c)]++) fail("AtomData", "column " + quoted(n) + " given twice");
    cols.push_back(c);
  }
  auto has = [&](Column c) { return seen[static_cast<int>(c)] > 0; };
  const int cart = has(Column::CX) + has(Column::CY) + has(Column::CZ);
  const int dir = has(Column::DX) + has(Column::DY) + has(Column::DZ);
  if (!((cart == 3 && dir == 0) || (cart == 0 && dir == 3)))
    fail("AtomData", "positions need all of cartes_x cartes_y cartes_z, or all of direct_x direct_y direct_z");
  const int frc = has(Column::FX) + has(Column::FY) + has(Column::FZ);
  if (frc != 0 && frc != 3) fail("AtomData", "forces need all three columns fx fy fz");
  direct = dir == 3;

  const size_t n = static_cast<size_t>(size);
  cfg.positions.assign(n, Vec3::Zero());
  cfg.types.assign(n, 0);
  if (frc == 3) cfg.forces.assign(n, Vec3::Zero());
  if (has(Column::SiteEn)) cfg.site_energies.assign(n, 0.0);
  if (has(Column::Charge)) cfg.charges.assign(n, 0.0);

  std::array<std::string_view, kMaxCols> tok;
  const int ncols = static_cast<int>(cols.size());
  for (int i = 0; i < size; ++i) {
    const auto rowName = [i] { return "row " + std::to_string(i + 1); };
    if (!skipToToken())
      fail("AtomData", "file ends after " + std::to_string(i) + " of " + std::to_string(size) + " atom rows");
    const std::string_view row = restOfLine();
    const int got = splitTokens(row, tok);
    if (std::isalpha(static_cast<unsigned char>(tok[0][0])))
      fail("AtomData", "expected " + std::to_string(size) + " atom rows (Size), found " + std::to_string(i) +
                           "; this line starts with " + quoted(tok[0]));
    if (got != ncols)
      fail("AtomData", rowName() + ": " + std::to_string(got) + " columns, expected " + std::to_string(ncols));
    for (int c = 0; c < ncols; ++c) {
      const std::string_view t = tok[static_cast<size_t>(c)];
      const Column col = cols[static_cast<size_t>(c)];
      if (col == Column::Id || col == Column::Type) {
        int v = 0;
        if (!textio::parseInt(t, v))
          fail("AtomData", rowName() + ", column " + quoted(names[static_cast<size_t>(c)]) + ": " + quoted(t) +
                               " is not an integer");
        if (col == Column::Id && v != i + 1)
          fail("AtomData", rowName() + ": id " + std::to_string(v) + " out of order (ids must be 1, 2, ..., " +
                               std::to_string(size) + ")");
        if (col == Column::Type) {
          if (v < 0) fail("AtomData", rowName() + ": negative type " + std::to_string(v));
          cfg.types[static_cast<size_t>(i)] = v;
        }
        continue;
      }
      double v = 0.0;
      const auto st = textio::parseDouble(t, v);
      if (st != textio::NumberStatus::Ok)
        fail("AtomData", rowName() + ", column " + quoted(names[static_cast<size_t>(c)]) + ": " + quoted(t) +
                             (st == textio::NumberStatus::NotFinite ? " is not a finite number" : " is not a number"));
      const size_t a = static_cast<size_t>(i);
      switch (col) {
        case Column::CX: case Column::DX: cfg.positions[a][0] = v; break;
        case Column::CY: case Column::DY: cfg.positions[a][1] = v; break;
        case Column::CZ: case Column::DZ: cfg.positions[a][2] = v; break;
        case Column::FX: cfg.forces[a][0] = v; break;
        case Column::FY: cfg.forces[a][1] = v; break;
        case Column::FZ: cfg.forces[a][2] = v; break;
        case Column::SiteEn: cfg.site_energies[a] = v; break;
        case Column::Charge: cfg.charges[a] = v; break;
        default: break;
      }
    }
  }
}

void CfgReader::readStress(Configuration& cfg, std::string_view keyword) {
  const std::string field(keyword.substr(0, keyword.size() - 1));
  if (keyword == "Stress:")
    fail(field,
         "the old 'Stress:' field (negative sign convention) is not accepted; write the virial as "
         "'PlusStress:' (PlusStress = -Stress, in eV)");
  const std::vector<std::string> comps = splitWords(restOfLine());
  if (comps.empty()) fail(field, "no component names (xx yy zz yz xz xy) after " + std::string(keyword));
  // Index into the symmetric 3x3 tensor; a component given twice (xy and yx) is averaged.
  struct Slot { int a, b; };
  std::vector<Slot> slots;
  double sum[3][3] = {{0}};
  int cnt[3][3] = {{0}};
  bool named[3][3] = {{false}};
  for (const std::string& c : comps) {
    int a = -1, b = -1;
    if (c.size() == 2) {
      a = c[0] - 'x';
      b = c[1] - 'x';
    }
    if (a < 0 || a > 2 || b < 0 || b > 2)
      fail(field, "unknown component " + quoted(c) + " (expected xx yy zz yz xz xy)");
    if (named[a][b]) fail(field, "component " + quoted(c) + " given twice");
    named[a][b] = true;
    if (a > b) std::swap(a, b);
    slots.push_back({a, b});
  }
  for (size_t k = 0; k < slots.size(); ++k) {
    const double v = readNumber(field, "component " + quoted(comps[k]));
    // Assign the first value (0.0 + -0.0 would lose the sign MLIP's writer prints).
    double& acc = sum[slots[k].a][slots[k].b];
    acc = cnt[slots[k].a][slots[k].b]++ == 0 ? v : acc + v;
  }
  static const char* kNames[6] = {"xx", "yy", "zz", "yz", "xz", "xy"};
  static const int kA[6] = {0, 1, 2, 1, 0, 0}, kB[6] = {0, 1, 2, 2, 2, 1};
  Stress6 s{};
  for (int k = 0; k < 6; ++k) {
    const int c = cnt[kA[k]][kB[k]];
    if (c == 0) fail(field, std::string("component '") + kNames[k] + "' missing");
    s[static_cast<size_t>(k)] = c == 1 ? sum[kA[k]][kB[k]] : 0.5 * sum[kA[k]][kB[k]];
  }
  cfg.plus_stress = s;
}

void CfgReader::readFeature(Configuration& cfg) {
  // "Feature key<sep>value": the key is one token, one separator character is skipped and the
  // rest of the line is the value (MLIP's reader); a repeated key adds a line to the value.
  while (pos_ < line_.size() && isSpace(line_[pos_])) ++pos_;
  if (pos_ >= line_.size()) fail("Feature", "Feature without a key");
  const std::string key = unescapeKey(takeToken());
  if (pos_ < line_.size()) ++pos_;
  const std::string value(restOfLine());
  for (auto& f : cfg.features)
    if (f.first == key) {
      f.second += '\n';
      f.second += value;
      return;
    }
  cfg.features.emplace_back(key, value);
}

void CfgReader::readFeaturesLine(Configuration& cfg) {
  // "Features:" key1 key2 ... (rest of the line), then one value token per key.
  std::vector<std::string> keys = splitWords(restOfLine());
  if (keys.empty()) {
    if (!skipToToken()) fail("Features", "file ends where the feature names were expected");
    keys = splitWords(restOfLine());
  }
  for (const std::string& k : keys) {
    if (!skipToToken()) fail("Features", "file ends where the value of feature " + quoted(k) + " was expected");
    const std::string_view v = takeToken();
    if (v == "END_CFG") fail("Features", "no value for feature " + quoted(k));
    cfg.setFeature(unescapeKey(k), std::string(v));
  }
}

std::vector<Configuration> readCfgFile(const std::string& path) {
  CfgReader reader(path);
  std::vector<Configuration> out;
  Configuration cfg;
  while (reader.next(cfg)) out.push_back(std::move(cfg));
  return out;
}

std::vector<Configuration> parseCfgString(std::string_view text, const std::string& name) {
  CfgReader reader = CfgReader::fromString(text, name);
  std::vector<Configuration> out;
  Configuration cfg;
  while (reader.next(cfg)) out.push_back(std::move(cfg));
  return out;
}

}  // namespace mtp
