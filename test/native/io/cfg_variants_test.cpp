// Every .cfg variant MLIP reads, and the exact text MLIP's writer gives for it.
#include <cmath>

#include "io/cfg_reader.h"
#include "io/cfg_writer.h"
#include "io_test_util.h"
#include "testing.h"

using namespace mtp;

namespace {

Configuration one(const std::string& text) {
  const std::vector<Configuration> v = parseCfgString(text, "t.cfg");
  CHECK(v.size() == 1);
  return v.empty() ? Configuration() : v[0];
}

void checkSameText(const std::string& expected, const std::string& got) {
  const std::string d = iotest::firstDifference(expected, got);
  if (!d.empty()) testing::fail(__FILE__, __LINE__, d);
}

// A file exactly as MLIP's writer lays it out must come back unchanged.
void checkReproduced(const std::string& text) {
  std::string out;
  for (const Configuration& c : parseCfgString(text, "t.cfg")) appendCfg(out, c);
  checkSameText(text, out);
}

}  // namespace

TEST(cluster_without_supercell) {
  const std::string text =
      "BEGIN_CFG\n Size\n    2\n"
      " AtomData:  id type       cartes_x      cartes_y      cartes_z\n"
      "             1    0       0.000000      0.000000      0.000000\n"
      "             2    1       1.500000     -0.000000      0.000000\n"
      "END_CFG\n\n";
  const Configuration c = one(text);
  CHECK(c.lattice.isZero(0.0));
  CHECK(!c.periodic(0) && !c.periodic(1) && !c.periodic(2));
  CHECK(c.types[1] == 1);
  CHECK(!c.energy && !c.plus_stress && !c.hasForces());
  CHECK(std::signbit(c.positions[1][1]));  // "-0.000000" keeps its sign and is written back
  checkReproduced(text);
}

TEST(one_two_and_three_lattice_rows) {
  const char* rows[3] = {"         3.000000      0.000000      0.000000\n",
                         "         0.000000      4.000000      0.000000\n",
                         "         0.000000      0.000000      5.000000\n"};
  for (int n = 1; n <= 3; ++n) {
    std::string text = "BEGIN_CFG\n Size\n    1\n Supercell\n";
    for (int k = 0; k < n; ++k) text += rows[k];
    text +=
        " AtomData:  id type       cartes_x      cartes_y      cartes_z\n"
        "             1    0       0.100000      0.200000      0.300000\n"
        "END_CFG\n\n";
    const Configuration c = one(text);
    for (int k = 0; k < 3; ++k) CHECK(c.periodic(k) == (k < n));
    CHECK_NEAR(c.lattice(n - 1, n - 1), 2.0 + n, 0.0);
    checkReproduced(text);
  }
  // A zero row in the middle is written (rows up to the last non-zero one) and read back.
  Configuration c;
  c.positions = {Vec3(0, 0, 0)};
  c.types = {0};
  c.lattice.row(2) = Vec3(0, 0, 7);
  const std::string t = cfgToString(c);
  CHECK(t.find(" Supercell\n         0.000000      0.000000      0.000000\n"
               "         0.000000      0.000000      0.000000\n"
               "         0.000000      0.000000      7.000000\n") != std::string::npos);
  CHECK(one(t).lattice == c.lattice);
}

TEST(direct_coordinates_are_converted_with_the_lattice) {
  const std::string text =
      "BEGIN_CFG\n Size\n 2\n"
      " AtomData: id type direct_x direct_y direct_z\n"
      " 1 0 0.5 0.5 0.5\n 2 0 0.25 0 1\n"
      " SuperCell\n 2 0 0\n 1 3 0\n 0 0 4\n"
      "END_CFG\n";  // Supercell after AtomData: MLIP converts at the end, so do we
  const Configuration c = one(text);
  CHECK_NEAR(c.positions[0][0], 0.5 * 2 + 0.5 * 1, 1e-15);
  CHECK_NEAR(c.positions[0][1], 1.5, 1e-15);
  CHECK_NEAR(c.positions[0][2], 2.0, 1e-15);
  CHECK_NEAR(c.positions[1][0], 0.5, 1e-15);
  CHECK_NEAR(c.positions[1][2], 4.0, 1e-15);
  CfgWriteOptions o;
  o.direct_coordinates = true;
  const std::string out = cfgToString(c, o);
  CHECK(out.find("       direct_x      direct_y      direct_z\n") != std::string::npos);
  CHECK(out.find("             1    0       0.500000      0.500000      0.500000\n") != std::string::npos);
  const Configuration back = one(out);
  CHECK((back.positions[1] - c.positions[1]).norm() < 1e-12);
}

TEST(any_column_order_with_site_energies_and_charges) {
  const std::string text =
      "BEGIN_CFG\nSize 2\nSupercell 5 0 0 0 5 0 0 0 5\n"
      "AtomData: fz charge cartes_z type fy site_en cartes_y id fx cartes_x\n"
      "  0.3 -1.0 3.0 1 0.2 -4.25 2.0 1 0.1 1.0\n"
      "  -0.3 1.0 1.0 0 -0.2 -3.75 1.0 2 -0.1 0.5\n"
      "Energy -8.0\nEND_CFG\n";
  const Configuration c = one(text);
  CHECK(c.types == std::vector<int>({1, 0}));
  CHECK((c.positions[0] - Vec3(1.0, 2.0, 3.0)).norm() == 0.0);
  CHECK((c.forces[1] - Vec3(-0.1, -0.2, -0.3)).norm() == 0.0);
  CHECK(c.site_energies == std::vector<double>({-4.25, -3.75}));
  CHECK(c.charges == std::vector<double>({-1.0, 1.0}));
  // MLIP's layout: site_en before the forces, charge last, each with its own width.
  const std::string expected =
      "BEGIN_CFG\n Size\n    2\n Supercell\n"
      "         5.000000      0.000000      0.000000\n"
      "         0.000000      5.000000      0.000000\n"
      "         0.000000      0.000000      5.000000\n"
      " AtomData:  id type       cartes_x      cartes_y      cartes_z    site_en           fx          fy          fz      charge\n"
      "             1    1       1.000000      2.000000      3.000000    -4.250000000000     0.100000    0.200000    0.300000     -1.0000\n"
      "             2    0       0.500000      1.000000      1.000000    -3.750000000000    -0.100000   -0.200000   -0.300000      1.0000\n"
      " Energy\n         -8.000000000000\n"
      "END_CFG\n\n";
  checkSameText(expected, cfgToString(c));
  checkReproduced(expected);
}

TEST(last_line_without_newline) {
  const Configuration c = one("BEGIN_CFG\nSize\n1\nAtomData: id type cartes_x cartes_y cartes_z\n1 0 1 2 3\nEND_CFG");
  CHECK(c.positions[0] == Vec3(1, 2, 3));
}

TEST(missing_id_and_type_columns) {
  const Configuration c = one("BEGIN_CFG\nSize\n2\nAtomData: cartes_x cartes_y cartes_z\n0 0 0\n1 1 1\nEND_CFG\n");
  CHECK(c.types == std::vector<int>({0, 0}));
  CHECK(c.positions[1] == Vec3(1, 1, 1));
}

TEST(plus_stress_any_order_and_symmetrised_tensor) {
  const std::string head =
      "BEGIN_CFG\nSize\n1\nSupercell\n2 0 0\n0 2 0\n0 0 2\nAtomData: id type cartes_x cartes_y cartes_z\n1 0 0 0 0\n";
  const Configuration a = one(head + "PlusStress: xy xz yz zz yy xx\n6 5 4 3 2 1\nEND_CFG\n");
  CHECK(*a.plus_stress == Stress6({1, 2, 3, 4, 5, 6}));
  // All nine components: the off-diagonal pairs are averaged.
  const Configuration b = one(head + "PlusStress: xx xy xz yx yy yz zx zy zz\n1 6 5 8 2 4 7 2 3\nEND_CFG\n");
  CHECK(*b.plus_stress == Stress6({1, 2, 3, 3, 6, 7}));
  // Virial: divided by |det lattice| = 8.
  const Configuration v = one(head + "Virial: xx yy zz yz xz xy\n8 16 24 -8 0 4\nEND_CFG\n");
  CHECK(*v.plus_stress == Stress6({1, 2, 3, -1, 0, 0.5}));
}

TEST(features_multi_line_escaped_and_line_form) {
  const std::string text =
      "BEGIN_CFG\n Size\n    0\n"
      " AtomData:  id type       cartes_x      cartes_y      cartes_z\n"
      " Feature   zeta\tlast\n"
      " Feature   note\tfirst line\n"
      " Feature   my\\_key\tvalue with  two spaces\n"
      " Feature   note\tsecond line\n"
      " Feature   note\t\n"
      "END_CFG\n";
  const Configuration c = one(text);
  CHECK(c.size() == 0);
  CHECK(*c.feature("note") == "first line\nsecond line\n");
  CHECK(*c.feature("my key") == "value with  two spaces");
  const std::string expected =
      "BEGIN_CFG\n Size\n    0\n"
      " AtomData:  id type       cartes_x      cartes_y      cartes_z\n"
      " Feature   my\\_key\tvalue with  two spaces\n"
      " Feature   note\tfirst line\n"
      " Feature   note\tsecond line\n"
      " Feature   note\t\n"
      " Feature   zeta\tlast\n"
      "END_CFG\n\n";
  checkSameText(expected, cfgToString(c));
  const Configuration f = one(
      "BEGIN_CFG\nSize 0\nAtomData: id type cartes_x cartes_y cartes_z\nFeatures: EFS_by mindist\nVASP 2.5\nEND_CFG\n");
  CHECK(*f.feature("EFS_by") == "VASP" && *f.feature("mindist") == "2.5");
}

TEST(crlf_line_ends) {
  const std::string lf =
      "BEGIN_CFG\n Size\n    1\n Supercell\n         3.000000      0.000000      0.000000\n"
      " AtomData:  id type       cartes_x      cartes_y      cartes_z           fx          fy          fz\n"
      "             1    0       0.000000      0.000000      0.000000     1.000000   -0.000000    0.000001\n"
      " Energy\n         -1.000000000000\n"
      " PlusStress:  xx          yy          zz          yz          xz          xy\n"
      "         1.00000     2.00000     3.00000     4.00000     5.00000     6.00000\n"
      " Feature   EFS_by\tVASP\nEND_CFG\n\n";
  std::string crlf;
  for (char ch : lf) crlf += ch == '\n' ? std::string("\r\n") : std::string(1, ch);
  const Configuration a = one(lf), b = one(crlf);
  CHECK(iotest::sameConfiguration(a, b));
  CHECK(*b.feature("EFS_by") == "VASP");
  checkSameText(lf, cfgToString(b));
}

TEST(lossless_format_and_exact_doubles) {
  Configuration c;
  c.lattice << 1.0 / 3.0, 0, 0, 0, 2.0 / 3.0, 0, 0.1, 0.2, 1e-300;
  c.positions = {Vec3(1e-17, -0.0, 123456.789012345678)};
  c.types = {3};
  c.forces = {Vec3(-1e-9, 2.5, 1.0 / 7.0)};
  c.energy = -1234.56789012345678;
  c.plus_stress = Stress6{1e5, -2e-5, 0.1, 0.2, 0.3, -0.0};
  CfgWriteOptions o;
  o.lossless = true;
  const std::string t = cfgToString(c, o);
  CHECK(t.find("    1 3  1.0000000000000001e-17 -0.0000000000000000e+00 1.2345678901234567e+05  ") !=
        std::string::npos);
  CHECK(t.find(" Energy\n    -1.2345678901234569e+03\n") != std::string::npos);
  CHECK(iotest::sameConfiguration(one(t), c));
  // The rounded layout prints -0.000000 for tiny negatives, as MLIP does.
  CHECK(cfgToString(c).find("    -0.000000    2.500000    0.142857\n") != std::string::npos);
}

TEST(streaming_reader_reads_one_configuration_at_a_time) {
  std::string text;
  for (int i = 0; i < 5; ++i)
    text += "\nBEGIN_CFG\nSize\n1\nAtomData: id type cartes_x cartes_y cartes_z\n1 0 " + std::to_string(i) +
            " 0 0\nEnergy\n" + std::to_string(-i) + "\nEND_CFG\n\n";
  CfgReader reader = CfgReader::fromString(text, "s.cfg");
  Configuration c;
  int n = 0;
  while (reader.next(c)) {
    CHECK(c.positions[0][0] == n);
    CHECK(*c.energy == -n);
    CHECK(reader.lastBeginLine() == 2 + 10 * n);
    ++n;
  }
  CHECK(n == 5 && reader.configurationsRead() == 5);
  CHECK(!reader.next(c));
}

TEST_MAIN()
