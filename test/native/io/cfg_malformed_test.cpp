// A corpus of broken .cfg texts: each must raise InputError naming the file, the 1-based line and
// the field where the problem is.
#include <iostream>

#include "core/errors.h"
#include "io/cfg_reader.h"
#include "testing.h"

using namespace mtp;

namespace {

struct Bad {
  const char* what;
  std::string text;
  int line;
  const char* field;
  const char* fragment;  // must appear in the message
};

const std::string kHead = "BEGIN_CFG\n Size\n    2\n";  // lines 1-3
const std::string kCell =
    " Supercell\n    4.0 0.0 0.0\n    0.0 4.0 0.0\n    0.0 0.0 4.0\n";  // lines 4-7
const std::string kAtomsHeader =
    " AtomData:  id type       cartes_x      cartes_y      cartes_z           fx          fy          fz\n";  // 8
const std::string kRow1 = "             1    0       0.000000      0.000000      0.000000     0.100000    0.200000    0.300000\n";
const std::string kRow2 = "             2    0       2.000000      2.000000      2.000000    -0.100000   -0.200000   -0.300000\n";
const std::string kGood = kHead + kCell + kAtomsHeader + kRow1 + kRow2;  // lines 1-10

std::vector<Bad> corpus() {
  return {
      {"non-number force", kHead + kCell + kAtomsHeader + kRow1 +
                               "             2    0       2.000000      2.000000      2.000000    abc   -0.2    -0.3\nEND_CFG\n",
       10, "AtomData", "row 2, column 'fx': 'abc' is not a number"},
      {"ids out of order", kHead + kCell + kAtomsHeader + kRow1 +
                               "             3    0       2.0 2.0 2.0 0 0 0\nEND_CFG\n",
       10, "AtomData", "row 2: id 3 out of order"},
      {"unknown field", kGood + " Energie\n   -1.0\nEND_CFG\n", 11, "Energie", "unknown field 'Energie'"},
      {"truncated file", kGood + " Energy\n   -1.0\n", 12, "END_CFG", "END_CFG missing"},
      {"fewer rows than Size", kHead + kCell + kAtomsHeader + kRow1 + " Energy\n -1\nEND_CFG\n", 10, "AtomData",
       "expected 2 atom rows (Size), found 1"},
      {"file ends inside AtomData", kHead + kCell + kAtomsHeader + kRow1, 9, "AtomData",
       "file ends after 1 of 2 atom rows"},
      {"short row", kHead + kCell + kAtomsHeader + kRow1 + "  2 0 2.0 2.0 2.0 0.1 0.2\nEND_CFG\n", 10, "AtomData",
       "row 2: 7 columns, expected 8"},
      {"NaN energy", kGood + " Energy\n   nan\nEND_CFG\n", 12, "Energy", "'nan' is not a finite number"},
      {"inf force", kHead + kCell + kAtomsHeader + kRow1 + "  2 0 2.0 2.0 2.0 0.1 -inf 0.3\nEND_CFG\n", 10,
       "AtomData", "column 'fy': '-inf' is not a finite number"},
      {"old Stress field", kGood + " Stress:  xx yy zz yz xz xy\n 1 2 3 4 5 6\nEND_CFG\n", 11, "Stress",
       "PlusStress = -Stress"},
      {"supercell row incomplete", kHead + " Supercell\n    4.0 0.0 0.0\n    0.0 4.0\n" + kAtomsHeader + kRow1 + kRow2 +
                                       "END_CFG\n",
       6, "Supercell", "row 2 has 2 number(s)"},
      {"AtomData before Size", "BEGIN_CFG\n" + kCell + kAtomsHeader, 6, "AtomData",
       "Size must be given before AtomData"},
      {"unknown column", kHead + " AtomData: id type cartes_x cartes_y cartes_z vx\n", 4, "AtomData",
       "unknown column 'vx'"},
      {"mixed coordinates", kHead + " AtomData: id type cartes_x direct_y cartes_z\n", 4, "AtomData",
       "positions need all of"},
      {"partial forces", kHead + " AtomData: id type cartes_x cartes_y cartes_z fx fy\n", 4, "AtomData",
       "forces need all three columns"},
      {"direct coordinates without cell", kHead + " AtomData: id type direct_x direct_y direct_z\n 1 0 0 0 0\n 2 0 .5 .5 .5\nEND_CFG\n",
       4, "AtomData", "direct (fractional) coordinates need a Supercell"},
      {"unknown stress component", kGood + " PlusStress: xx yy zz yz xz xw\n1 2 3 4 5 6\nEND_CFG\n", 11, "PlusStress",
       "unknown component 'xw'"},
      {"missing stress value", kGood + " PlusStress: xx yy zz yz xz xy\n 1 2 3 4 5\nEND_CFG\n", 13, "PlusStress",
       "component 'xy': 'END_CFG' is not a number"},
      {"missing stress component", kGood + " PlusStress: xx yy zz\n 1 2 3\nEND_CFG\n", 12, "PlusStress",
       "component 'yz' missing"},
      {"virial without cell", "BEGIN_CFG\n Size\n 0\n Virial: xx yy zz yz xz xy\n 1 2 3 4 5 6\nEND_CFG\n", 4, "Virial",
       "non-zero volume"},
      {"END_CFG missing between blocks", kGood + "BEGIN_CFG\n", 11, "BEGIN_CFG", "END_CFG missing"},
      {"garbage before BEGIN_CFG", "hello\n" + kGood, 1, "BEGIN_CFG", "expected BEGIN_CFG, found 'hello'"},
      {"non-integer Size", "BEGIN_CFG\n Size\n 2.5\n", 3, "Size", "'2.5' is not an integer"},
      {"negative Size", "BEGIN_CFG\n Size\n -1\n", 3, "Size", "negative number of atoms"},
      {"contradicting Size", kGood + " Size\n 3\n", 12, "Size", "contradicts the earlier Size 2"},
      {"duplicate Energy", kGood + " Energy\n -1\n Energy\n -2\n", 13, "Energy", "given twice"},
      {"negative type", kHead + kCell + kAtomsHeader + kRow1 + "  2 -1 2.0 2.0 2.0 0.1 0.2 0.3\nEND_CFG\n", 10,
       "AtomData", "negative type -1"},
      {"non-integer type", kHead + kCell + kAtomsHeader + kRow1 + "  2 Mo 2.0 2.0 2.0 0.1 0.2 0.3\nEND_CFG\n", 10,
       "AtomData", "column 'type': 'Mo' is not an integer"},
      {"Feature without key", kGood + " Feature\nEND_CFG\n", 11, "Feature", "without a key"},
      {"Size without AtomData", "BEGIN_CFG\n Size\n 2\n Energy\n 1.0\nEND_CFG\n", 6, "Size", "no AtomData"},
      {"energy missing number", kGood + " Energy\nEND_CFG\n", 12, "Energy", "'END_CFG' is not a number"},
      {"crlf file keeps line numbers", "BEGIN_CFG\r\n Size\r\n 1\r\n AtomData: id type cartes_x cartes_y cartes_z\r\n 1 0 0 x 0\r\nEND_CFG\r\n",
       5, "AtomData", "column 'cartes_y': 'x' is not a number"},
  };
}

}  // namespace

TEST(malformed_corpus_reports_file_line_and_field) {
  const std::vector<Bad> all = corpus();
  CHECK(all.size() >= 15);
  for (const Bad& b : all) {
    bool thrown = false;
    try {
      parseCfgString(b.text, "bad.cfg");
    } catch (const InputError& e) {
      thrown = true;
      const std::string msg = e.what();
      const bool ok = e.file() == "bad.cfg" && e.line() == b.line && e.field() == b.field &&
                      msg.find(b.fragment) != std::string::npos &&
                      msg.rfind("bad.cfg:" + std::to_string(b.line) + ": field '" + b.field + "'", 0) == 0;
      if (!ok) {
        std::cerr << b.what << ": got \"" << msg << "\", expected line " << b.line << " field '" << b.field
                  << "' containing \"" << b.fragment << "\"\n";
        testing::fail(__FILE__, __LINE__, b.what);
      }
    } catch (const std::exception& e) {
      std::cerr << b.what << ": wrong exception type: " << e.what() << "\n";
    }
    if (!thrown) testing::fail(__FILE__, __LINE__, std::string(b.what) + ": no InputError");
  }
}

TEST(missing_file_is_an_input_error) {
  bool thrown = false;
  try {
    readCfgFile("/nonexistent/dir/x.cfg");
  } catch (const InputError& e) {
    thrown = e.file() == "/nonexistent/dir/x.cfg" && e.line() == 0;
  }
  CHECK(thrown);
}

TEST(good_prefix_of_the_corpus_parses) {
  // The shared pieces above are valid on their own, so each error comes from its own edit.
  const std::vector<Configuration> v = parseCfgString(kGood + "END_CFG\n", "good.cfg");
  CHECK(v.size() == 1 && v[0].size() == 2 && v[0].hasForces());
}

TEST_MAIN()
