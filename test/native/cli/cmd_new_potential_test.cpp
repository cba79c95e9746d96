// `mtp-engine new-potential`: writes a readable untrained potential, reports counts with --json,
// and rejects bad arguments with exit code 2; `--init random` gives a seeded potential that
// active learning can select with from an empty training set.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>

#include "core/json.h"
#include "io/mtp_file.h"
#include "testing.h"

namespace {

struct Run {
  int code;
  std::string out;
};

Run runEngine(const std::string& args) {
  const std::string outFile = "new_potential_test.stdout";
  const std::string cmd = std::string(MTP_ENGINE_BIN) + " " + args + " > " + outFile + " 2> /dev/null";
  const int status = std::system(cmd.c_str());
  std::ifstream in(outFile);
  std::ostringstream s;
  s << in.rdbuf();
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, s.str()};
}

}  // namespace

TEST(writes_a_two_species_level_16_potential_and_reports_counts) {
  const std::string path = "new_potential_test_16.mtp";
  std::remove(path.c_str());
  const Run r = runEngine("new-potential --level 16 --species 2 --min-dist 1.8 --max-dist 5.5 "
                          "--radial-basis-size 10 --json " + path);
  CHECK(r.code == 0);
  mtp::JsonValue json;
  std::string error;
  CHECK(mtp::parseJson(r.out, &json, &error));
  const mtp::JsonValue* basis = json.get("basis_functions");
  const mtp::JsonValue* params = json.get("n_params");
  CHECK(basis && basis->number == 92);
  // n_params = C^2 K R + C + m = 4 * 4 * 10 + 2 + 92.
  CHECK(params && params->number == 4 * 4 * 10 + 2 + 92);
  const mtp::MtpPotential pot = mtp::readMtpFile(path);
  CHECK(pot.species_count == 2);
  CHECK(pot.min_dist == 1.8 && pot.max_dist == 5.5);
  CHECK(pot.radial_basis_size == 10);
  CHECK(pot.scalarCount() == 92);
  CHECK(pot.paramCount() == 4 * 4 * 10 + 2 + 92);
}

TEST(random_init_has_seeded_radial_and_zero_linear_coefficients) {
  const std::string a = "new_potential_test_r1.mtp", b = "new_potential_test_r1b.mtp", c = "new_potential_test_r2.mtp";
  CHECK(runEngine("new-potential --level 10 --species 2 --init random --seed 1 " + a).code == 0);
  CHECK(runEngine("new-potential --level 10 --species 2 --init random --seed 1 " + b).code == 0);
  CHECK(runEngine("new-potential --level 10 --species 2 --init random --seed 2 " + c).code == 0);
  const mtp::MtpPotential p1 = mtp::readMtpFile(a), p1b = mtp::readMtpFile(b), p2 = mtp::readMtpFile(c);
  CHECK(p1.trained());
  CHECK(p1.radial_coeffs == p1b.radial_coeffs);  // same seed, same numbers
  CHECK(p1.radial_coeffs != p2.radial_coeffs);
  bool nonzero = false;
  for (const auto& pair : p1.radial_coeffs)
    for (const auto& mu : pair)
      for (double v : mu) nonzero = nonzero || v != 0.0;
  CHECK(nonzero);
  for (double v : p1.species_coeffs) CHECK(v == 0.0);
  for (double v : p1.moment_coeffs) CHECK(v == 0.0);
  CHECK(static_cast<int>(p1.moment_coeffs.size()) == p1.scalarCount());
}

TEST(random_init_selects_at_most_the_linear_parameters_from_an_empty_training_set) {
  // With zero linear coefficients the rows' radial block is zero, so maxvol can only fill the
  // C + m linear directions: a level-10 binary potential selects at most 2 + 16 configurations.
  const std::string pot = "new_potential_test_sel.mtp", empty = "new_potential_test_empty.cfg";
  const std::string cands = "new_potential_test_cands.cfg", sel = "new_potential_test_sel.cfg";
  CHECK(runEngine("new-potential --level 10 --species 2 --init random --seed 1 " + pot).code == 0);
  std::ofstream(empty).close();
  CHECK(runEngine("enumerate --lattice fcc --elements Ag,Pd --max-atoms 6 --a 4.09,3.89 " + cands).code == 0);
  const Run r = runEngine("select-add " + pot + " " + empty + " " + cands + " " + sel + " --json");
  CHECK(r.code == 0);
  mtp::JsonValue json;
  std::string error;
  CHECK(mtp::parseJson(r.out, &json, &error));
  const mtp::JsonValue* n = json.get("selected");
  CHECK(n && n->number >= 2 && n->number <= 18);
  // Running again after adding the selection selects nothing.
  const Run again = runEngine("select-add " + pot + " " + sel + " " + cands + " " + sel + ".2 --json");
  CHECK(again.code == 0);
  CHECK(mtp::parseJson(again.out, &json, &error));
  CHECK(json.get("selected") && json.get("selected")->number == 0);
}

TEST(bad_arguments_are_usage_errors) {
  CHECK(runEngine("new-potential --level 30 x.mtp").code == 2);
  CHECK(runEngine("new-potential --level 1 x.mtp").code == 2);
  CHECK(runEngine("new-potential x.mtp").code == 2);
  CHECK(runEngine("new-potential --level 8").code == 2);
  CHECK(runEngine("new-potential --level 8 --species 0 x.mtp").code == 2);
  CHECK(runEngine("new-potential --level 8 --min-dist 5 --max-dist 4 x.mtp").code == 2);
  CHECK(runEngine("new-potential --level 8 --init gaussian x.mtp").code == 2);
  CHECK(runEngine("new-potential --level 8 --seed 3 x.mtp").code == 2);
}

TEST(an_unwritable_output_is_a_runtime_error) {
  CHECK(runEngine("new-potential --level 8 /nonexistent-dir/x.mtp").code == 1);
}

TEST_MAIN()
