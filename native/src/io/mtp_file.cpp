#include "io/mtp_file.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

#include "core/errors.h"
#include "io/text_number.h"

namespace mtp {

namespace {

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; }
bool isDelimiter(char c) { return c == '{' || c == '}' || c == ','; }

std::string quoted(std::string_view s) {
  constexpr size_t kMax = 40;
  return "'" + (s.size() > kMax ? std::string(s.substr(0, kMax)) + "..." : std::string(s)) + "'";
}

void appendNumber(std::string& out, double v, MtpNumberFormat f) {
  switch (f) {
    case MtpNumberFormat::Scientific15: textio::appendScientific(out, v, 15); return;
    case MtpNumberFormat::Scientific16: textio::appendScientific(out, v, 16); return;
    case MtpNumberFormat::General16: textio::appendGeneral(out, v, 16); return;
    case MtpNumberFormat::Shortest: textio::appendShortest(out, v); return;
  }
}

// The first format that spells every value exactly as the file did; otherwise the lossless one,
// so that what we write still reads back to the same doubles.
MtpNumberFormat detectFormat(const std::vector<std::string_view>& texts, const std::vector<double>& values) {
  static const MtpNumberFormat kOrder[] = {MtpNumberFormat::Scientific15, MtpNumberFormat::Scientific16,
                                           MtpNumberFormat::General16, MtpNumberFormat::Shortest};
  std::string buf;
  for (MtpNumberFormat f : kOrder) {
    bool all = true;
    for (size_t i = 0; i < texts.size() && all; ++i) {
      buf.clear();
      appendNumber(buf, values[i], f);
      all = buf == texts[i];
    }
    if (all) return f;
  }
  return MtpNumberFormat::Scientific16;
}

// Standard indentation of keyword lines in MLIP's writer: the radial-basis block is tab-indented.
const char* standardIndent(const std::string& key) {
  if (key == "min_dist" || key == "max_dist" || key == "radial_basis_size" || key == "radial_funcs_count" ||
      key == "radial_coeffs")
    return "\t";
  return "";
}

// Token scanner over the whole text: words are maximal runs of non-blank characters other than
// '{' '}' ','; each of those three is a token of its own. Tracks 1-based line numbers.
class Scanner {
 public:
  Scanner(std::string_view text, std::string name, size_t start, int line)
      : text_(text), name_(std::move(name)), pos_(start), line_(line) {}

  [[noreturn]] void fail(const std::string& field, const std::string& msg) const {
    throw InputError(name_, line_, field, msg);
  }
  int line() const { return line_; }
  bool atEnd() {
    skipSpace();
    return pos_ >= text_.size();
  }
  char peekChar() {
    skipSpace();
    return pos_ < text_.size() ? text_[pos_] : '\0';
  }
  // Whitespace between the start of the current line and the next token, or "?" if the token is
  // not the first thing on its line.
  std::string indent() {
    skipSpace();
    size_t b = pos_;
    while (b > 0 && text_[b - 1] != '\n') --b;
    for (size_t i = b; i < pos_; ++i)
      if (!isSpace(text_[i])) return "?";
    return std::string(text_.substr(b, pos_ - b));
  }
  std::string_view word(const std::string& field, const char* what) {
    if (atEnd()) fail(field, std::string("file ends where ") + what + " was expected");
    size_t j = pos_;
    if (isDelimiter(text_[j])) {
      ++j;
    } else {
      while (j < text_.size() && !isSpace(text_[j]) && !isDelimiter(text_[j])) ++j;
    }
    const std::string_view w = text_.substr(pos_, j - pos_);
    pos_ = j;
    return w;
  }
  void expect(std::string_view token, const std::string& field) {
    const std::string_view w = word(field, ("'" + std::string(token) + "'").c_str());
    if (w != token) fail(field, "expected '" + std::string(token) + "', found " + quoted(w));
  }
  // The rest of the current line (without CR), positioned at its end.
  std::string_view restOfLine() {
    size_t j = pos_;
    while (j < text_.size() && text_[j] != '\n') ++j;
    size_t e = j;
    if (e > pos_ && text_[e - 1] == '\r') --e;
    const std::string_view r = text_.substr(pos_, e - pos_);
    pos_ = j;
    return r;
  }
  size_t position() const { return pos_; }

 private:
  void skipSpace() {
    while (pos_ < text_.size() && isSpace(text_[pos_])) {
      if (text_[pos_] == '\n') ++line_;
      ++pos_;
    }
  }
  std::string_view text_;
  std::string name_;
  size_t pos_;
  int line_;
};

class MtpParser {
 public:
  MtpParser(std::string_view text, const std::string& name) : text_(text), name_(name) {}
  MtpPotential parse();

 private:
  // "key = value" where `key` was just read; returns the value token.
  std::string_view value(Scanner& s, const std::string& key) {
    s.expect("=", key);
    return s.word(key, "a value");
  }
  int intValue(Scanner& s, const std::string& key, int minimum) {
    const std::string_view w = value(s, key);
    int v = 0;
    if (!textio::parseInt(w, v)) s.fail(key, quoted(w) + " is not an integer");
    if (v < minimum) s.fail(key, "must be at least " + std::to_string(minimum) + ", found " + std::to_string(v));
    return v;
  }
  double number(Scanner& s, const std::string& key, std::string_view w) {
    double v = 0.0;
    const auto st = textio::parseDouble(w, v);
    if (st == textio::NumberStatus::NotANumber) s.fail(key, quoted(w) + " is not a number");
    if (st == textio::NumberStatus::NotFinite) s.fail(key, quoted(w) + " is not a finite number");
    return v;
  }
  // "{x, y, ...}" with exactly `count` numbers (count < 0: any number).
  std::vector<double> numberList(Scanner& s, const std::string& key, int count, std::vector<std::string_view>& texts);
  // "{{a, b, c, d}, ...}" with exactly `count` quadruples.
  std::vector<std::array<int, 4>> quadList(Scanner& s, const std::string& key, int count);
  std::vector<int> intList(Scanner& s, const std::string& key, int count);
  // Reads the next keyword and records its indentation if it is not MLIP's. An inner `scaling`
  // (old layout) is folded into the top-level one and never written, so its indentation is not.
  std::string_view keyword(Scanner& s, const std::string& context, MtpTextStyle& style, bool radialBlock = false) {
    const std::string ind = s.indent();
    const std::string_view k = s.word(context, "a keyword");
    const std::string key(k);
    if (radialBlock && key == "scaling") return k;
    if (ind != "?" && ind != standardIndent(key)) style.indent_overrides[key] = ind;
    return k;
  }

  std::string_view text_;
  std::string name_;
};

std::vector<double> MtpParser::numberList(Scanner& s, const std::string& key, int count,
                                          std::vector<std::string_view>& texts) {
  s.expect("{", key);
  std::vector<double> out;
  if (s.peekChar() == '}') {
    s.word(key, "'}'");
  } else {
    for (;;) {
      const std::string_view w = s.word(key, "a number");
      out.push_back(number(s, key, w));
      texts.push_back(w);
      const std::string_view sep = s.word(key, "',' or '}'");
      if (sep == "}") break;
      if (sep != ",") s.fail(key, "expected ',' or '}' after a number, found " + quoted(sep));
    }
  }
  if (count >= 0 && static_cast<int>(out.size()) != count)
    s.fail(key, std::to_string(out.size()) + " numbers in {...}, expected " + std::to_string(count));
  return out;
}

std::vector<std::array<int, 4>> MtpParser::quadList(Scanner& s, const std::string& key, int count) {
  s.expect("{", key);
  std::vector<std::array<int, 4>> out;
  if (s.peekChar() == '}') {
    s.word(key, "'}'");
  } else {
    for (;;) {
      s.expect("{", key);
      std::array<int, 4> q{};
      for (int c = 0; c < 4; ++c) {
        const std::string_view w = s.word(key, "an integer");
        if (!textio::parseInt(w, q[static_cast<size_t>(c)]))
          s.fail(key, "entry " + std::to_string(out.size() + 1) + ": " + quoted(w) + " is not an integer");
        const std::string_view sep = s.word(key, c < 3 ? "','" : "'}'");
        if (sep != (c < 3 ? "," : "}"))
          s.fail(key, "entry " + std::to_string(out.size() + 1) + ": expected 4 integers {a, b, c, d}, found " +
                          quoted(sep));
      }
      out.push_back(q);
      const std::string_view sep = s.word(key, "',' or '}'");
      if (sep == "}") break;
      if (sep != ",") s.fail(key, "expected ',' or '}' after an entry, found " + quoted(sep));
    }
  }
  if (static_cast<int>(out.size()) != count)
    s.fail(key, std::to_string(out.size()) + " entries, but the count says " + std::to_string(count));
  return out;
}

std::vector<int> MtpParser::intList(Scanner& s, const std::string& key, int count) {
  std::vector<std::string_view> texts;
  const std::vector<double> v = numberList(s, key, -1, texts);
  std::vector<int> out;
  for (const std::string_view t : texts) {
    int x = 0;
    if (!textio::parseInt(t, x)) s.fail(key, quoted(t) + " is not an integer");
    out.push_back(x);
  }
  if (static_cast<int>(out.size()) != count)
    s.fail(key, std::to_string(out.size()) + " entries, but alpha_scalar_moments says " + std::to_string(count));
  return out;
}

MtpPotential MtpParser::parse() {
  MtpPotential pot;
  MtpTextStyle& style = pot.text_style;
  style = MtpTextStyle();

  // Lines 1-2 must be exactly "MTP" and "version = 1.1.0" (a trailing CR is tolerated).
  size_t pos = 0;
  auto headerLine = [&](int lineNo, const char* expected, const char* field) {
    size_t e = text_.find('\n', pos);
    const bool found = e != std::string_view::npos;
    std::string_view l = text_.substr(pos, found ? e - pos : std::string_view::npos);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    if (l != expected)
      throw InputError(name_, lineNo, field,
                       std::string("line ") + std::to_string(lineNo) + " must be '" + expected + "', found " + quoted(l));
    pos = found ? e + 1 : text_.size();
  };
  headerLine(1, "MTP", "MTP");
  headerLine(2, "version = 1.1.0", "version");
  Scanner s(text_, name_, pos, 3);

  std::string_view k = keyword(s, "species_count", style);
  if (k == "potential_name") {
    pot.potential_name = std::string(value(s, "potential_name"));
    pot.has_potential_name = true;
    k = keyword(s, "species_count", style);
  } else {
    pot.has_potential_name = false;
  }
  bool topScaling = false;
  std::string_view scalingText;
  if (k == "scaling") {
    scalingText = value(s, "scaling");
    pot.scaling = number(s, "scaling", scalingText);
    topScaling = true;
    k = keyword(s, "species_count", style);
  }
  if (k != "species_count") s.fail("species_count", "expected 'species_count', found " + quoted(k));
  pot.species_count = intValue(s, "species_count", 1);

  k = keyword(s, "radial_basis_type", style);
  pot.has_potential_tag = false;
  if (k == "potential_tag") {
    std::string_view rest = s.restOfLine();
    size_t i = 0;
    while (i < rest.size() && (rest[i] == ' ' || rest[i] == '\t')) ++i;
    if (i >= rest.size() || rest[i] != '=') s.fail("potential_tag", "expected '=' after potential_tag");
    rest.remove_prefix(i + 1);
    size_t j = 0;
    while (j < rest.size() && (rest[j] == ' ' || rest[j] == '\t')) ++j;
    style.potential_tag_separator = std::string(rest.substr(0, j));
    pot.potential_tag = std::string(rest.substr(j));
    pot.has_potential_tag = true;
    k = keyword(s, "radial_basis_type", style);
  }
  if (k != "radial_basis_type") s.fail("radial_basis_type", "expected 'radial_basis_type', found " + quoted(k));
  const std::string_view rbt = value(s, "radial_basis_type");
  if (rbt == "RBChebyshev")
    pot.radial_basis_type = RadialBasisType::Chebyshev;
  else if (rbt == "RBChebyshev_repuls")
    pot.radial_basis_type = RadialBasisType::ChebyshevRepulsive;
  else
    s.fail("radial_basis_type", "unsupported radial basis " + quoted(rbt) + " (supported: RBChebyshev, RBChebyshev_repuls)");

  k = keyword(s, "min_dist", style, true);
  bool innerScaling = false;
  if (k == "scaling") {
    // An older layout: scaling inside the radial block; MLIP multiplies it into the top-level one.
    const std::string_view w = value(s, "scaling");
    pot.scaling *= number(s, "scaling", w);
    innerScaling = true;
    k = keyword(s, "min_dist", style, true);
  }
  if (k != "min_dist") s.fail("min_dist", "expected 'min_dist', found " + quoted(k));
  const std::string_view minText = value(s, "min_dist");
  pot.min_dist = number(s, "min_dist", minText);
  k = keyword(s, "max_dist", style);
  if (k != "max_dist") s.fail("max_dist", "expected 'max_dist', found " + quoted(k));
  const std::string_view maxText = value(s, "max_dist");
  pot.max_dist = number(s, "max_dist", maxText);
  if (!(pot.min_dist >= 0.0 && pot.min_dist < pot.max_dist))
    s.fail("max_dist", "need 0 <= min_dist < max_dist");
  style.dists = detectFormat({minText, maxText}, {pot.min_dist, pot.max_dist});
  if (topScaling) style.scaling = detectFormat({scalingText}, {pot.scaling});
  // A product of two scalings matches no text: write it losslessly.
  if (innerScaling) style.scaling = MtpNumberFormat::Scientific16;

  k = keyword(s, "radial_basis_size", style);
  if (k != "radial_basis_size") s.fail("radial_basis_size", "expected 'radial_basis_size', found " + quoted(k));
  pot.radial_basis_size = intValue(s, "radial_basis_size", 1);
  k = keyword(s, "radial_funcs_count", style);
  if (k != "radial_funcs_count") s.fail("radial_funcs_count", "expected 'radial_funcs_count', found " + quoted(k));
  pot.basis.radial_funcs_count = intValue(s, "radial_funcs_count", 1);

  const int C = pot.species_count, K = pot.basis.radial_funcs_count, R = pot.radial_basis_size;
  k = keyword(s, "alpha_moments_count", style);
  if (k == "radial_coeffs") {
    std::vector<std::string_view> texts;
    std::vector<double> all;
    pot.radial_coeffs.assign(static_cast<size_t>(C * C), {});
    for (int a = 0; a < C; ++a)
      for (int b = 0; b < C; ++b) {
        const std::string label = std::to_string(a) + "-" + std::to_string(b);
        const std::string_view w = s.word("radial_coeffs", ("pair label '" + label + "'").c_str());
        if (w != label) s.fail("radial_coeffs", "expected pair label '" + label + "', found " + quoted(w));
        auto& block = pot.radial_coeffs[static_cast<size_t>(a * C + b)];
        for (int mu = 0; mu < K; ++mu) {
          block.push_back(numberList(s, "radial_coeffs", R, texts));
          all.insert(all.end(), block.back().begin(), block.back().end());
        }
      }
    style.radial_coeffs = detectFormat(texts, all);
    k = keyword(s, "alpha_moments_count", style);
  }
  if (k != "alpha_moments_count") s.fail("alpha_moments_count", "expected 'alpha_moments_count', found " + quoted(k));
  pot.basis.alpha_moments_count = intValue(s, "alpha_moments_count", 1);

  k = keyword(s, "alpha_index_basic_count", style);
  if (k != "alpha_index_basic_count")
    s.fail("alpha_index_basic_count", "expected 'alpha_index_basic_count', found " + quoted(k));
  const int nBasic = intValue(s, "alpha_index_basic_count", 1);
  k = keyword(s, "alpha_index_basic", style);
  if (k != "alpha_index_basic") s.fail("alpha_index_basic", "expected 'alpha_index_basic', found " + quoted(k));
  s.expect("=", "alpha_index_basic");
  const int basicLine = s.line();
  pot.basis.alpha_index_basic = quadList(s, "alpha_index_basic", nBasic);

  k = keyword(s, "alpha_index_times_count", style);
  if (k != "alpha_index_times_count")
    s.fail("alpha_index_times_count", "expected 'alpha_index_times_count', found " + quoted(k));
  const int nTimes = intValue(s, "alpha_index_times_count", 0);
  k = keyword(s, "alpha_index_times", style);
  if (k != "alpha_index_times") s.fail("alpha_index_times", "expected 'alpha_index_times', found " + quoted(k));
  s.expect("=", "alpha_index_times");
  const int timesLine = s.line();
  pot.basis.alpha_index_times = quadList(s, "alpha_index_times", nTimes);

  k = keyword(s, "alpha_scalar_moments", style);
  if (k != "alpha_scalar_moments") s.fail("alpha_scalar_moments", "expected 'alpha_scalar_moments', found " + quoted(k));
  const int nScalar = intValue(s, "alpha_scalar_moments", 1);
  k = keyword(s, "alpha_moment_mapping", style);
  if (k != "alpha_moment_mapping") s.fail("alpha_moment_mapping", "expected 'alpha_moment_mapping', found " + quoted(k));
  s.expect("=", "alpha_moment_mapping");
  const int mappingLine = s.line();
  pot.basis.alpha_moment_mapping = intList(s, "alpha_moment_mapping", nScalar);

  if (!s.atEnd() && s.peekChar() != '#') {
    k = keyword(s, "species_coeffs", style);
    if (k != "species_coeffs") s.fail(std::string(k), "unexpected " + quoted(k) + " after alpha_moment_mapping");
    s.expect("=", "species_coeffs");
    std::vector<std::string_view> texts;
    pot.species_coeffs = numberList(s, "species_coeffs", C, texts);
    const int speciesLine = s.line();
    style.species_coeffs = detectFormat(texts, pot.species_coeffs);
    if (s.atEnd() || s.peekChar() == '#')
      throw InputError(name_, speciesLine, "moment_coeffs", "species_coeffs given but moment_coeffs missing");
    k = keyword(s, "moment_coeffs", style);
    if (k != "moment_coeffs") s.fail("moment_coeffs", "expected 'moment_coeffs', found " + quoted(k));
    s.expect("=", "moment_coeffs");
    texts.clear();
    pot.moment_coeffs = numberList(s, "moment_coeffs", nScalar, texts);
    style.moment_coeffs = detectFormat(texts, pot.moment_coeffs);
    if (pot.radial_coeffs.empty())
      s.fail("species_coeffs", "species_coeffs given but the radial_coeffs block is missing");
  }
  if (!s.atEnd() && s.peekChar() != '#')
    s.fail("moment_coeffs", "unexpected text after the potential: " + quoted(s.word("", "")));
  style.final_newline = !text_.empty() && text_.back() == '\n';

  std::string field;
  const std::string err = mtpConsistencyError(pot, field);
  if (!err.empty()) {
    const int l = field == "alpha_index_times" ? timesLine : field == "alpha_moment_mapping" ? mappingLine : basicLine;
    throw InputError(name_, l, field, err);
  }
  return pot;
}

}  // namespace

size_t almtpStateOffset(std::string_view text) {
  size_t p = 0;
  while ((p = text.find("#MVS_v", p)) != std::string_view::npos) {
    if (p == 0 || text[p - 1] == '\n') return p;
    ++p;
  }
  return text.size();
}

MtpPotential parseMtp(std::string_view text, const std::string& name) {
  return MtpParser(text.substr(0, almtpStateOffset(text)), name).parse();
}

MtpPotential readMtpFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f.is_open()) throw InputError(path, 0, "", "cannot open file for reading");
  const std::string data((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  return parseMtp(data, path);
}

std::string mtpConsistencyError(const MtpPotential& pot, std::string& field) {
  const MtpBasisTables& b = pot.basis;
  const int K = b.radial_funcs_count, N = b.alpha_moments_count;
  const int nBasic = static_cast<int>(b.alpha_index_basic.size());
  field = "alpha_index_basic";
  if (nBasic == 0) return "no basic moments";
  if (nBasic > N) return "alpha_index_basic_count " + std::to_string(nBasic) + " exceeds alpha_moments_count " + std::to_string(N);
  int maxMu = -1;
  for (size_t i = 0; i < b.alpha_index_basic.size(); ++i) {
    const auto& q = b.alpha_index_basic[i];
    if (q[0] < 0 || q[0] >= K || q[1] < 0 || q[2] < 0 || q[3] < 0)
      return "entry " + std::to_string(i + 1) + " {" + std::to_string(q[0]) + ", " + std::to_string(q[1]) + ", " +
             std::to_string(q[2]) + ", " + std::to_string(q[3]) + "}: need 0 <= mu < radial_funcs_count and a, b, c >= 0";
    maxMu = std::max(maxMu, q[0]);
  }
  if (maxMu != K - 1)
    return "largest mu is " + std::to_string(maxMu) + " but radial_funcs_count - 1 = " + std::to_string(K - 1);
  field = "alpha_index_times";
  for (size_t i = 0; i < b.alpha_index_times.size(); ++i) {
    const auto& t = b.alpha_index_times[i];
    if (t[0] < 0 || t[0] >= N || t[1] < 0 || t[1] >= N || t[3] < nBasic || t[3] >= N)
      return "entry " + std::to_string(i + 1) + ": slots out of range (sources in [0, " + std::to_string(N) +
             "), target in [" + std::to_string(nBasic) + ", " + std::to_string(N) + "))";
  }
  field = "alpha_moment_mapping";
  if (b.alpha_moment_mapping.empty()) return "no scalar basis functions";
  for (size_t i = 0; i < b.alpha_moment_mapping.size(); ++i)
    if (b.alpha_moment_mapping[i] < 0 || b.alpha_moment_mapping[i] >= N)
      return "entry " + std::to_string(i + 1) + ": slot " + std::to_string(b.alpha_moment_mapping[i]) +
             " out of range [0, " + std::to_string(N) + ")";
  const int C = pot.species_count, R = pot.radial_basis_size;
  field = "radial_coeffs";
  if (!pot.radial_coeffs.empty()) {
    if (static_cast<int>(pot.radial_coeffs.size()) != C * C) return "need species_count^2 pair blocks";
    for (const auto& block : pot.radial_coeffs) {
      if (static_cast<int>(block.size()) != K) return "each pair block needs radial_funcs_count rows";
      for (const auto& row : block)
        if (static_cast<int>(row.size()) != R) return "each row needs radial_basis_size numbers";
    }
  }
  field = "species_coeffs";
  if (!pot.species_coeffs.empty()) {
    if (pot.radial_coeffs.empty()) return "species_coeffs given without radial_coeffs";
    if (static_cast<int>(pot.species_coeffs.size()) != C) return "need species_count numbers";
    field = "moment_coeffs";
    if (pot.moment_coeffs.size() != b.alpha_moment_mapping.size()) return "need alpha_scalar_moments numbers";
  } else if (!pot.moment_coeffs.empty()) {
    field = "moment_coeffs";
    return "moment_coeffs given without species_coeffs";
  }
  field.clear();
  return "";
}

namespace {

void appendIntList(std::string& out, const std::vector<int>& v) {
  out += '{';
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out += ", ";
    textio::appendInt(out, v[i]);
  }
  out += '}';
}

void appendQuadList(std::string& out, const std::vector<std::array<int, 4>>& v) {
  out += '{';
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out += ", ";
    out += '{';
    for (int c = 0; c < 4; ++c) {
      if (c) out += ", ";
      textio::appendInt(out, v[i][static_cast<size_t>(c)]);
    }
    out += '}';
  }
  out += '}';
}

void appendNumberList(std::string& out, const std::vector<double>& v, MtpNumberFormat f) {
  out += '{';
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out += ", ";
    appendNumber(out, v[i], f);
  }
  out += '}';
}

}  // namespace

std::string mtpToString(const MtpPotential& pot) {
  std::string field;
  const std::string err = mtpConsistencyError(pot, field);
  if (!err.empty()) throw std::invalid_argument("writeMtp: field '" + field + "': " + err);
  const MtpTextStyle& st = pot.text_style;
  auto key = [&](std::string& out, const std::string& k) {
    const auto it = st.indent_overrides.find(k);
    out += it != st.indent_overrides.end() ? it->second : std::string(standardIndent(k));
    out += k;
  };
  std::string out = "MTP\nversion = 1.1.0\n";
  if (pot.has_potential_name) {
    key(out, "potential_name");
    out += " = " + pot.potential_name + "\n";
  }
  if (pot.scaling != 1.0) {
    key(out, "scaling");
    out += " = ";
    appendNumber(out, pot.scaling, st.scaling);
    out += '\n';
  }
  key(out, "species_count");
  out += " = " + std::to_string(pot.species_count) + "\n";
  if (pot.has_potential_tag) {
    key(out, "potential_tag");
    out += " =" + st.potential_tag_separator + pot.potential_tag + "\n";
  }
  key(out, "radial_basis_type");
  out += pot.radial_basis_type == RadialBasisType::Chebyshev ? " = RBChebyshev\n" : " = RBChebyshev_repuls\n";
  key(out, "min_dist");
  out += " = ";
  appendNumber(out, pot.min_dist, st.dists);
  out += '\n';
  key(out, "max_dist");
  out += " = ";
  appendNumber(out, pot.max_dist, st.dists);
  out += '\n';
  key(out, "radial_basis_size");
  out += " = " + std::to_string(pot.radial_basis_size) + "\n";
  key(out, "radial_funcs_count");
  out += " = " + std::to_string(pot.basis.radial_funcs_count) + "\n";
  if (!pot.radial_coeffs.empty()) {
    key(out, "radial_coeffs");
    out += '\n';
    const int C = pot.species_count;
    for (int a = 0; a < C; ++a)
      for (int b = 0; b < C; ++b) {
        out += "\t\t" + std::to_string(a) + "-" + std::to_string(b) + "\n";
        for (const auto& row : pot.radial_coeffs[static_cast<size_t>(a * C + b)]) {
          out += "\t\t\t";
          appendNumberList(out, row, st.radial_coeffs);
          out += '\n';
        }
      }
  }
  const MtpBasisTables& t = pot.basis;
  key(out, "alpha_moments_count");
  out += " = " + std::to_string(t.alpha_moments_count) + "\n";
  key(out, "alpha_index_basic_count");
  out += " = " + std::to_string(t.alpha_index_basic.size()) + "\n";
  key(out, "alpha_index_basic");
  out += " = ";
  appendQuadList(out, t.alpha_index_basic);
  out += '\n';
  key(out, "alpha_index_times_count");
  out += " = " + std::to_string(t.alpha_index_times.size()) + "\n";
  key(out, "alpha_index_times");
  out += " = ";
  appendQuadList(out, t.alpha_index_times);
  out += '\n';
  key(out, "alpha_scalar_moments");
  out += " = " + std::to_string(t.alpha_moment_mapping.size()) + "\n";
  key(out, "alpha_moment_mapping");
  out += " = ";
  appendIntList(out, t.alpha_moment_mapping);
  out += '\n';
  if (!pot.species_coeffs.empty()) {
    key(out, "species_coeffs");
    out += " = ";
    appendNumberList(out, pot.species_coeffs, st.species_coeffs);
    out += '\n';
    key(out, "moment_coeffs");
    out += " = ";
    appendNumberList(out, pot.moment_coeffs, st.moment_coeffs);
    out += '\n';
  }
  if (!st.final_newline) out.pop_back();
  return out;
}

void writeMtp(std::ostream& out, const MtpPotential& pot) {
  const std::string s = mtpToString(pot);
  out.write(s.data(), static_cast<std::streamsize>(s.size()));
}

void writeMtpFile(const std::string& path, const MtpPotential& pot) {
  const std::string s = mtpToString(pot);
  std::ofstream f(path, std::ios::binary);
  if (!f.is_open()) throw std::runtime_error(path + ": cannot open file for writing");
  f.write(s.data(), static_cast<std::streamsize>(s.size()));
  if (!f) throw std::runtime_error(path + ": write failed");
}

}  // namespace mtp
