#include "active/als_state.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/errors.h"
#include "io/cfg_reader.h"
#include "io/cfg_writer.h"
#include "io/mtp_file.h"

namespace mtp {

namespace {

constexpr const char* kMagic = "mtp-studio-als";
constexpr int kVersion = 1;

std::string number(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

// Line-oriented reader with positions for messages.
class Lines {
 public:
  Lines(const std::string& text, std::string name) : text_(text), name_(std::move(name)) {}
  bool done() const { return pos_ >= text_.size(); }
  std::string next(const std::string& field) {
    if (done()) fail(field, "unexpected end of file");
    size_t end = text_.find('\n', pos_);
    if (end == std::string::npos) end = text_.size();
    std::string line = text_.substr(pos_, end - pos_);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    pos_ = end + 1;
    ++line_;
    return line;
  }
  // "key value" → value.
  std::string keyed(const std::string& key) {
    const std::string line = next(key);
    if (line.compare(0, key.size() + 1, key + " ") != 0) fail(key, "expected '" + key + " ...', found '" + line + "'");
    return line.substr(key.size() + 1);
  }
  void expect(const std::string& word) {
    const std::string line = next(word);
    if (line != word) fail(word, "expected '" + word + "', found '" + line + "'");
  }
  double toNumber(const std::string& s, const std::string& field) {
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (end == s.c_str() || *end != '\0' || !std::isfinite(v)) fail(field, "'" + s + "' is not a finite number");
    return v;
  }
  long toInteger(const std::string& s, const std::string& field) {
    char* end = nullptr;
    const long v = std::strtol(s.c_str(), &end, 10);
    if (end == s.c_str() || *end != '\0') fail(field, "'" + s + "' is not an integer");
    return v;
  }
  size_t position() const { return pos_; }
  void skipTo(size_t pos, int lines) {
    pos_ = pos;
    line_ += lines;
  }
  int line() const { return line_; }
  [[noreturn]] void fail(const std::string& field, const std::string& message) const {
    throw InputError(name_, line_, field, message);
  }

 private:
  const std::string& text_;
  std::string name_;
  size_t pos_ = 0;
  int line_ = 0;
};

bool close(double a, double b) { return std::abs(a - b) <= 1e-14 * std::max(std::abs(a), std::abs(b)); }

// Empty if the potentials agree, else the first difference.
std::string potentialDifference(const MtpPotential& a, const MtpPotential& b) {
  if (a.species_count != b.species_count) return "species_count";
  if (a.radial_basis_type != b.radial_basis_type) return "radial_basis_type";
  if (a.radial_basis_size != b.radial_basis_size) return "radial_basis_size";
  if (!close(a.min_dist, b.min_dist) || !close(a.max_dist, b.max_dist)) return "min_dist/max_dist";
  if (!close(a.scaling, b.scaling)) return "scaling";
  if (a.basis.radial_funcs_count != b.basis.radial_funcs_count || a.basis.alpha_index_basic != b.basis.alpha_index_basic ||
      a.basis.alpha_index_times != b.basis.alpha_index_times || a.basis.alpha_moment_mapping != b.basis.alpha_moment_mapping)
    return "basis tables (level)";
  if (a.radial_coeffs.size() != b.radial_coeffs.size()) return "radial_coeffs";
  for (size_t p = 0; p < a.radial_coeffs.size(); ++p) {
    if (a.radial_coeffs[p].size() != b.radial_coeffs[p].size()) return "radial_coeffs";
    for (size_t mu = 0; mu < a.radial_coeffs[p].size(); ++mu) {
      if (a.radial_coeffs[p][mu].size() != b.radial_coeffs[p][mu].size()) return "radial_coeffs";
      for (size_t k = 0; k < a.radial_coeffs[p][mu].size(); ++k)
        if (!close(a.radial_coeffs[p][mu][k], b.radial_coeffs[p][mu][k])) return "radial_coeffs";
    }
  }
  if (a.species_coeffs.size() != b.species_coeffs.size()) return "species_coeffs";
  for (size_t k = 0; k < a.species_coeffs.size(); ++k)
    if (!close(a.species_coeffs[k], b.species_coeffs[k])) return "species_coeffs";
  if (a.moment_coeffs.size() != b.moment_coeffs.size()) return "moment_coeffs";
  for (size_t k = 0; k < a.moment_coeffs.size(); ++k)
    if (!close(a.moment_coeffs[k], b.moment_coeffs[k])) return "moment_coeffs";
  return "";
}

}  // namespace

std::string activeLearningStateToString(const ActiveSet& state) {
  std::string out = std::string(kMagic) + " " + std::to_string(kVersion) + "\n";
  std::string pot = mtpToString(state.potential());
  if (!pot.empty() && pot.back() != '\n') pot += '\n';
  long lines = 0;
  for (char ch : pot) lines += ch == '\n';
  out += "potential_lines " + std::to_string(lines) + "\n" + pot;
  const SelectionSettings& s = state.settings();
  out += "mode " + gradeModeName(s.mode) + "\n";
  out += "weighting " + rowWeightingName(s.weighting) + "\n";
  out += "init_threshold " + number(s.init_threshold) + "\n";
  out += "swap_threshold " + number(s.swap_threshold) + "\n";
  const Eigen::MatrixXd& a = state.maxvol().matrix();
  const int n = state.parameterCount();
  out += "parameters " + std::to_string(n) + "\nmatrix\n";
  for (int r = 0; r < n; ++r) {
    for (int c = 0; c < n; ++c) {
      if (c) out += ' ';
      out += number(a(r, c));
    }
    out += '\n';
  }
  out += "owners\n";
  for (const RowOwner& o : state.maxvol().owners()) out += std::to_string(o.cfg) + " " + std::to_string(o.atom) + "\n";
  out += "configurations " + std::to_string(state.configurations().size()) + "\n";
  CfgWriteOptions lossless;
  lossless.lossless = true;
  for (const Configuration& cfg : state.configurations()) appendCfg(out, cfg, lossless);
  out += "end\n";
  return out;
}

void writeActiveLearningState(const std::string& path, const ActiveSet& state) {
  const std::string text = activeLearningStateToString(state);
  // Write to a temporary file and rename, so an interrupted run never leaves half a state.
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary);
    if (!out) throw std::runtime_error("cannot write " + tmp);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + tmp);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) throw std::runtime_error("cannot rename " + tmp + " to " + path);
}

ActiveSet parseActiveLearningState(const std::string& text, const std::string& name) {
  Lines in(text, name);
  {
    const std::string head = in.next("header");
    std::istringstream hs(head);
    std::string magic;
    int version = 0;
    if (!(hs >> magic >> version) || magic != kMagic)
      in.fail("header", "not an MTP Studio active-learning state (expected '" + std::string(kMagic) + " " +
                            std::to_string(kVersion) + "')");
    if (version != kVersion)
      in.fail("header", "state format version " + std::to_string(version) + " is not supported (this engine reads " +
                            std::to_string(kVersion) + ")");
  }
  const long pot_lines = in.toInteger(in.keyed("potential_lines"), "potential_lines");
  if (pot_lines <= 0) in.fail("potential_lines", "must be positive");
  const int pot_first = in.line() + 1;
  std::string pot_text;
  for (long k = 0; k < pot_lines; ++k) pot_text += in.next("potential") + "\n";
  MtpPotential pot;
  try {
    pot = parseMtp(pot_text, name + " (embedded potential)");
  } catch (const InputError& e) {
    throw InputError(name, pot_first + std::max(0, e.line() - 1), e.field(), "embedded potential: " + e.message());
  }
  SelectionSettings s;
  try {
    s.mode = parseGradeMode(in.keyed("mode"));
  } catch (const std::invalid_argument& e) {
    in.fail("mode", e.what());
  }
  try {
    s.weighting = parseRowWeighting(in.keyed("weighting"));
  } catch (const std::invalid_argument& e) {
    in.fail("weighting", e.what());
  }
  s.init_threshold = in.toNumber(in.keyed("init_threshold"), "init_threshold");
  s.swap_threshold = in.toNumber(in.keyed("swap_threshold"), "swap_threshold");
  const long n = in.toInteger(in.keyed("parameters"), "parameters");
  if (n != pot.paramCount())
    in.fail("parameters", std::to_string(n) + " parameters, but the embedded potential has " +
                              std::to_string(pot.paramCount()));
  in.expect("matrix");
  Eigen::MatrixXd a(n, n);
  for (long r = 0; r < n; ++r) {
    std::istringstream row(in.next("matrix"));
    std::string tok;
    for (long c = 0; c < n; ++c) {
      if (!(row >> tok)) in.fail("matrix", "row " + std::to_string(r + 1) + " has fewer than " + std::to_string(n) + " numbers");
      a(r, c) = in.toNumber(tok, "matrix");
    }
    if (row >> tok) in.fail("matrix", "row " + std::to_string(r + 1) + " has more than " + std::to_string(n) + " numbers");
  }
  in.expect("owners");
  std::vector<RowOwner> owners(n);
  for (long r = 0; r < n; ++r) {
    std::istringstream row(in.next("owners"));
    long cfg = 0;
    int atom = 0;
    if (!(row >> cfg >> atom)) in.fail("owners", "expected 'cfg atom'");
    owners[r] = {cfg, atom};
  }
  const long count = in.toInteger(in.keyed("configurations"), "configurations");
  const int cfg_first = in.line() + 1;
  std::string_view rest = std::string_view(text).substr(std::min(text.size(), in.position()));
  while (!rest.empty() && (rest.back() == '\n' || rest.back() == '\r')) rest.remove_suffix(1);
  // The last line must be exactly "end" (a truncated file is refused, not half read).
  const bool has_end = rest == "end" || (rest.size() > 3 && rest.substr(rest.size() - 4) == "\nend");
  if (!has_end) in.fail("end", "missing final 'end' line (truncated file?)");
  rest.remove_suffix(3);
  std::vector<Configuration> cfgs;
  try {
    cfgs = parseCfgString(rest, name + " (configurations)");
  } catch (const InputError& e) {
    throw InputError(name, cfg_first + std::max(0, e.line() - 1), e.field(), e.message());
  }
  if (static_cast<long>(cfgs.size()) != count)
    in.fail("configurations", std::to_string(count) + " announced, " + std::to_string(cfgs.size()) + " found");
  for (long r = 0; r < n; ++r) {
    const RowOwner& o = owners[r];
    if (o.cfg < -1 || o.cfg >= count) in.fail("owners", "row " + std::to_string(r + 1) + " refers to configuration " + std::to_string(o.cfg));
    if (o.cfg >= 0 && s.mode == GradeMode::Nbh && (o.atom < 0 || o.atom >= cfgs[o.cfg].size()))
      in.fail("owners", "row " + std::to_string(r + 1) + ": atom " + std::to_string(o.atom) + " out of range");
  }
  try {
    return ActiveSet(std::move(pot), s, Maxvol(std::move(a), std::move(owners), s.init_threshold), std::move(cfgs));
  } catch (const ComputeError& e) {
    throw InputError(name, 0, "matrix", e.what());
  }
}

ActiveSet readActiveLearningState(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, 0, "", "cannot open the active-learning state");
  std::ostringstream ss;
  ss << in.rdbuf();
  return parseActiveLearningState(ss.str(), path);
}

void requireSamePotential(const ActiveSet& state, const MtpPotential& expected, const std::string& state_name) {
  const std::string diff = potentialDifference(state.potential(), expected);
  if (!diff.empty())
    throw InputError(state_name, 0, diff,
                     "this active-learning state belongs to another potential (" + diff +
                         " differs); grade with the potential it embeds, or rebuild the state from the training set");
}

}  // namespace mtp
