// calc-grade, select-add, relax and md end to end through the engine binary: MLIP's grades, the
// state file (written, reused, refused for another potential), select-add's repeat selecting
// nothing, relax outcomes and outputs, md's break report, and the JSON-lines protocol.

#include <filesystem>
#include <string>
#include <vector>

#include "core/engine_protocol.h"
#include "io/cfg_reader.h"
#include "io/cfg_writer.h"
#include "engine_process.h"
#include "testing.h"

using namespace mtp;

namespace {

using cli_test::engine;
using cli_test::lines;
using cli_test::Run;

std::string tmp(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("mtp_al_cli_" + name)).string();
}
std::string ref(const std::string& rel) { return std::string(MTP_SHARED_DATA) + "/mlip-reference/" + rel; }
const std::string kPot = ref("generated-by-mlip3/L10_1species/pot10_s1.almtp");
const std::string kToRelax = ref("mlip3-examples/07.relax/to-relax.cfg");
const std::string kTrain2 = ref("mlip3-examples/03.calculate_efs/train.cfg");

}  // namespace

TEST(calc_grade_matches_mlip_and_keeps_its_state) {
  const std::string out = tmp("graded.cfg"), state = tmp("state.als");
  std::filesystem::remove(state);
  Run r = engine({"calc-grade", kPot, kTrain2, kToRelax, out, "--state", state, "--jsonl"});
  CHECK(r.exit_code == 0);
  std::string why;
  CHECK(validateProtocolStream(lines(r.out), &why));
  const auto got = readCfgFile(out);
  const auto mlip = readCfgFile(ref("generated-by-mlip3/L10_1species/graded10_s1_state2cfgs.cfg"));
  CHECK(got.size() == mlip.size());
  for (size_t c = 0; c < std::min(got.size(), mlip.size()); ++c)
    CHECK(got[c].feature("MV_grade") && *got[c].feature("MV_grade") == *mlip[c].feature("MV_grade"));
  CHECK(std::filesystem::exists(state));
  // The state alone (no training set) gives the same grades.
  r = engine({"calc-grade", kPot, "-", kToRelax, out, "--state", state});
  CHECK(r.exit_code == 0);
  const auto again = readCfgFile(out);
  for (size_t c = 0; c < std::min(got.size(), again.size()); ++c) CHECK(*again[c].feature("MV_grade") == *got[c].feature("MV_grade"));
  // Another potential is refused (input error naming the state file).
  r = engine({"calc-grade", ref("mlip3-examples/03.calculate_efs/pot.almtp"), "-", kToRelax, out, "--state", state, "--jsonl"});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("another potential") != std::string::npos);
  // Neighbourhood mode cannot reuse a cfg-mode state.
  CHECK(engine({"calc-grade", kPot, "-", kToRelax, out, "--state", state, "--mode", "nbh"}).exit_code == 2);
  r = engine({"calc-grade", kPot, kToRelax, kToRelax, out, "--mode", "nbh"});
  CHECK(r.exit_code == 0);
  for (const auto& c : readCfgFile(out)) {
    CHECK(c.feature("MV_grade_atom") != nullptr);
    CHECK(std::stod(*c.feature("MV_grade")) <= 1.001);
  }
  std::filesystem::remove(out);
  std::filesystem::remove(state);
}

TEST(select_add_twice_selects_nothing_the_second_time) {
  // Candidates: the 25 structures compressed by 3 %.
  auto cands = readCfgFile(kToRelax);
  for (auto& c : cands) {
    c.lattice *= 0.97;
    for (auto& p : c.positions) p *= 0.97;
  }
  const std::string pool = tmp("pool.cfg"), train = tmp("train.cfg"), sel = tmp("selected.cfg"), state = tmp("sa_state.als");
  writeCfgFile(pool, cands);
  auto tr = readCfgFile(kTrain2);
  writeCfgFile(train, tr);
  std::filesystem::remove(state);
  Run r = engine({"select-add", kPot, train, pool, sel, "--limit", "5", "--json"});
  CHECK(r.exit_code == 0);
  CHECK(readCfgFile(sel).size() == 5);
  r = engine({"select-add", kPot, train, pool, sel, "--state", state, "--json"});
  CHECK(r.exit_code == 0);
  const auto chosen = readCfgFile(sel);
  CHECK(!chosen.empty() && chosen.size() <= 41);
  for (const auto& c : chosen) CHECK(c.feature("MV_grade") != nullptr);
  for (const auto& c : chosen) tr.push_back(c);
  writeCfgFile(train, tr);
  for (bool with_state : {true, false}) {
    std::vector<std::string> args = {"select-add", kPot, train, pool, sel, "--json"};
    if (with_state) args.insert(args.end(), {"--state", state});
    r = engine(args);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("\"selected\":0") != std::string::npos);
    CHECK(readCfgFile(sel).empty());
  }
  for (const auto& f : {pool, train, sel, state}) std::filesystem::remove(f);
}

TEST(relax_writes_outcomes_and_isolates_failures) {
  Configuration cu;
  cu.lattice = Mat3::Identity() * 3.5;
  cu.positions = {Vec3(0, 0, 0), Vec3(1.75, 1.75, 0), Vec3(1.75, 0, 1.75), Vec3(0, 1.75, 1.75)};
  cu.types = {0, 0, 0, 0};
  Configuration bad = cu;
  bad.positions[1] = bad.positions[0];
  const std::string in = tmp("relax_in.cfg"), out = tmp("relaxed.cfg"), un = tmp("unrelaxed.cfg");
  writeCfgFile(in, {cu, bad, cu});
  const Run r = engine({"relax", in, "--relaxed", out, "--unrelaxed", un, "--eam-elements", "Cu", "--jsonl"});
  CHECK(r.exit_code == 0);
  std::string why;
  CHECK(validateProtocolStream(lines(r.out), &why));
  const auto relaxed = readCfgFile(out), unrelaxed = readCfgFile(un);
  CHECK(relaxed.size() == 2);
  CHECK(unrelaxed.size() == 1);
  for (const auto& c : relaxed) {
    CHECK(*c.feature("from") == "relaxation_OK");
    CHECK(c.feature("min_dist") != nullptr);
    CHECK_NEAR(c.lattice(0, 0), 3.615, 0.01);
  }
  CHECK(unrelaxed.size() == 1 && *unrelaxed[0].feature("from") == "relaxation_MINDIST_ERROR");
  // With the MTP and a 2-configuration state, extrapolation breaks and preselects.
  const std::string state = tmp("relax_state.als"), pre = tmp("pre.cfg"), graded = tmp("graded.cfg");
  std::filesystem::remove(state);
  CHECK(engine({"calc-grade", kPot, kTrain2, kTrain2, graded, "--state", state}).exit_code == 0);
  const Run m = engine({"relax", kPot, kToRelax, "--relaxed", out, "--unrelaxed", un, "--state", state, "--select", "2",
                        "--break", "100", "--preselected", pre, "--max-step", "0.5", "--json"});
  CHECK(m.exit_code == 0);
  CHECK(m.out.find("relaxation_EXTRAPOLATION_BREAK") != std::string::npos);
  CHECK(!readCfgFile(pre).empty());
  for (const auto& f : {in, out, un, state, pre, graded}) std::filesystem::remove(f);
}

TEST(md_reports_the_step_reached) {
  const std::string state = tmp("md_state.als"), graded = tmp("md_graded.cfg"), one = tmp("md_one.cfg");
  std::filesystem::remove(state);
  CHECK(engine({"calc-grade", kPot, kToRelax, kToRelax, graded, "--state", state}).exit_code == 0);
  writeCfgFile(one, {readCfgFile(kToRelax)[0]});
  const Run r = engine({"md", kPot, one, "--masses", "63.546", "--steps", "50", "--temperature", "2000", "--state", state,
                        "--select", "1.05", "--break", "1.5", "--json"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("\"broke\":1") != std::string::npos);
  CHECK(r.out.find("\"steps_done\":[50]") == std::string::npos);
  // NVE with the EAM and no monitor runs all steps.
  const Run e = engine({"md", one, "--eam-elements", "Cu", "--steps", "20", "--json"});
  CHECK(e.exit_code == 0);
  CHECK(e.out.find("\"steps_done\":[20]") != std::string::npos);
  for (const auto& f : {state, graded, one}) std::filesystem::remove(f);
}

TEST_MAIN()
