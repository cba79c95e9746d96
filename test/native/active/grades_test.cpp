// Extrapolation grades against MLIP-3's calculate_grade (generated-by-mlip3/L10_1species) and the
// maxvol invariants of issue 5: active-set members grade 1, other training configurations ≤ the
// swap threshold, compressed configurations ≫ 1; for 1 and 2 species.
#include <algorithm>

#include "active/active_set.h"
#include "active_fixtures.h"
#include "testing.h"

using namespace mtp;
using namespace active_test;

namespace {

ActiveSet buildSet(const std::string& pot, const std::vector<Configuration>& train, GradeMode mode = GradeMode::Cfg) {
  SelectionSettings s;
  s.mode = mode;
  ActiveSet set(readMtpFile(pot), s);
  set.addTraining(train, 2);
  return set;
}

}  // namespace

TEST(full_active_set_reproduces_mlip_grades_of_one) {
  const auto cfgs = readCfgFile(toRelax());
  const auto mlip = readCfgFile(ref("generated-by-mlip3/L10_1species/graded10_s1.cfg"));
  ActiveSet set = buildSet(pot1(), cfgs);
  CHECK(set.configurations().size() == 25);  // 25 independent rows < 41 parameters: all enter
  const auto g = set.grade(cfgs, 2);
  for (size_t c = 0; c < cfgs.size(); ++c) {
    CHECK(g[c].ok);
    CHECK_NEAR(g[c].grade, 1.0, 1e-9);
    CHECK_NEAR(g[c].grade, featureNumber(mlip[c], "MV_grade"), 1e-6);  // MLIP prints 6 decimals
  }
}

TEST(two_configuration_active_set_reproduces_mlip_grades) {
  // MLIP-3 state rebuilt from the 2 cfgs of 03.calculate_efs/train.cfg (init_value 1e-6): the 39
  // empty rows make grades of other configurations ~1e5..3e6.
  const auto cfgs = readCfgFile(toRelax());
  const auto mlip = readCfgFile(ref("generated-by-mlip3/L10_1species/graded10_s1_state2cfgs.cfg"));
  ActiveSet set = buildSet(pot1(), readCfgFile(train2()));
  CHECK(set.configurations().size() == 2);
  const auto g = set.grade(cfgs, 2);
  double worst = 0.0;
  for (size_t c = 0; c < cfgs.size(); ++c) {
    const double want = featureNumber(mlip[c], "MV_grade");
    worst = std::max(worst, testing::relDiff(g[c].grade, want, 1e-300));
  }
  std::cerr << "largest relative difference to MLIP's grades: " << worst << "\n";
  CHECK(worst < 1e-8);
  CHECK_NEAR(g[0].grade, 1.0, 1e-9);
  CHECK_NEAR(g[1].grade, 1.0, 1e-9);
}

TEST(compressed_configurations_extrapolate) {
  const auto cfgs = readCfgFile(toRelax());
  ActiveSet set = buildSet(pot1(), cfgs);
  std::vector<Configuration> squeezed;
  for (int c = 0; c < 5; ++c) squeezed.push_back(scaled(cfgs[c], 0.8));
  for (const auto& g : set.grade(squeezed, 2)) {
    CHECK(g.ok);
    CHECK(g.grade > 100.0);
  }
}

TEST(two_species_members_one_others_inside_compressed_outside) {
  const auto all = readCfgFile(cuPd());
  ActiveSet set = buildSet(potCuPd(), all);
  CHECK(set.parameterCount() == 114);
  CHECK(set.configurations().size() <= 114);
  CHECK(set.configurations().size() >= 100);
  // Members (as stored in the state) grade 1; every training configuration ≤ swap threshold.
  for (const auto& g : set.grade(set.configurations(), 2)) CHECK_NEAR(g.grade, 1.0, 1e-9);
  const auto g = set.grade(all, 2);
  double max_inside = 0.0;
  int exactly_one = 0;
  for (const auto& x : g) {
    max_inside = std::max(max_inside, x.grade);
    exactly_one += std::abs(x.grade - 1.0) <= 1e-9;
  }
  CHECK(max_inside <= set.settings().swap_threshold + 1e-12);
  CHECK(exactly_one >= static_cast<int>(set.configurations().size()));
  // A supercell of a training configuration has the same row (∂E/∂θ / N): same grade.
  const Configuration big = supercell(all[7], 2, 1, 1);
  CHECK_NEAR(set.grade({big}, 1)[0].grade, g[7].grade, 1e-8);
  // 20 % compression leaves the training domain.
  std::vector<Configuration> squeezed;
  for (int c = 0; c < 523; c += 50) squeezed.push_back(scaled(all[c], 0.8));
  for (const auto& s : set.grade(squeezed, 2)) CHECK(s.grade > 10.0);
}

TEST(neighbourhood_mode_grades_every_atom) {
  const auto cfgs = readCfgFile(toRelax());
  ActiveSet set = buildSet(pot1(), cfgs, GradeMode::Nbh);
  // Owners of rows are atoms; each owner atom grades 1 within its configuration.
  for (const RowOwner& o : set.maxvol().owners()) {
    if (o.cfg < 0) continue;
    const auto g = set.grade({set.configurations()[o.cfg]}, 1)[0];
    CHECK(o.atom >= 0);
    CHECK_NEAR(g.atom_grades[o.atom], 1.0, 1e-9);
  }
  for (const auto& g : set.grade(cfgs, 2)) CHECK(g.grade <= set.settings().swap_threshold + 1e-12);
  // Push atom 5 of cfg 3 to 1.6 Å from atom 0's position: the two neighbourhoods extrapolate most.
  Configuration bad = cfgs[3];
  const Vec3 d = (bad.positions[5] - bad.positions[0]).normalized();
  bad.positions[5] = bad.positions[0] + 1.6 * d;
  const auto g = set.grade({bad}, 1)[0];
  CHECK(g.grade > 10.0);
  CHECK(static_cast<int>(g.atom_grades.size()) == bad.size());
  std::vector<int> order(bad.size());
  for (int i = 0; i < bad.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](int a, int b) { return g.atom_grades[a] > g.atom_grades[b]; });
  CHECK(g.worst_atom == order[0]);
  CHECK((order[0] == 5 || order[0] == 0) && (order[1] == 5 || order[1] == 0));
}

TEST_MAIN()
