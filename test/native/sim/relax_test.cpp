// Relaxation (issue 5, acceptance 2): converged structures satisfy the tolerances (checked by an
// independent evaluation); fcc Cu with the EAM reference reaches the lattice constant of the EAM's
// own energy minimum (found here by golden-section search) within 1e-4 Å; overlapping atoms fail
// that structure only; pressure; FIRE; MLIP-3's relaxations of to-relax.cfg; extrapolation break.
#include <algorithm>
#include <cmath>

#include "active/active_set.h"
#include "eval/compiled_mtp.h"
#include "io/cfg_reader.h"
#include "io/mtp_file.h"
#include "reference/eam_model.h"
#include "sim/relax.h"
#include "sim_fixtures.h"
#include "testing.h"

using namespace mtp;
using namespace sim_test;

namespace {

constexpr double kGPa = 160.21766208;

std::string ref(const std::string& rel) { return std::string(MTP_SHARED_DATA) + "/mlip-reference/" + rel; }

// Largest |F| and |σ − p I| (GPa) of a configuration by a fresh EAM evaluation.
void residuals(const EamModel& eam, const Configuration& c, double pressure, double& f, double& s) {
  const EamResult r = eam.evaluate(c);
  f = 0.0;
  for (const auto& x : r.forces) f = std::max(f, x.norm());
  s = 0.0;
  for (int k = 0; k < 6; ++k) s = std::max(s, std::abs(r.plus_stress[k] / c.volume() * kGPa - (k < 3 ? pressure : 0.0)));
}

double latticeOfMinimum(const EamModel& eam) {
  auto e = [&](double a) { return eam.evaluate(fcc(a)).energy; };
  double lo = 3.3, hi = 3.9;
  const double g = (std::sqrt(5.0) - 1.0) / 2.0;
  double x1 = hi - g * (hi - lo), x2 = lo + g * (hi - lo), f1 = e(x1), f2 = e(x2);
  while (hi - lo > 1e-9) {
    if (f1 < f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - g * (hi - lo);
      f1 = e(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + g * (hi - lo);
      f2 = e(x2);
    }
  }
  return 0.5 * (lo + hi);
}

}  // namespace

TEST(eam_copper_reaches_its_lattice_constant) {
  const EamModel eam = EamModel::zhou2004({"Cu"});
  const double a0 = latticeOfMinimum(eam);
  std::cerr << "EAM Cu minimum by golden section: a = " << a0 << " A\n";
  auto ff = eamForceField(eam);
  auto w = ff->worker();
  for (RelaxMethod method : {RelaxMethod::Bfgs, RelaxMethod::Fire}) {
    RelaxOptions o;
    o.method = method;
    o.max_iter = 2000;
    for (double a : {3.45, 3.75}) {
      const RelaxResult r = relaxStructure(fcc(a), *w, o);
      CHECK(r.outcome == RelaxOutcome::Converged);
      const double a_relaxed = r.final.lattice.row(0).norm();
      std::cerr << (method == RelaxMethod::Bfgs ? "bfgs" : "fire") << " from " << a << ": a = " << a_relaxed << " after "
                << r.iterations << " iterations\n";
      CHECK_NEAR(a_relaxed, a0, 1e-4);
      CHECK_NEAR(r.final.lattice.row(1).norm(), a0, 1e-4);
      CHECK_NEAR(r.final.lattice.row(2).norm(), a0, 1e-4);
    }
  }
}

TEST(converged_structures_satisfy_tolerances) {
  const EamModel eam = EamModel::zhou2004({"Ag", "Pd"});
  auto ff = eamForceField(eam);
  std::vector<Configuration> batch;
  for (int k = 0; k < 4; ++k) {
    Configuration c = fcc(3.95 + 0.03 * k, 2);
    for (int i = 0; i < c.size(); i += 3) c.types[i] = 1;
    rattle(c, 0.1, 7 + k);
    c.lattice(0, 1) = 0.1 * k;  // a little shear
    batch.push_back(c);
  }
  RelaxOptions o;
  o.force_tol = 1e-4;
  o.stress_tol = 1e-3;
  o.max_iter = 3000;
  for (const auto& r : relaxAll(batch, *ff, o, nullptr, 2)) {
    CHECK(r.outcome == RelaxOutcome::Converged);
    double f, s;
    residuals(eam, r.final, 0.0, f, s);
    CHECK(f < o.force_tol);
    CHECK(s < o.stress_tol);
    CHECK(std::abs(*r.final.energy - eam.evaluate(r.final).energy) < 1e-9);
  }
}

TEST(pressure_is_balanced_by_the_stress) {
  const EamModel eam = EamModel::zhou2004({"Cu"});
  auto w = eamForceField(eam)->worker();
  RelaxOptions o;
  o.pressure = 5.0;
  const RelaxResult r0 = relaxStructure(fcc(3.6), *w, RelaxOptions{});
  const RelaxResult r = relaxStructure(fcc(3.6), *w, o);
  CHECK(r.outcome == RelaxOutcome::Converged);
  double f, s;
  residuals(eam, r.final, 5.0, f, s);
  CHECK(s < o.stress_tol);
  CHECK(r.final.volume() < r0.final.volume());
}

TEST(overlapping_atoms_fail_alone) {
  const EamModel eam = EamModel::zhou2004({"Cu"});
  auto ff = eamForceField(eam);
  Configuration good = fcc(3.6, 2);
  rattle(good, 0.05, 3);
  Configuration bad = good;
  bad.positions[5] = bad.positions[4];  // two atoms on top of each other
  Configuration nearly = good;
  nearly.positions[5] = nearly.positions[4] + Vec3(1e-9, 0, 0);
  const auto res = relaxAll({good, bad, nearly, good}, *ff, RelaxOptions{}, nullptr, 2);
  CHECK(res[0].outcome == RelaxOutcome::Converged);
  CHECK(res[1].outcome == RelaxOutcome::MinDistError);
  CHECK(res[2].outcome == RelaxOutcome::MinDistError);
  CHECK(res[3].outcome == RelaxOutcome::Converged);
  CHECK(!res[1].message.empty());
  CHECK(relaxOutcomeName(res[1].outcome) == "relaxation_MINDIST_ERROR");
}

TEST(mlip_relaxations_of_to_relax_are_reproduced) {
  // MLIP-3 `relax` with ini/relax.ini (force 1e-4 eV/A, stress 1e-3 GPa, max step 0.5 A, Wolfe
  // 1e-3 / 0.7, 500 iterations). The 54-atom disordered structures have many local minima and
  // two BFGS implementations take different paths, so a few may end in a neighbouring minimum
  // (seen: 1 of 25 and 2 of 25, within 15 meV/atom, ours lower in two of the three); the rest
  // must agree to 1e-4 eV/atom.
  const auto input = readCfgFile(ref("mlip3-examples/07.relax/to-relax.cfg"));
  RelaxOptions o;
  o.max_step = 0.5;
  o.max_iter = 500;
  struct Case {
    std::string pot, relaxed;
  };
  for (const Case& c : {Case{ref("generated-by-mlip3/L10_1species/pot10_s1.almtp"), ref("generated-by-mlip3/L10_1species/relaxed10_s1.cfg")},
                        Case{ref("mlip3-examples/07.relax/pot.almtp"), ref("generated-by-mlip3/example07_relax/relaxed.cfg")}}) {
    const auto mlip = readCfgFile(c.relaxed);
    CHECK(mlip.size() == input.size());
    auto ff = mtpForceField(MtpEvaluator(compileMtp(readMtpFile(c.pot))), c.pot);
    const auto res = relaxAll(input, *ff, o, nullptr, 2);
    double worst = 0.0, largest_change = 0.0;
    int matched = 0;
    for (size_t k = 0; k < input.size(); ++k) {
      CHECK(res[k].outcome == RelaxOutcome::Converged);
      const double n = input[k].size();
      const double d = std::abs(*res[k].final.energy - *mlip[k].energy) / n;
      worst = std::max(worst, d);
      matched += d < 1e-4;
      if (d >= 1e-4)
        std::cerr << "  cfg " << k + 1 << " (" << n << " atoms): ours " << *res[k].final.energy / n << " mlip " << *mlip[k].energy / n
                  << " eV/atom, iterations " << res[k].iterations << ", volume " << res[k].final.volume() << " vs " << mlip[k].volume() << "\n";
      auto w = ff->worker();
      largest_change = std::max(largest_change, std::abs(w->compute(input[k], false).energy - *mlip[k].energy) / n);
    }
    std::cerr << c.pot << ": largest |E - E_mlip| " << worst << " eV/atom over " << input.size()
              << " structures (" << matched << " within 1e-4), largest relaxation energy " << largest_change << " eV/atom\n";
    CHECK(matched >= static_cast<int>(input.size()) - 2);
    CHECK(worst < 0.02);
  }
}

TEST(extrapolation_break_stops_the_structure_and_preselects) {
  const std::string pot = ref("generated-by-mlip3/L10_1species/pot10_s1.almtp");
  const auto input = readCfgFile(ref("mlip3-examples/07.relax/to-relax.cfg"));
  ActiveSet set(readMtpFile(pot), SelectionSettings{});
  set.addTraining(readCfgFile(ref("mlip3-examples/03.calculate_efs/train.cfg")), 1);  // grades ~1e5 elsewhere
  ExtrapolationMonitor monitor(set, 2.0, 1000.0);
  auto ff = mtpForceField(MtpEvaluator(compileMtp(readMtpFile(pot))), pot);
  RelaxOptions o;
  o.max_step = 0.5;
  const auto res = relaxAll({input[0], input[5]}, *ff, o, &monitor, 2);
  // input[0] is in the active set (grade 1 at the start); input[5] grades 2e5 at once.
  CHECK(res[1].outcome == RelaxOutcome::ExtrapolationBreak);
  CHECK(res[1].max_grade > 1000.0);
  CHECK(!res[1].preselected.empty());
  CHECK(res[1].preselected[0].feature("MV_grade") != nullptr);
  CHECK(res[0].max_grade >= 1.0 - 1e-9);
}

TEST_MAIN()
