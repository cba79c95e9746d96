// Zhou 2004 generator: the compiled-in parameters, analytic derivatives, and the tabulation against
// the setfl files that LAMMPS's create.f wrote (shared/data/eam/setfl, single precision).
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/errors.h"
#include "reference/eam_files.h"
#include "reference/zhou2004.h"
#include "testing.h"

using namespace mtp;

namespace {

const std::string kSharedTable = std::string(MTP_SHARED_DATA) + "/eam/zhou2004_parameters.tsv";

// Central difference of a (value, derivative) function.
template <class F>
void checkDerivative(F f, double x, double h, double tol) {
  double v, d, vp, vm, dummy;
  f(x, v, d);
  f(x + h, vp, dummy);
  f(x - h, vm, dummy);
  CHECK_NEAR(d, (vp - vm) / (2 * h), tol * std::max(1.0, std::fabs(d)));
}

}  // namespace

TEST(built_in_table_equals_the_data_file) {
  const auto file = readZhouTable(kSharedTable);
  const auto& built = zhou2004Table();
  CHECK(file.size() == 16);
  CHECK(built.size() == file.size());
  for (size_t i = 0; i < std::min(file.size(), built.size()); ++i) {
    const auto &a = file[i], &b = built[i];
    CHECK(a.name == b.name);
    const double fa[] = {a.re, a.fe, a.rhoe, a.rhos, a.alpha, a.beta, a.A, a.B, a.kappa, a.lambda,
                         a.Fi[0], a.Fi[1], a.Fi[2], a.Fi[3], a.Fm[0], a.Fm[1], a.Fm[2], a.Fm[3],
                         a.eta, a.Fe, a.mass, a.Fm4, a.beta1, a.lambda1, a.rhol, a.rhoh};
    const double fb[] = {b.re, b.fe, b.rhoe, b.rhos, b.alpha, b.beta, b.A, b.B, b.kappa, b.lambda,
                         b.Fi[0], b.Fi[1], b.Fi[2], b.Fi[3], b.Fm[0], b.Fm[1], b.Fm[2], b.Fm[3],
                         b.eta, b.Fe, b.mass, b.Fm4, b.beta1, b.lambda1, b.rhol, b.rhoh};
    for (size_t k = 0; k < sizeof fa / sizeof fa[0]; ++k) CHECK(fa[k] == fb[k]);
    CHECK(a.Z == b.Z);
  }
}

TEST(selection_and_errors) {
  const auto sel = selectZhouElements({"Pd", "Ag"});
  CHECK(sel.size() == 2 && sel[0].name == "Pd" && sel[1].name == "Ag");
  CHECK_THROWS(selectZhouElements({"Ag", "Unobtainium"}));
  CHECK_THROWS(selectZhouElements({"Ag", "Ag"}));
  CHECK_THROWS(selectZhouElements({}));
  std::istringstream bad("element\tre\nCu\t2.5\n");
  CHECK_THROWS(parseZhouTable(bad, "bad.tsv"));
}

TEST(analytic_derivatives_match_finite_differences) {
  for (const auto& pair : std::vector<std::vector<std::string>>{{"Cu", "Ni"}, {"Ag", "Pd"}, {"Fe", "W"}, {"Al", "Mg"}}) {
    const ZhouAlloy alloy(selectZhouElements(pair));
    for (int a = 0; a < 2; ++a) {
      for (double r = 1.2; r < alloy.cutoff(); r += 0.37) {
        checkDerivative([&](double x, double& v, double& d) { alloy.density(a, x, v, d); }, r, 1e-6, 1e-6);
        for (int b = 0; b < 2; ++b)
          checkDerivative([&](double x, double& v, double& d) { alloy.pair(a, b, x, v, d); }, r, 1e-6, 1e-6);
      }
      // All three branches of F (and both cubic coefficients around rhoe).
      const auto& e = alloy.elements()[a];
      for (double f : {0.1, 0.5, 0.8, 0.9, 0.97, 1.03, 1.1, 1.2, 1.6, 3.0})
        checkDerivative([&](double x, double& v, double& d) { alloy.embedding(a, x, v, d); }, f * e.rhoe, 1e-6, 1e-6);
    }
  }
}

TEST(mixed_pair_rule) {
  const ZhouAlloy alloy(selectZhouElements({"Cu", "Au"}));
  for (double r = 2.0; r < 6.0; r += 0.5) {
    double pab, pba, paa, pbb, fa, fb, d;
    alloy.pair(0, 1, r, pab, d);
    alloy.pair(1, 0, r, pba, d);
    alloy.pair(0, 0, r, paa, d);
    alloy.pair(1, 1, r, pbb, d);
    alloy.density(0, r, fa, d);
    alloy.density(1, r, fb, d);
    CHECK_NEAR(pab, pba, 1e-15);
    CHECK_NEAR(pab, 0.5 * (fb / fa * paa + fa / fb * pbb), 1e-13);
  }
}

TEST(tabulation_reproduces_the_create_f_files) {
  namespace fs = std::filesystem;
  int files = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(MTP_SHARED_DATA) / "eam" / "setfl")) {
    const std::string path = entry.path().string();
    if (path.size() < 10 || path.substr(path.size() - 10) != ".eam.alloy") continue;
    const EamTables file = readSetfl(path);
    std::vector<std::string> names;
    for (const auto& e : file.elements) names.push_back(e.name);
    const EamTables ours = ZhouAlloy(selectZhouElements(names)).tabulate();
    CHECK(ours.nr == file.nr && ours.nrho == file.nrho);
    // Same single-precision cutoff and r grid (the file prints 16 digits of the float, so allow
    // the last double bit); drho follows max f, whose float value can differ in its last bits.
    CHECK_NEAR(ours.cutoff / file.cutoff, 1.0, 1e-15);
    CHECK_NEAR(ours.dr / file.dr, 1.0, 1e-15);
    CHECK_NEAR(ours.drho / file.drho, 1.0, 3e-7);
    double worst_F = 0, worst_f = 0, worst_rphi = 0;
    for (int a = 0; a < file.elementCount(); ++a) {
      CHECK(ours.elements[a].atomic_number == file.elements[a].atomic_number);
      CHECK_NEAR(ours.elements[a].mass, file.elements[a].mass, 1e-4 * file.elements[a].mass);
      CHECK_NEAR(ours.elements[a].lattice_constant, file.elements[a].lattice_constant, 1e-4);
      for (int k = 0; k < file.nrho; ++k)
        worst_F = std::max(worst_F, std::fabs(ours.embedding[a][k] - file.embedding[a][k]) /
                                        std::max(1.0, std::fabs(file.embedding[a][k])));
      for (int k = 0; k < file.nr; ++k)
        worst_f = std::max(worst_f, std::fabs(ours.density[a][0][k] - file.density[a][0][k]) /
                                        std::max(1e-3, std::fabs(file.density[a][0][k])));
      for (int b = 0; b <= a; ++b)
        for (int k = static_cast<int>(1.5 / file.dr); k < file.nr; ++k)
          worst_rphi = std::max(worst_rphi, std::fabs(ours.r_phi[a][b][k] - file.r_phi[a][b][k]));
    }
    std::fprintf(stderr, "%s: max rel dF %.2e, rel df %.2e, |d r*phi| (r > 1.5 A) %.2e eV*A\n",
                 entry.path().filename().c_str(), worst_F, worst_f, worst_rphi);
    // Single-precision noise of the tool, amplified by exp and the 20th powers; for F also the
    // drho difference above (1.5e-7 relative shifts ρ ≈ 100 by 1.5e-5).
    CHECK(worst_F <= 5e-6);
    CHECK(worst_f <= 2e-5);
    CHECK(worst_rphi <= 5e-5);
    ++files;
  }
  CHECK(files >= 4);
}

TEST_MAIN()
