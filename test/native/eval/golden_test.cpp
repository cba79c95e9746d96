// Golden comparisons with MLIP-3 outputs (shared/data/golden/Mo/README.md and
// shared/data/mlip-reference/MANIFEST.md): evaluate on the *input* cfg (full-precision positions),
// compare with the rounded calculate_efs output. Tolerances: energy 1e-9 relative, forces
// 2e-6 eV/Å and PlusStress 2e-5 eV absolute (the files keep 6 and 5 decimals); for the random-
// coefficient potentials, whose values reach 1e5, the same plus 1e-9 relative to the largest value.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "eval/batch.h"
#include "eval/compiled_mtp.h"
#include "eval/eval_fixtures.h"
#include "io/cfg_reader.h"
#include "io/mtp_file.h"
#include "testing.h"

using namespace mtp;
using evaltest::dataPath;

namespace {

struct Worst {
  double energy_rel = 0, force = 0, stress = 0, force_scale = 0, stress_scale = 0;
};

Worst compare(const std::string& pot_file, const std::string& in_cfg, const std::string& golden_cfg) {
  const MtpEvaluator ev(compileMtp(readMtpFile(dataPath(pot_file))));
  const std::vector<Configuration> input = readCfgFile(dataPath(in_cfg));
  const std::vector<Configuration> golden = readCfgFile(dataPath(golden_cfg));
  CHECK(input.size() == golden.size());
  const auto results = evaluateBatch(ev, input, EfsOptions{}, 2);
  Worst w;
  for (size_t c = 0; c < std::min(input.size(), golden.size()); ++c) {
    CHECK(results[c].ok);
    if (!results[c].ok) continue;
    const EfsResult& r = results[c].result;
    const Configuration& g = golden[c];
    CHECK(g.energy.has_value() && g.hasForces() && g.plus_stress.has_value());
    if (!g.energy || !g.hasForces() || !g.plus_stress) continue;
    w.energy_rel = std::max(w.energy_rel, std::fabs(r.energy - *g.energy) / std::max(1e-300, std::fabs(*g.energy)));
    for (int i = 0; i < g.size(); ++i) {
      w.force = std::max(w.force, (r.forces[i] - g.forces[i]).cwiseAbs().maxCoeff());
      w.force_scale = std::max(w.force_scale, g.forces[i].cwiseAbs().maxCoeff());
    }
    for (int s = 0; s < 6; ++s) {
      w.stress = std::max(w.stress, std::fabs(r.plus_stress[s] - (*g.plus_stress)[s]));
      w.stress_scale = std::max(w.stress_scale, std::fabs((*g.plus_stress)[s]));
    }
  }
  std::fprintf(stderr, "%s on %s: energy rel %.3g, force %.3g (max %.3g), stress %.3g (max %.3g)\n", pot_file.c_str(),
               in_cfg.c_str(), w.energy_rel, w.force, w.force_scale, w.stress, w.stress_scale);
  return w;
}

void checkTrained(const Worst& w) {
  CHECK(w.energy_rel <= 1e-9);
  CHECK(w.force <= 2e-6);
  CHECK(w.stress <= 2e-5);
}

void checkRandom(const Worst& w) {
  CHECK(w.energy_rel <= 1e-9);
  CHECK(w.force <= 2e-6 + 1e-9 * w.force_scale);
  CHECK(w.stress <= 2e-5 + 1e-9 * w.stress_scale);
}

}  // namespace

TEST(zuo_mo_test_set) {
  checkTrained(compare("mlearn/Mo/mtp.2020.01/fitted.mtp", "mlearn/Mo/cfg/test.cfg", "golden/Mo/efs_test.cfg"));
}
TEST(zuo_mo_training_set) {
  checkTrained(compare("mlearn/Mo/mtp.2020.01/fitted.mtp", "mlearn/Mo/cfg/train.cfg", "golden/Mo/efs_train.cfg"));
}
TEST(random_level16_mo_test_set) {
  checkRandom(compare("golden/Mo/random_coeffs/rand16.mtp", "mlearn/Mo/cfg/test.cfg",
                      "golden/Mo/random_coeffs/efs_test_rand16.cfg"));
}
TEST(random_level20_mo_test_set) {
  checkRandom(compare("golden/Mo/random_coeffs/rand20.mtp", "mlearn/Mo/cfg/test.cfg",
                      "golden/Mo/random_coeffs/efs_test_rand20.cfg"));
}
TEST(mlip3_level10_one_species) {
  checkTrained(compare("mlip-reference/generated-by-mlip3/L10_1species/pot10_s1.almtp",
                       "mlip-reference/mlip3-examples/07.relax/to-relax.cfg",
                       "mlip-reference/generated-by-mlip3/L10_1species/efs10_s1.cfg"));
}
TEST(mlip3_level10_cupd) {
  checkTrained(compare("mlip-reference/generated-by-mlip3/L10_CuPd/pot10_CuPd.almtp",
                       "mlip-reference/mlip3-datasets/CuPd.cfg",
                       "mlip-reference/generated-by-mlip3/L10_CuPd/efs10_CuPd.cfg"));
}
TEST(mlip3_example03) {
  checkTrained(compare("mlip-reference/mlip3-examples/03.calculate_efs/pot.almtp",
                       "mlip-reference/mlip3-examples/03.calculate_efs/train.cfg",
                       "mlip-reference/generated-by-mlip3/mlip3_example03/calculated_by_mlip3.cfg"));
}

TEST_MAIN()
