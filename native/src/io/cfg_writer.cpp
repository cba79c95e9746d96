#include "io/cfg_writer.h"

#include <algorithm>
#include <fstream>
#include <stdexcept>
#include <Eigen/LU>

#include "io/text_number.h"

namespace mtp {

namespace {

// Widths and precisions of MLIP's fixed (default) layout.
struct Layout {
  bool lossless;
  void real(std::string& out, double v, int width, int precision) const {
    if (lossless)
      textio::appendScientific(out, v, 16);
    else
      textio::appendFixed(out, v, width, precision);
  }
  void integer(std::string& out, long long v, int width) const { textio::appendInt(out, v, lossless ? 1 : width); }
};

// Inverse of MLIP's key escaping (see the reader): blanks in keys become \_ \t \n \r.
std::string escapeKey(const std::string& key) {
  std::string out;
  out.reserve(key.size());
  for (char c : key) {
    switch (c) {
      case ' ': out += "\\_"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
  return out;
}

void appendFeatureLines(std::string& out, const std::string& key, const std::string& value) {
  const std::string k = escapeKey(key);
  // One line per line of the value; MLIP skips empty values entirely, we write one empty line
  // so that reading the file back gives the same feature.
  size_t start = 0;
  for (;;) {
    const size_t nl = value.find('\n', start);
    out += " Feature   ";
    out += k;
    out += '\t';
    out.append(value, start, nl == std::string::npos ? std::string::npos : nl - start);
    out += '\n';
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
}

}  // namespace

void appendCfg(std::string& out, const Configuration& cfg, const CfgWriteOptions& options) {
  const size_t n = cfg.positions.size();
  if (cfg.types.size() != n) throw std::invalid_argument("writeCfg: types and positions differ in length");
  if (!cfg.forces.empty() && cfg.forces.size() != n)
    throw std::invalid_argument("writeCfg: forces and positions differ in length");
  if (!cfg.site_energies.empty() && cfg.site_energies.size() != n)
    throw std::invalid_argument("writeCfg: site energies and positions differ in length");
  if (!cfg.charges.empty() && cfg.charges.size() != n)
    throw std::invalid_argument("writeCfg: charges and positions differ in length");
  const Layout L{options.lossless};

  out += "BEGIN_CFG\n Size\n    ";
  textio::appendInt(out, static_cast<long long>(n));
  out += '\n';

  int rows = 0;  // rows up to the last non-zero one
  for (int k = 0; k < 3; ++k)
    if (cfg.lattice(k, 0) != 0.0 || cfg.lattice(k, 1) != 0.0 || cfg.lattice(k, 2) != 0.0) rows = k + 1;
  if (rows > 0) {
    out += " Supercell\n";
    for (int k = 0; k < rows; ++k) {
      out += "    ";
      L.real(out, cfg.lattice(k, 0), 13, 6);
      out += ' ';
      L.real(out, cfg.lattice(k, 1), 13, 6);
      out += ' ';
      L.real(out, cfg.lattice(k, 2), 13, 6);
      out += '\n';
    }
  }

  Mat3 toDirect = Mat3::Zero();
  if (options.direct_coordinates) {
    if (cfg.lattice.determinant() == 0.0)
      throw std::invalid_argument("writeCfg: direct coordinates need a cell with non-zero volume");
    toDirect = cfg.lattice.inverse();
  }
  out += " AtomData:  id type";
  out += options.direct_coordinates ? "       direct_x      direct_y      direct_z"
                                    : "       cartes_x      cartes_y      cartes_z";
  if (cfg.hasSiteEnergies()) out += "    site_en";
  if (cfg.hasForces()) out += "           fx          fy          fz";
  if (cfg.hasCharges()) out += "      charge";
  out += '\n';
  for (size_t i = 0; i < n; ++i) {
    out += "    ";
    L.integer(out, static_cast<long long>(i + 1), 10);
    out += ' ';
    L.integer(out, cfg.types[i], 4);
    // Fractional coordinates f = x * lattice^-1 (row vector times matrix).
    const Vec3 p = options.direct_coordinates ? Vec3(toDirect.transpose() * cfg.positions[i]) : cfg.positions[i];
    out += "  ";
    L.real(out, p[0], 13, 6);
    out += ' ';
    L.real(out, p[1], 13, 6);
    out += ' ';
    L.real(out, p[2], 13, 6);
    if (cfg.hasSiteEnergies()) {
      out += "  ";
      L.real(out, cfg.site_energies[i], 17, 12);
    }
    if (cfg.hasForces()) {
      out += "  ";
      L.real(out, cfg.forces[i][0], 11, 6);
      out += ' ';
      L.real(out, cfg.forces[i][1], 11, 6);
      out += ' ';
      L.real(out, cfg.forces[i][2], 11, 6);
    }
    if (cfg.hasCharges()) {
      out += "    ";
      L.real(out, cfg.charges[i], 8, 4);
    }
    out += '\n';
  }

  if (cfg.energy) {
    out += " Energy\n    ";
    L.real(out, *cfg.energy, 20, 12);
    out += '\n';
  }
  if (cfg.plus_stress) {
    out += " PlusStress:  xx          yy          zz          yz          xz          xy\n    ";
    for (double s : *cfg.plus_stress) {
      out += ' ';
      L.real(out, s, 11, 5);
    }
    out += '\n';
  }

  // std::map order (byte-wise by key), as MLIP stores features.
  std::vector<const std::pair<std::string, std::string>*> feats;
  feats.reserve(cfg.features.size());
  for (const auto& f : cfg.features)
    if (!f.first.empty()) feats.push_back(&f);
  std::stable_sort(feats.begin(), feats.end(), [](const auto* a, const auto* b) { return a->first < b->first; });
  for (const auto* f : feats) appendFeatureLines(out, f->first, f->second);

  out += "END_CFG\n\n";
}

void writeCfg(std::ostream& out, const Configuration& cfg, const CfgWriteOptions& options) {
  std::string s;
  appendCfg(s, cfg, options);
  out.write(s.data(), static_cast<std::streamsize>(s.size()));
}

std::string cfgToString(const Configuration& cfg, const CfgWriteOptions& options) {
  std::string s;
  appendCfg(s, cfg, options);
  return s;
}

void writeCfgFile(const std::string& path, const std::vector<Configuration>& cfgs, const CfgWriteOptions& options) {
  std::ofstream f(path, std::ios::binary);
  if (!f.is_open()) throw std::runtime_error(path + ": cannot open file for writing");
  std::string buf;
  for (const Configuration& c : cfgs) {
    appendCfg(buf, c, options);
    if (buf.size() > (1u << 20)) {
      f.write(buf.data(), static_cast<std::streamsize>(buf.size()));
      buf.clear();
    }
  }
  f.write(buf.data(), static_cast<std::streamsize>(buf.size()));
  if (!f) throw std::runtime_error(path + ": write failed");
}

}  // namespace mtp
