// EAM file readers: layouts, element order, error locations, the Finnis–Sinclair density convention
// and LAMMPS's combination of funcfl files.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/errors.h"
#include "reference/eam_files.h"
#include "reference/eam_model.h"
#include "testing.h"

using namespace mtp;

namespace {

// A small setfl text: n elements, tables filled from simple formulas, values spread unevenly over
// lines (3 per line) to exercise the free format.
std::string smallSetfl(int n, bool finnis_sinclair, int nrho = 7, int nr = 9) {
  std::ostringstream s;
  s << "comment 1\n\ncomment 3\n" << n;
  for (int a = 0; a < n; ++a) s << " E" << a;
  s << "\n" << nrho << " 0.5 " << nr << " 0.25 2.0\n";
  auto block = [&](int count, auto f) {
    for (int k = 0; k < count; ++k) s << f(k) << ((k % 3 == 2 || k + 1 == count) ? "\n" : " ");
  };
  for (int a = 0; a < n; ++a) {
    s << 10 + a << " " << 20.5 + a << " 3.5 fcc\n";
    block(nrho, [&](int k) { return -0.1 * k * (a + 1); });
    for (int h = 0; h < (finnis_sinclair ? n : 1); ++h)
      block(nr, [&](int k) { return 100.0 * a + 10.0 * h + k; });
  }
  for (int a = 0; a < n; ++a)
    for (int b = 0; b <= a; ++b) block(nr, [&](int k) { return 1000.0 * a + 100.0 * b + k; });
  return s.str();
}

int errorLine(const std::string& text, bool fs = false) {
  try {
    std::istringstream in(text);
    if (fs) parseFinnisSinclair(in, "x.eam.fs");
    else parseSetfl(in, "x.eam.alloy");
  } catch (const InputError& e) {
    return e.line();
  }
  return -1;
}

}  // namespace

TEST(setfl_layout_and_element_order) {
  std::istringstream in(smallSetfl(3, false));
  const EamTables t = parseSetfl(in, "x");
  CHECK(t.format == "setfl");
  CHECK(t.elementCount() == 3);
  CHECK(t.elements[2].name == "E2" && t.elements[2].atomic_number == 12);
  CHECK_NEAR(t.elements[1].mass, 21.5, 0);
  CHECK(t.nrho == 7 && t.nr == 9);
  CHECK_NEAR(t.rho_max, 3.0, 1e-15);  // (nrho − 1)·drho
  CHECK_NEAR(t.embedding[1][6], -1.2, 1e-15);
  // setfl density does not depend on the host element.
  CHECK_NEAR(t.density[2][0][4], 204.0, 0);
  CHECK(t.density[2][1] == t.density[2][0]);
  // Pair tables in the order (0,0), (1,0), (1,1), (2,0), …, symmetric.
  CHECK_NEAR(t.r_phi[2][1][3], 2103.0, 0);
  CHECK(t.r_phi[1][2] == t.r_phi[2][1]);
}

TEST(finnis_sinclair_density_of_source_at_host) {
  std::istringstream in(smallSetfl(2, true));
  const EamTables t = parseFinnisSinclair(in, "x");
  CHECK(t.format == "fs");
  // Section of element 1, second function: density atom of element 1 puts on an element-1 host.
  CHECK_NEAR(t.density[1][1][0], 110.0, 0);
  CHECK_NEAR(t.density[1][0][0], 100.0, 0);
  CHECK_NEAR(t.density[0][1][2], 12.0, 0);
}

TEST(errors_name_the_line) {
  const std::string good = smallSetfl(2, false);
  // Element line is line 6: break the mass.
  std::string bad = good;
  bad.replace(bad.find("20.5"), 4, "x0.5");
  CHECK(errorLine(bad) == 6);
  // A truncated file fails at the end.
  CHECK(errorLine(good.substr(0, good.size() / 2)) > 6);
  // Header with the wrong element count.
  std::string count = good;
  count.replace(count.find("\n2 E0 E1"), 8, "\n3 E0 E1");
  CHECK(errorLine(count) == 4);
  // Too many values in a block (miscounted Nrho) are caught where the block ends.
  std::string nrho = good;
  nrho.replace(nrho.find("7 0.5"), 1, "5");
  CHECK(errorLine(nrho) > 5);
  CHECK(errorLine(smallSetfl(2, false)) == -1);
  // '#' comments and blank lines between data lines are skipped, as LAMMPS does.
  std::string commented = good;
  commented.insert(commented.find("11 21.5"), "# second element\n\n");
  std::istringstream plain_in(good), commented_in(commented);
  CHECK(parseSetfl(commented_in, "c").embedding == parseSetfl(plain_in, "p").embedding);
  CHECK(errorLine(smallSetfl(2, true), true) == -1);
}

TEST(funcfl_single_file) {
  std::ostringstream s;
  s << "Toy funcfl\n47 107.87 4.09 FCC\n6 0.5 8 0.5 3.0\n";
  for (int k = 0; k < 6; ++k) s << -0.2 * k << "\n";
  for (int k = 0; k < 8; ++k) s << 1.0 / (1 + k) << " ";
  s << "\n";
  for (int k = 0; k < 8; ++k) s << 0.1 * k << (k == 3 ? "\n" : " ");
  s << "\n";
  std::istringstream in(s.str());
  const FuncflFile f = parseFuncfl(in, "Ag_toy.eam");
  CHECK(f.element.name == "Ag" && f.element.atomic_number == 47);
  CHECK(f.nrho == 6 && f.nr == 8);
  CHECK_NEAR(f.charge[3], 0.25, 0);
  CHECK_NEAR(f.density[7], 0.7, 1e-15);
}

TEST(funcfl_combination_as_lammps) {
  // Two toy files on different grids: the common grid takes the largest spacing and range; values
  // at nodes that coincide with a file's own nodes are that file's values (Lagrange interpolation
  // through exact nodes), and the mixed pair is 27.2·0.529·Z_a·Z_b.
  auto make = [](int z, double dr, int nr, double cut, double scale) {
    FuncflFile f;
    f.element.atomic_number = z;
    f.element.name = z == 47 ? "Ag" : "Pd";
    f.nrho = 11;
    f.drho = 0.1 * scale;
    f.nr = nr;
    f.dr = dr;
    f.cutoff = cut;
    for (int k = 0; k < f.nrho; ++k) f.embedding.push_back(-std::sqrt(k * f.drho));
    for (int k = 0; k < nr; ++k) {
      f.charge.push_back(std::exp(-k * dr));
      f.density.push_back(std::exp(-2 * k * dr) * scale);
    }
    return f;
  };
  const FuncflFile a = make(47, 0.1, 41, 4.0, 1.0);   // range 4.0
  const FuncflFile b = make(46, 0.05, 101, 4.5, 2.0);  // range 5.0, drho 0.2
  const EamTables t = combineFuncfl({a, b});
  CHECK(t.format == "funcfl");
  CHECK_NEAR(t.dr, 0.1, 0);
  CHECK_NEAR(t.drho, 0.2, 0);
  CHECK(t.nr == 50);    // int(5.0/0.1 + 0.5): LAMMPS stops one spacing short of the range
  CHECK(t.nrho == 10);  // int(max(1.0, 2.0)/0.2 + 0.5)
  CHECK_NEAR(t.rho_max, 2.0, 1e-15);
  CHECK_NEAR(t.cutoff, 4.5, 0);
  CHECK(t.elements[0].name == "Ag" && t.elements[1].name == "Pd");
  for (int m = 2; m < 38; ++m) {
    CHECK_NEAR(t.density[0][1][m], a.density[m], 1e-13);
    CHECK_NEAR(t.density[1][0][m], b.density[2 * m], 1e-13);
    CHECK_NEAR(t.r_phi[1][0][m], 27.2 * 0.529 * a.charge[m] * b.charge[2 * m], 1e-12);
  }
  // Common ρ node 3 (ρ = 0.6) is node 6 of file a (drho 0.1) and node 3 of file b (drho 0.2).
  CHECK_NEAR(t.embedding[0][3], a.embedding[6], 1e-13);
  CHECK_NEAR(t.embedding[1][3], b.embedding[3], 1e-13);
}

TEST(potential_kind_from_file_names) {
  namespace fs = std::filesystem;
  const auto tmp = fs::temp_directory_path();
  const std::string setfl = (tmp / "mtp_files_test.eam.alloy").string();
  {
    std::ofstream out(setfl);
    out << smallSetfl(2, false);
  }
  CHECK(readEamPotentials({setfl}).elementCount() == 2);
  CHECK_THROWS(readEamPotentials({setfl, setfl}));
  CHECK_THROWS(readEamPotentials({(tmp / "mtp_files_test.txt").string()}));
  CHECK_THROWS(readEamPotentials({}));
  // Round trip through the writer gives identical doubles.
  std::istringstream in(smallSetfl(3, false));
  const EamTables t = parseSetfl(in, "x");
  std::ostringstream written;
  writeSetfl(t, written);
  std::istringstream back(written.str());
  const EamTables u = parseSetfl(back, "written");
  CHECK(u.embedding == t.embedding && u.density == t.density && u.r_phi == t.r_phi);
  CHECK(u.drho == t.drho && u.dr == t.dr && u.cutoff == t.cutoff);
  fs::remove(setfl);
}

TEST_MAIN()
