// Reader for MLIP's .cfg text format (MLIP_FORMATS.md §1.1), one configuration at a time.
//
// Accepts every variant MLIP's Configuration::Load reads: BEGIN_CFG/END_CFG blocks, Size,
// Supercell/SuperCell with 0-3 lattice rows (missing rows = non-periodic directions),
// AtomData:/Atomic_data: with columns in any order (id type cartes_x|direct_x ... fx fy fz site_en
// charge), Energy, PlusStress: with components in any order (yx/zy/zx accepted; a tensor given
// with both halves is symmetrised), Virial: (divided by |det lattice| on reading), Feature key value
// (a repeated key adds a line to a multi-line value), the Features: line form, CRLF line ends.
// The old negative-sign `Stress:` is rejected. Stricter than MLIP where MLIP would silently
// misread: lattice rows must be complete, every stress component must be given, a field may not be
// repeated, and "Feature key" with nothing after the key has an empty value. Every error is an InputError naming file, 1-based
// line and field, e.g. "train.cfg:17: field 'AtomData': row 3, column 'fx': 'abc' is not a number".
#pragma once
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "core/configuration.h"
#include "io/line_reader.h"

namespace mtp {

class CfgReader {
 public:
  explicit CfgReader(const std::string& path);           // throws InputError if it cannot open
  CfgReader(std::istream& in, std::string name);          // stream owned by the caller
  static CfgReader fromString(std::string_view text, std::string name = "<string>");

  // Reads the next configuration into `cfg` (all previous content replaced). Returns false at
  // the end of the input (only blank lines left).
  bool next(Configuration& cfg);

  const std::string& name() const { return lines_.name(); }
  int configurationsRead() const { return count_; }
  int lastBeginLine() const { return begin_line_; }  // line of the last BEGIN_CFG read

 private:
  explicit CfgReader(LineReader lines) : lines_(std::move(lines)) {}
  bool skipToToken();              // moves to the next token, across lines; false at end of input
  std::string_view peekToken();    // the token at the current position (after skipToToken)
  std::string_view takeToken();    // returns and consumes it
  std::string_view restOfLine();   // the unread part of the current line, then the line is done
  int line() const { return lines_.lineNumber(); }
  [[noreturn]] void fail(const std::string& field, const std::string& message) const;

  void readSize(int& size);
  void readSupercell(Configuration& cfg);
  void readAtomData(Configuration& cfg, int size, bool& direct);
  void readStress(Configuration& cfg, std::string_view keyword);
  void readFeature(Configuration& cfg);
  void readFeaturesLine(Configuration& cfg);
  double readNumber(const std::string& field, const std::string& what);

  LineReader lines_;
  std::string_view line_;
  size_t pos_ = 0;
  bool have_line_ = false;
  int count_ = 0;
  int begin_line_ = 0;
};

// All configurations of a file, in order.
std::vector<Configuration> readCfgFile(const std::string& path);
// All configurations of an in-memory text; `name` appears in error messages.
std::vector<Configuration> parseCfgString(std::string_view text, const std::string& name = "<string>");

}  // namespace mtp
