#include "reference/zhou2004.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "core/errors.h"

namespace mtp {
namespace {

// g(r) = C·exp(−k·(r/re − 1)) / (1 + (r/re − s)^20) and dg/dr.
void screenedExponential(double C, double k, double s, double re, double r, double& g, double& dg) {
  const double u = r / re - s;
  const double u19 = std::pow(u, 19);
  const double denom = 1.0 + u19 * u;
  g = C * std::exp(-k * (r / re - 1.0)) / denom;
  dg = g * (-k / re - 20.0 * u19 / (re * denom));
}

}  // namespace

std::vector<ZhouElement> parseZhouTable(std::istream& in, const std::string& name) {
  std::string line;
  int line_no = 0;
  std::vector<std::string> header;
  while (header.empty() && std::getline(in, line)) {
    ++line_no;
    std::istringstream ss(line);
    std::string t;
    while (ss >> t) header.push_back(t);
  }
  if (header.empty()) throw InputError(name, line_no, "header", "empty parameter table");
  std::map<std::string, int> column;
  for (size_t c = 0; c < header.size(); ++c) {
    // The symbol column is spelled "element" or "Element"; parameter names are case-sensitive (A, a).
    if (header[c] == "element") header[c] = "Element";
    column[header[c]] = static_cast<int>(c);
  }
  const char* required[] = {"Element", "re", "fe", "rhoe", "rhos", "alpha", "beta", "A", "B",
                            "kappa", "lambda", "Fi0", "Fi1", "Fi2", "Fi3", "Fm0", "Fm1", "Fm2",
                            "Fm3", "eta", "Fe", "Z", "mass", "Fm4", "beta1", "lambda1", "rhol", "rhoh"};
  for (const char* key : required)
    if (!column.count(key)) throw InputError(name, 1, key, "column missing from the header");

  std::vector<ZhouElement> rows;
  while (std::getline(in, line)) {
    ++line_no;
    std::vector<std::string> cells;
    std::istringstream ss(line);
    std::string t;
    while (ss >> t) cells.push_back(t);
    if (cells.empty()) continue;
    if (cells.size() != header.size())
      throw InputError(name, line_no, "", "expected " + std::to_string(header.size()) + " columns");
    auto num = [&](const char* key) {
      const std::string& s = cells[column.at(key)];
      char* end = nullptr;
      const double v = std::strtod(s.c_str(), &end);
      if (end == s.c_str() || *end != '\0' || !std::isfinite(v))
        throw InputError(name, line_no, key, "not a number: '" + s + "'");
      return v;
    };
    ZhouElement e;
    e.name = cells[column.at("Element")];
    e.re = num("re");
    e.fe = num("fe");
    e.rhoe = num("rhoe");
    e.rhos = num("rhos");
    e.alpha = num("alpha");
    e.beta = num("beta");
    e.A = num("A");
    e.B = num("B");
    e.kappa = num("kappa");
    e.lambda = num("lambda");
    e.Fi = {num("Fi0"), num("Fi1"), num("Fi2"), num("Fi3")};
    e.Fm = {num("Fm0"), num("Fm1"), num("Fm2"), num("Fm3")};
    e.eta = num("eta");
    e.Fe = num("Fe");
    e.Z = static_cast<int>(std::lround(num("Z")));
    e.mass = num("mass");
    e.Fm4 = num("Fm4");
    e.beta1 = num("beta1");
    e.lambda1 = num("lambda1");
    e.rhol = num("rhol");
    e.rhoh = num("rhoh");
    if (!(e.re > 0) || !(e.rhoe > 0) || !(e.rhos > 0) || !(e.fe > 0))
      throw InputError(name, line_no, "re/fe/rhoe/rhos", "must be positive");
    rows.push_back(e);
  }
  return rows;
}

std::vector<ZhouElement> readZhouTable(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(path, 0, "", "cannot open Zhou 2004 parameter table");
  return parseZhouTable(in, path);
}

std::vector<ZhouElement> selectZhouElements(const std::vector<std::string>& symbols,
                                            const std::vector<ZhouElement>& table) {
  if (symbols.empty()) throw InputError("", 0, "elements", "no element given");
  std::vector<ZhouElement> out;
  for (const auto& s : symbols) {
    auto it = std::find_if(table.begin(), table.end(), [&](const ZhouElement& e) { return e.name == s; });
    if (it == table.end()) {
      std::string known;
      for (const auto& e : table) known += (known.empty() ? "" : ",") + e.name;
      throw InputError("", 0, "elements",
                       "no Zhou 2004 parameters for '" + s + "' (available: " + known + ")");
    }
    for (const auto& o : out)
      if (o.name == s) throw InputError("", 0, "elements", "element '" + s + "' given twice");
    out.push_back(*it);
  }
  return out;
}

ZhouAlloy::ZhouAlloy(std::vector<ZhouElement> elements) : elements_(std::move(elements)) {
  if (elements_.empty()) throw std::invalid_argument("ZhouAlloy: no elements");
  // rc = √10/2·√2·re = √5·re is exactly the 5th fcc neighbour distance of the largest element at
  // its equilibrium lattice constant, so the last bit of rc decides whether those 24 neighbours
  // interact (≈1e-5 eV/atom). We therefore compute rc as the LAMMPS tool does, in single precision,
  // so that equilibrium crystals see the same neighbours as with the files that tool writes.
  float lattice_max = 0.0f;
  for (const auto& e : elements_)
    lattice_max = std::max(lattice_max, std::sqrt(2.0f) * static_cast<float>(e.re));
  const float rc = std::sqrt(10.0f) / 2.0f * lattice_max;
  cutoff_ = rc;
}

void ZhouAlloy::density(int a, double r, double& f, double& df) const {
  const auto& e = elements_[a];
  screenedExponential(e.fe, e.beta1, e.lambda1, e.re, r, f, df);
}

void ZhouAlloy::samePair(int a, double r, double& phi, double& dphi) const {
  const auto& e = elements_[a];
  double g1, dg1, g2, dg2;
  screenedExponential(e.A, e.alpha, e.kappa, e.re, r, g1, dg1);
  screenedExponential(e.B, e.beta, e.lambda, e.re, r, g2, dg2);
  phi = g1 - g2;
  dphi = dg1 - dg2;
}

void ZhouAlloy::pair(int a, int b, double r, double& phi, double& dphi) const {
  if (a == b) {
    samePair(a, r, phi, dphi);
    return;
  }
  double pa, dpa, pb, dpb, fa, dfa, fb, dfb;
  samePair(a, r, pa, dpa);
  samePair(b, r, pb, dpb);
  density(a, r, fa, dfa);
  density(b, r, fb, dfb);
  // φ_ab = ½(q·φ_aa + φ_bb/q), q = f_b/f_a, dq/dr = (f_b' f_a − f_b f_a')/f_a².
  const double q = fb / fa;
  const double dq = (dfb * fa - fb * dfa) / (fa * fa);
  phi = 0.5 * (q * pa + pb / q);
  dphi = 0.5 * (dq * pa + q * dpa + dpb / q - pb * dq / (q * q));
}

void ZhouAlloy::embedding(int a, double rho, double& F, double& dF) const {
  const auto& e = elements_[a];
  const double rho_in = e.rhol * e.rhoe;
  const double rho_out = e.rhoh * e.rhoe;
  if (rho < rho_in) {
    const double y = rho / rho_in - 1.0;
    F = e.Fi[0] + y * (e.Fi[1] + y * (e.Fi[2] + y * e.Fi[3]));
    dF = (e.Fi[1] + y * (2.0 * e.Fi[2] + y * 3.0 * e.Fi[3])) / rho_in;
  } else if (rho < rho_out) {
    const double y = rho / e.rhoe - 1.0;
    const double c3 = rho < e.rhoe ? e.Fm[3] : e.Fm4;
    F = e.Fm[0] + y * (e.Fm[1] + y * (e.Fm[2] + y * c3));
    dF = (e.Fm[1] + y * (2.0 * e.Fm[2] + y * 3.0 * c3)) / e.rhoe;
  } else {
    // F = Fe·(1 − η·ln s)·s^η with s = ρ/rhos; dF/dρ = −Fe·η²·ln(s)·s^η/ρ.
    const double s = rho / e.rhos;
    const double ln_s = std::log(s);
    const double s_eta = std::pow(s, e.eta);
    F = e.Fe * (1.0 - e.eta * ln_s) * s_eta;
    dF = -e.Fe * e.eta * e.eta * ln_s * s_eta / rho;
  }
}

EamTables ZhouAlloy::tabulate() const {
  const int n = static_cast<int>(elements_.size());
  EamTables t;
  t.format = "setfl";
  t.nr = 2000;
  t.nrho = 2000;
  t.cutoff = cutoff_;
  // Grid spacings as the tool computes them (single precision), so our grid nodes coincide with the
  // ones of its files; the tabulated values themselves are computed in double precision.
  t.dr = static_cast<float>(cutoff_) / (t.nr - 1.0f);
  const double r_min = 0.5;  // Å; shorter distances are tabulated with the value at 0.5 Å

  double rhoe_max = 0.0, f_max = -1.0;
  t.density.assign(n, std::vector<std::vector<double>>(n));
  t.r_phi.assign(n, std::vector<std::vector<double>>(n));
  for (int a = 0; a < n; ++a) {
    const auto& e = elements_[a];
    rhoe_max = std::max(rhoe_max, e.rhoe);
    t.elements.push_back({e.name, e.Z, e.mass, std::sqrt(2.0) * e.re, "fcc"});
    std::vector<double> f(t.nr);
    for (int k = 0; k < t.nr; ++k) {
      double d;
      density(a, std::max(k * t.dr, r_min), f[k], d);
      f_max = std::max(f_max, f[k]);
    }
    for (int h = 0; h < n; ++h) t.density[a][h] = f;
  }
  for (int a = 0; a < n; ++a)
    for (int b = 0; b <= a; ++b) {
      std::vector<double> z(t.nr);
      for (int k = 0; k < t.nr; ++k) {
        const double r = std::max(k * t.dr, r_min);
        double phi, d;
        pair(a, b, r, phi, d);
        z[k] = r * phi;
      }
      t.r_phi[a][b] = z;
      t.r_phi[b][a] = z;
    }

  const float rho_top = std::max({static_cast<float>(f_max), 2.0f * static_cast<float>(rhoe_max), 100.0f});
  t.drho = rho_top / (t.nrho - 1.0f);
  t.rho_max = (t.nrho - 1) * t.drho;
  t.embedding.assign(n, std::vector<double>(t.nrho));
  for (int a = 0; a < n; ++a)
    for (int k = 0; k < t.nrho; ++k) {
      double d;
      embedding(a, k * t.drho, t.embedding[a][k], d);
    }
  return t;
}

}  // namespace mtp
