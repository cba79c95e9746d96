// select-add (issue 5, acceptance 1): never more than n_params, at most --limit, deterministic,
// and after adding the selection to the training set a second run on the same pool selects
// nothing — with and without a saved state; 1 and 2 species. Also the maxvol update itself and
// the site-energy rows of nbh mode.
#include <algorithm>
#include <random>

#include "active/active_set.h"
#include "active/maxvol.h"
#include "active/selection_rows.h"
#include "active_fixtures.h"
#include "eval/compiled_mtp.h"
#include "testing.h"

using namespace mtp;
using namespace active_test;

namespace {

// Strained and rattled variants of the configurations: a pool that partly extrapolates.
std::vector<Configuration> pool(const std::vector<Configuration>& base, int per, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  std::vector<Configuration> out;
  for (const auto& cfg : base)
    for (int k = 0; k < per; ++k) {
      Configuration c = scaled(cfg, 1.0 + 0.04 * u(rng));
      for (auto& p : c.positions) p += 0.08 * Vec3(u(rng), u(rng), u(rng));
      c.energy.reset();
      c.forces.clear();
      c.plus_stress.reset();
      out.push_back(c);
    }
  return out;
}

void checkSelectAddCycle(const std::string& pot, std::vector<Configuration> train,
                         const std::vector<Configuration>& candidates, GradeMode mode) {
  SelectionSettings s;
  s.mode = mode;
  ActiveSet first(readMtpFile(pot), s);
  first.addTraining(train, 2);
  SelectAddOptions opt;
  opt.batch_size = 17;  // several batches and passes
  const SelectAddResult r1 = first.selectAdd(train, candidates, opt, 2);
  std::cerr << "selected " << r1.selected.size() << " of " << candidates.size() << " (n_params "
            << first.parameterCount() << ", " << r1.passes << " passes, max grade before " << r1.max_grade_before << ")\n";
  CHECK(!r1.selected.empty());
  CHECK(static_cast<int>(r1.selected.size()) <= first.parameterCount());
  CHECK(std::is_sorted(r1.selected.begin(), r1.selected.end()));
  // Every candidate is now inside (≤ select threshold).
  for (const auto& g : first.grade(candidates, 2)) CHECK(g.grade <= opt.select_threshold);

  // Deterministic, and independent of the thread count and the batch size's remainder.
  {
    ActiveSet again(readMtpFile(pot), s);
    again.addTraining(train, 1);
    const SelectAddResult r = again.selectAdd(train, candidates, opt, 1);
    CHECK(r.selected == r1.selected);
  }

  for (int idx : r1.selected) train.push_back(candidates[idx]);
  // With the saved state (the app's loop): nothing at all changes.
  {
    const int swaps = first.addTraining(train, 2);
    CHECK(swaps == 0);
    const SelectAddResult r = first.selectAdd(train, candidates, opt, 2);
    CHECK(r.selected.empty());
    CHECK(r.swaps == 0);
  }
  // From scratch on the enlarged training set.
  {
    ActiveSet fresh(readMtpFile(pot), s);
    fresh.addTraining(train, 2);
    const SelectAddResult r = fresh.selectAdd(train, candidates, opt, 2);
    CHECK(r.selected.empty());
  }
}

}  // namespace

TEST(maxvol_swaps_increase_volume_and_track_the_inverse) {
  std::mt19937 rng(3);
  std::normal_distribution<double> g(0.0, 1.0);
  const int n = 12, m = 40;
  Eigen::MatrixXd b(m, n);
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < n; ++j) b(i, j) = g(rng) * (1.0 + j);
  std::vector<RowOwner> owners;
  for (int i = 0; i < m; ++i) owners.push_back({i, -1});
  Maxvol mv(n, 1e-6);
  const int swaps = mv.select(b, owners, 1.0001, 1.0001);
  CHECK(swaps >= n);
  // Rows of A are offered rows; their coefficients are unit vectors; all others ≤ threshold.
  const Eigen::MatrixXd c = mv.coefficients(b);
  for (int r = 0; r < n; ++r) {
    const long o = mv.owners()[r].cfg;
    CHECK(o >= 0);
    CHECK((mv.matrix().row(r) - b.row(o)).norm() == 0.0);
    CHECK_NEAR(c(o, r), 1.0, 1e-12);
    CHECK_NEAR(c.row(o).cwiseAbs().sum(), 1.0, 1e-11);
  }
  CHECK(c.cwiseAbs().maxCoeff() <= 1.0001 + 1e-12);
  // coefficients() agrees with an explicit inverse.
  CHECK((c - b * mv.matrix().inverse()).cwiseAbs().maxCoeff() < 1e-10);
  // Nothing happens below the start threshold.
  Maxvol same = mv;
  CHECK(same.select(b, owners, 1.0001, 1.5) == 0);
}

TEST(site_energy_rows_sum_to_the_configuration_row) {
  const MtpPotential pot = readMtpFile(potCuPd());
  const MtpEvaluator ev(compileMtp(pot));
  const auto cfgs = readCfgFile(cuPd());
  EvalWorkspace ws;
  for (int c : {0, 100, 400}) {
    const Configuration& cfg = cfgs[c];
    const NeighborList nl = buildNeighborList(cfg, ev.cutoff());
    std::vector<double> site;
    const Eigen::MatrixXd rows = siteEnergyGradients(ev, cfg, nl, ws, &site);
    EfsOptions opt;
    opt.site_energies = true;
    opt.energy_gradient = true;
    const EfsResult r = ev.compute(cfg, nl, opt, ws);
    const Eigen::RowVectorXd total = Eigen::Map<const Eigen::RowVectorXd>(r.energy_gradient.data(), r.energy_gradient.size());
    CHECK((rows.colwise().sum() - total).cwiseAbs().maxCoeff() < 1e-9 * (1.0 + total.cwiseAbs().maxCoeff()));
    for (int i = 0; i < cfg.size(); ++i) CHECK_NEAR(site[i], r.site_energies[i], 1e-10);
    // cfg-mode row = ∂E/∂θ / N.
    const Eigen::MatrixXd row = selectionRows(ev, cfg, GradeMode::Cfg, RowWeighting::Vibrations, ws);
    CHECK((row * cfg.size() - total).cwiseAbs().maxCoeff() < 1e-10 * (1.0 + total.cwiseAbs().maxCoeff()));
  }
}

TEST(select_add_one_species) {
  const auto base = readCfgFile(toRelax());
  checkSelectAddCycle(pot1(), readCfgFile(train2()), pool(base, 3, 11), GradeMode::Cfg);
}

TEST(select_add_two_species) {
  const auto all = readCfgFile(cuPd());
  std::vector<Configuration> train(all.begin(), all.begin() + 20);
  std::vector<Configuration> rest(all.begin() + 20, all.begin() + 200);
  checkSelectAddCycle(potCuPd(), train, pool(rest, 1, 5), GradeMode::Cfg);
}

TEST(select_add_neighbourhood_mode) {
  const auto base = readCfgFile(toRelax());
  std::vector<Configuration> few(base.begin(), base.begin() + 6);
  checkSelectAddCycle(pot1(), readCfgFile(train2()), pool(few, 2, 17), GradeMode::Nbh);
}

TEST(select_add_respects_limit) {
  const auto base = readCfgFile(toRelax());
  const auto train = readCfgFile(train2());
  const auto candidates = pool(base, 2, 23);
  for (int limit : {1, 3, 7}) {
    ActiveSet set(readMtpFile(pot1()), SelectionSettings{});
    set.addTraining(train, 2);
    SelectAddOptions opt;
    opt.limit = limit;
    opt.batch_size = 10;
    const auto r = set.selectAdd(train, candidates, opt, 2);
    CHECK(static_cast<int>(r.selected.size()) == limit);  // the pool extrapolates far more
  }
}

TEST_MAIN()
