// The active-learning state file (active/als_state.h): exact round trip, refusal of another
// potential, of other versions and of truncated files.
#include <cstdio>
#include <filesystem>

#include "active/als_state.h"
#include "active_fixtures.h"
#include "core/errors.h"
#include "testing.h"

using namespace mtp;
using namespace active_test;

TEST(round_trip_keeps_matrix_owners_and_grades) {
  const auto cfgs = readCfgFile(toRelax());
  SelectionSettings s;
  s.mode = GradeMode::Nbh;
  s.init_threshold = 3e-6;
  ActiveSet set(readMtpFile(pot1()), s);
  set.addTraining(readCfgFile(train2()), 2);
  const std::string path = (std::filesystem::temp_directory_path() / "mtp_als_state_test.als").string();
  writeActiveLearningState(path, set);
  const ActiveSet back = readActiveLearningState(path);
  CHECK(back.settings().mode == GradeMode::Nbh);
  CHECK(back.settings().init_threshold == 3e-6);
  CHECK(back.maxvol().matrix() == set.maxvol().matrix());
  CHECK(back.maxvol().owners() == set.maxvol().owners());
  CHECK(back.configurations().size() == set.configurations().size());
  const auto g1 = set.grade(cfgs, 2), g2 = back.grade(cfgs, 2);
  for (size_t c = 0; c < cfgs.size(); ++c) CHECK(g1[c].grade == g2[c].grade);
  // Same text again: writing is deterministic.
  CHECK(activeLearningStateToString(back) == activeLearningStateToString(set));
  requireSamePotential(back, readMtpFile(pot1()), path);
  std::remove(path.c_str());
}

TEST(refuses_another_potential) {
  ActiveSet set(readMtpFile(pot1()), SelectionSettings{});
  set.addTraining(readCfgFile(train2()), 1);
  const ActiveSet back = parseActiveLearningState(activeLearningStateToString(set), "s.als");
  // The MLIP-3 example potential has the same level and species but other coefficients.
  CHECK_THROWS(requireSamePotential(back, readMtpFile(ref("mlip3-examples/03.calculate_efs/pot.almtp")), "s.als"));
  MtpPotential changed = readMtpFile(pot1());
  changed.moment_coeffs[3] *= 1.0 + 1e-9;
  CHECK_THROWS(requireSamePotential(back, changed, "s.als"));
}

TEST(refuses_other_versions_and_truncated_files) {
  ActiveSet set(readMtpFile(pot1()), SelectionSettings{});
  set.addTraining(readCfgFile(train2()), 1);
  const std::string text = activeLearningStateToString(set);
  std::string v2 = text;
  v2.replace(0, std::string("mtp-studio-als 1").size(), "mtp-studio-als 2");
  try {
    parseActiveLearningState(v2, "v2.als");
    CHECK(false);
  } catch (const InputError& e) {
    CHECK(e.line() == 1);
    CHECK(std::string(e.what()).find("version 2") != std::string::npos);
  }
  CHECK_THROWS(parseActiveLearningState(text.substr(0, text.size() / 2), "half.als"));
  CHECK_THROWS(parseActiveLearningState("BEGIN_CFG\n", "cfg.als"));
}

TEST_MAIN()
