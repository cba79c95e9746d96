// The built-in EAM against LAMMPS on every golden case in shared/data/golden/eam (issue 5,
// acceptance 3): energy ≤ 1e-6 eV/atom, forces ≤ 1e-5 eV/Å, PlusStress ≤ 1e-4 eV. Because we
// replicate LAMMPS's tables and splines, a much tighter agreement is expected and checked too
// (limited by the 12-digit printing of the golden files). The analytic Zhou 2004 model and our own
// tabulation of it must agree with LAMMPS on the create.f files to ≤ 1e-5 eV/atom.
#include <cmath>
#include <cstdio>
#include <map>

#include "core/errors.h"
#include "io/cfg_reader.h"
#include "reference/eam_model.h"
#include "reference/eam_golden_cases.h"
#include "testing.h"

using namespace mtp;

namespace {

// The golden PlusStress used 1.6021766208e6 bar per eV/Å³ while LAMMPS converts with 1.6021765e6
// (golden README "Conversion-constant note"); this factor recovers LAMMPS's own virial.
constexpr double kGoldenToLammpsVirial = 160.21766208 / 160.21765;

struct Deviation {
  double energy_per_atom = 0, force = 0, stress = 0;
  void merge(const Deviation& o) {
    energy_per_atom = std::max(energy_per_atom, o.energy_per_atom);
    force = std::max(force, o.force);
    stress = std::max(stress, o.stress);
  }
};

// Maps cfg types (pair_coeff order) onto the model's element order.
std::vector<int> typeMap(const golden::EamCase& c, const EamModel& model) {
  std::vector<int> map;
  if (c.type_elements.empty()) {
    for (int t = 0; t < model.elementCount(); ++t) map.push_back(t);
    return map;
  }
  for (const auto& el : c.type_elements) {
    const auto& names = model.elementNames();
    const auto it = std::find(names.begin(), names.end(), el);
    if (it == names.end()) throw std::runtime_error(c.name + ": element " + el + " not in potential");
    map.push_back(static_cast<int>(it - names.begin()));
  }
  return map;
}

Configuration remapped(Configuration cfg, const std::vector<int>& map) {
  for (int& t : cfg.types) t = map.at(t);
  return cfg;
}

Deviation compare(const EamResult& got, const Configuration& ref) {
  Deviation d;
  const int n = ref.size();
  d.energy_per_atom = std::fabs(got.energy - *ref.energy) / n;
  for (int i = 0; i < n; ++i) d.force = std::max(d.force, (got.forces[i] - ref.forces[i]).cwiseAbs().maxCoeff());
  for (int k = 0; k < 6; ++k)
    d.stress = std::max(d.stress, std::fabs(got.plus_stress[k] - (*ref.plus_stress)[k] * kGoldenToLammpsVirial));
  return d;
}

std::vector<golden::EamCase> runnableCases() {
  std::vector<golden::EamCase> out;
  for (const auto& c : golden::discoverEamCases()) {
    if (!c.missing.empty()) {
      std::fprintf(stderr, "SKIP golden case %s: %s\n", c.name.c_str(), c.missing.c_str());
      continue;
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace

TEST(golden_cases_are_found) {
  const auto cases = golden::discoverEamCases();
  CHECK(cases.size() >= 5);
  int setfl = 0, funcfl = 0;
  for (const auto& c : cases) {
    setfl += c.pair_style == "eam/alloy";
    funcfl += c.pair_style == "eam";
  }
  CHECK(setfl >= 1);
  CHECK(funcfl >= 1);
}

TEST(matches_lammps_on_every_golden_case) {
  int configurations = 0, isolated = 0;
  for (const auto& c : runnableCases()) {
    const EamModel model = EamModel::fromFiles(c.paths);
    const auto map = typeMap(c, model);
    const auto structures = readCfgFile(c.dir + "/structures.cfg");
    const auto results = readCfgFile(c.dir + "/lammps_results.cfg");
    CHECK(structures.size() == results.size());
    CHECK(!structures.empty());
    Deviation worst;
    for (size_t s = 0; s < std::min(structures.size(), results.size()); ++s) {
      const Configuration cfg = remapped(structures[s], map);
      const Configuration& ref = results[s];
      CHECK(ref.energy && ref.plus_stress && ref.hasForces());
      CHECK(cfg.positions == ref.positions);
      const EamResult got = model.evaluate(cfg);
      const Deviation d = compare(got, ref);
      const std::string* name = ref.feature("name");
      if (d.energy_per_atom > 1e-9 || d.force > 1e-9 || d.stress > 1e-7)
        std::fprintf(stderr, "  %s: dE/atom %.2e dF %.2e dS %.2e\n", name ? name->c_str() : "?",
                     d.energy_per_atom, d.force, d.stress);
      // Acceptance tolerances.
      CHECK(d.energy_per_atom <= 1e-6);
      CHECK(d.force <= 1e-5);
      CHECK(d.stress <= 1e-4);
      // LAMMPS replicated: only the printing of the golden values remains (12 decimals for energy,
      // 12 significant digits for forces, 10 decimals for PlusStress).
      CHECK(d.energy_per_atom <= 1e-9);
      CHECK(d.force <= 1e-9);
      CHECK(d.stress <= 1e-7);
      worst.merge(d);
      ++configurations;

      // A structure whose atoms see no periodic image (the cluster in a big box) must give the same
      // energy and forces when read as non-periodic (no Supercell).
      Configuration open = cfg;
      open.lattice = Mat3::Zero();
      if (buildNeighborList(open, model.cutoff()).index.size() ==
          buildNeighborList(cfg, model.cutoff()).index.size()) {
        const EamResult o = model.evaluate(open);
        CHECK_NEAR(o.energy, got.energy, 1e-10);
        for (int i = 0; i < cfg.size(); ++i) CHECK((o.forces[i] - got.forces[i]).norm() <= 1e-10);
        for (int k = 0; k < 6; ++k) CHECK_NEAR(o.plus_stress[k], got.plus_stress[k], 1e-9);
        ++isolated;
      }
    }
    std::fprintf(stderr, "golden %-22s %2zu cfgs: max dE/atom %.2e eV, dF %.2e eV/A, dS %.2e eV\n",
                 c.name.c_str(), structures.size(), worst.energy_per_atom, worst.force, worst.stress);
  }
  std::fprintf(stderr, "%d golden configurations compared, %d also as isolated clusters\n",
               configurations, isolated);
  CHECK(configurations > 0);
  CHECK(isolated > 0);  // the golden sets include a non-periodic cluster
}

TEST(zhou_generator_matches_lammps_on_create_f_files) {
  int compared = 0;
  for (const auto& c : runnableCases()) {
    if (!c.generated_zhou) continue;
    CHECK(!c.type_elements.empty());
    const auto structures = readCfgFile(c.dir + "/structures.cfg");
    const auto results = readCfgFile(c.dir + "/lammps_results.cfg");
    // Types are already in pair_coeff order, which is the order we build the alloy in.
    const EamModel analytic = EamModel::zhou2004(c.type_elements, EamModel::ZhouForm::Analytic);
    const EamModel tabulated = EamModel::zhou2004(c.type_elements, EamModel::ZhouForm::Tabulated);
    Deviation worst_analytic, worst_tabulated, worst_between;
    for (size_t s = 0; s < structures.size(); ++s) {
      const EamResult a = analytic.evaluate(structures[s]);
      const EamResult t = tabulated.evaluate(structures[s]);
      for (const EamResult* r : {&a, &t}) {
        const Deviation d = compare(*r, results[s]);
        CHECK(d.energy_per_atom <= 1e-5);  // acceptance
        // create.f writes single-precision values (~1e-7 relative noise); LAMMPS's spline slopes
        // divide that noise by dr ≈ 0.003 Å, so its forces carry ~1e-4 eV/Å of it.
        CHECK(d.force <= 5e-4);
        CHECK(d.stress <= 5e-3);
        (r == &a ? worst_analytic : worst_tabulated).merge(d);
      }
      // Our double-precision tabulation against the closed forms: only the spline error remains,
      // largest where ρ crosses a branch of F (its second derivative jumps there).
      Configuration as_ref = structures[s];
      as_ref.energy = a.energy;
      as_ref.forces = a.forces;
      as_ref.plus_stress = a.plus_stress;
      const Deviation between = compare(t, as_ref);
      CHECK(between.energy_per_atom <= 5e-8);
      CHECK(between.force <= 1e-4);
      CHECK(between.stress <= 2e-3);
      worst_between.merge(between);
      ++compared;
    }
    for (int form = 0; form < 3; ++form) {
      const Deviation& w = form == 0 ? worst_analytic : form == 1 ? worst_tabulated : worst_between;
      std::fprintf(stderr, "zhou %-12s %-24s max dE/atom %.2e eV, dF %.2e eV/A, dS %.2e eV\n",
                   c.name.c_str(),
                   form == 0 ? "analytic vs LAMMPS:" : form == 1 ? "tabulated vs LAMMPS:" : "tabulated vs analytic:",
                   w.energy_per_atom, w.force, w.stress);
    }
  }
  CHECK(compared > 0);
}

TEST_MAIN()
