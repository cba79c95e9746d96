#include "reference/eam_files.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <istream>
#include <ostream>
#include <sstream>

#include "core/errors.h"
#include "reference/element_symbols.h"

namespace mtp {
namespace {

std::vector<std::string> splitWhitespace(const std::string& line) {
  std::vector<std::string> tokens;
  std::istringstream ss(line);
  std::string t;
  while (ss >> t) tokens.push_back(t);
  return tokens;
}

// Reads the line-structured headers and the free-format number blocks of EAM files, keeping the
// line number for error messages.
class EamFileReader {
 public:
  EamFileReader(std::istream& in, std::string name) : in_(in), name_(std::move(name)) {}

  [[noreturn]] void fail(const std::string& field, const std::string& message) const {
    throw InputError(name_, line_, field, message);
  }

  // The next physical line (may be blank), e.g. a comment line.
  std::string rawLine(const std::string& field) {
    std::string line;
    if (!std::getline(in_, line)) fail(field, "unexpected end of file");
    ++line_;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
  }

  // The tokens of the next line that has any, '#' starting a comment (as LAMMPS reads these files).
  std::vector<std::string> lineTokens(const std::string& field) {
    for (;;) {
      std::string line = rawLine(field);
      const auto hash = line.find('#');
      if (hash != std::string::npos) line.erase(hash);
      auto tokens = splitWhitespace(line);
      if (!tokens.empty()) return tokens;
    }
  }

  // n numbers starting on the next non-blank line, continuing over as many lines as needed. A block
  // must end at the end of a line (as every known writer does), so a miscounted header is caught.
  std::vector<double> numbers(int n, const std::string& field) {
    std::vector<double> out;
    out.reserve(n);
    while (static_cast<int>(out.size()) < n) {
      const auto tokens = lineTokens(field);
      if (static_cast<int>(out.size() + tokens.size()) > n)
        fail(field, "expected " + std::to_string(n) + " values, the line has " +
                        std::to_string(out.size() + tokens.size() - n) + " too many");
      for (const auto& t : tokens) out.push_back(toDouble(t, field));
    }
    return out;
  }

  double toDouble(std::string token, const std::string& field) const {
    // DYNAMO-era files sometimes use Fortran's D exponent.
    for (char& c : token)
      if (c == 'D' || c == 'd') c = 'E';
    errno = 0;
    char* end = nullptr;
    const double v = std::strtod(token.c_str(), &end);
    if (end == token.c_str() || *end != '\0' || errno == ERANGE || !std::isfinite(v))
      fail(field, "not a number: '" + token + "'");
    return v;
  }

  int toInt(const std::string& token, const std::string& field) const {
    char* end = nullptr;
    const long v = std::strtol(token.c_str(), &end, 10);
    if (end == token.c_str() || *end != '\0') fail(field, "not an integer: '" + token + "'");
    return static_cast<int>(v);
  }

 private:
  std::istream& in_;
  std::string name_;
  int line_ = 0;
};

// "Nrho drho Nr dr cutoff" line shared by every format.
template <class Grid>
void readGridLine(EamFileReader& reader, Grid& g) {
  const auto t = reader.lineTokens("Nrho drho Nr dr cutoff");
  if (t.size() < 5) reader.fail("Nrho drho Nr dr cutoff", "expected 5 values");
  g.nrho = reader.toInt(t[0], "Nrho");
  g.drho = reader.toDouble(t[1], "drho");
  g.nr = reader.toInt(t[2], "Nr");
  g.dr = reader.toDouble(t[3], "dr");
  g.cutoff = reader.toDouble(t[4], "cutoff");
  // The LAMMPS spline stencil needs 5 points.
  if (g.nrho < 5) reader.fail("Nrho", "must be at least 5");
  if (g.nr < 5) reader.fail("Nr", "must be at least 5");
  if (!(g.drho > 0.0)) reader.fail("drho", "must be positive");
  if (!(g.dr > 0.0)) reader.fail("dr", "must be positive");
  if (!(g.cutoff > 0.0)) reader.fail("cutoff", "must be positive");
}

// "Z mass [a0 lattice]".
EamElement readElementLine(EamFileReader& reader, const std::string& name) {
  const std::string field = "element line (Z mass a0 lattice) of " + name;
  const auto t = reader.lineTokens(field);
  if (t.size() < 2) reader.fail(field, "expected at least atomic number and mass");
  EamElement e;
  e.name = name;
  e.atomic_number = static_cast<int>(std::lround(reader.toDouble(t[0], "atomic number")));
  e.mass = reader.toDouble(t[1], "mass");
  if (t.size() >= 3) e.lattice_constant = reader.toDouble(t[2], "lattice constant");
  if (t.size() >= 4) e.lattice = t[3];
  return e;
}

EamTables parseAlloy(std::istream& in, const std::string& name, bool finnis_sinclair) {
  EamFileReader reader(in, name);
  for (int k = 0; k < 3; ++k) reader.rawLine("comment line");
  const auto head = reader.lineTokens("element count and names");
  const int n = reader.toInt(head[0], "element count");
  if (n < 1) reader.fail("element count", "must be at least 1");
  if (static_cast<int>(head.size()) != n + 1)
    reader.fail("element names", "expected " + std::to_string(n) + " names after the count");

  EamTables t;
  t.format = finnis_sinclair ? "fs" : "setfl";
  readGridLine(reader, t);
  t.rho_max = (t.nrho - 1) * t.drho;
  t.embedding.resize(n);
  t.density.assign(n, std::vector<std::vector<double>>(n));
  t.r_phi.assign(n, std::vector<std::vector<double>>(n));
  for (int a = 0; a < n; ++a) {
    t.elements.push_back(readElementLine(reader, head[a + 1]));
    t.embedding[a] = reader.numbers(t.nrho, "F(rho) of " + head[a + 1]);
    if (finnis_sinclair) {
      for (int h = 0; h < n; ++h)
        t.density[a][h] = reader.numbers(t.nr, "density of " + head[a + 1] + " at " + head[h + 1]);
    } else {
      const auto f = reader.numbers(t.nr, "density of " + head[a + 1]);
      for (int h = 0; h < n; ++h) t.density[a][h] = f;
    }
  }
  for (int a = 0; a < n; ++a)
    for (int b = 0; b <= a; ++b) {
      t.r_phi[a][b] = reader.numbers(t.nr, "r*phi of " + head[a + 1] + "-" + head[b + 1]);
      t.r_phi[b][a] = t.r_phi[a][b];
    }
  return t;
}

std::ifstream openOrThrow(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(path, 0, "", "cannot open EAM potential file");
  return in;
}

bool endsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

EamTables parseSetfl(std::istream& in, const std::string& name) { return parseAlloy(in, name, false); }

EamTables parseFinnisSinclair(std::istream& in, const std::string& name) {
  return parseAlloy(in, name, true);
}

EamTables readSetfl(const std::string& path) {
  auto in = openOrThrow(path);
  return parseSetfl(in, path);
}

EamTables readFinnisSinclair(const std::string& path) {
  auto in = openOrThrow(path);
  return parseFinnisSinclair(in, path);
}

FuncflFile parseFuncfl(std::istream& in, const std::string& name) {
  EamFileReader reader(in, name);
  FuncflFile f;
  f.path = name;
  reader.rawLine("comment line");
  f.element = readElementLine(reader, "");
  f.element.name = elementSymbol(f.element.atomic_number);
  readGridLine(reader, f);
  f.embedding = reader.numbers(f.nrho, "F(rho)");
  f.charge = reader.numbers(f.nr, "Z(r)");
  f.density = reader.numbers(f.nr, "density");
  return f;
}

FuncflFile readFuncfl(const std::string& path) {
  auto in = openOrThrow(path);
  return parseFuncfl(in, path);
}

EamTables readEamPotentials(const std::vector<std::string>& paths) {
  if (paths.empty()) throw InputError("", 0, "potential", "no EAM potential file given");
  const std::string& first = paths.front();
  const bool fs = endsWith(first, ".fs");
  const bool setfl = endsWith(first, ".alloy") || endsWith(first, ".set") || endsWith(first, ".setfl");
  if (fs || setfl) {
    if (paths.size() != 1)
      throw InputError(paths[1], 0, "potential",
                       "a setfl or Finnis-Sinclair file already defines every element; give it alone");
    return fs ? readFinnisSinclair(first) : readSetfl(first);
  }
  std::vector<FuncflFile> files;
  for (const auto& p : paths) {
    if (!endsWith(p, ".eam"))
      throw InputError(p, 0, "potential",
                       "unknown EAM file kind (expected .eam.alloy, .eam.fs or funcfl .eam)");
    files.push_back(readFuncfl(p));
  }
  return combineFuncfl(files);
}

void writeSetfl(const EamTables& t, std::ostream& out, const std::vector<std::string>& comments) {
  const int n = t.elementCount();
  for (int a = 0; a < n; ++a)
    for (int h = 1; h < n; ++h)
      if (t.density[a][h] != t.density[a][0])
        throw std::invalid_argument("writeSetfl: density depends on the host element (use .eam.fs)");
  char buf[64];
  for (int k = 0; k < 3; ++k) out << (k < static_cast<int>(comments.size()) ? comments[k] : "") << "\n";
  out << n;
  for (const auto& e : t.elements) out << " " << e.name;
  out << "\n";
  std::snprintf(buf, sizeof buf, "%5d %24.16E", t.nrho, t.drho);
  out << buf;
  std::snprintf(buf, sizeof buf, " %5d %24.16E %24.16E\n", t.nr, t.dr, t.cutoff);
  out << buf;
  auto block = [&](const std::vector<double>& v) {
    for (size_t k = 0; k < v.size(); ++k) {
      std::snprintf(buf, sizeof buf, " %24.16E", v[k]);
      out << buf << ((k % 5 == 4 || k + 1 == v.size()) ? "\n" : "");
    }
  };
  for (int a = 0; a < n; ++a) {
    const auto& e = t.elements[a];
    std::snprintf(buf, sizeof buf, "%5d %.10g %.10g ", e.atomic_number, e.mass, e.lattice_constant);
    out << buf << (e.lattice.empty() ? "fcc" : e.lattice) << "\n";
    block(t.embedding[a]);
    block(t.density[a][0]);
  }
  for (int a = 0; a < n; ++a)
    for (int b = 0; b <= a; ++b) block(t.r_phi[a][b]);
}

}  // namespace mtp
