// `mtp-engine new-potential`: writes a readable untrained potential, reports counts with --json,
// and rejects bad arguments with exit code 2.
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

TEST(bad_arguments_are_usage_errors) {
  CHECK(runEngine("new-potential --level 30 x.mtp").code == 2);
  CHECK(runEngine("new-potential --level 1 x.mtp").code == 2);
  CHECK(runEngine("new-potential x.mtp").code == 2);
  CHECK(runEngine("new-potential --level 8").code == 2);
  CHECK(runEngine("new-potential --level 8 --species 0 x.mtp").code == 2);
  CHECK(runEngine("new-potential --level 8 --min-dist 5 --max-dist 4 x.mtp").code == 2);
}

TEST(an_unwritable_output_is_a_runtime_error) {
  CHECK(runEngine("new-potential --level 8 /nonexistent-dir/x.mtp").code == 1);
}

TEST_MAIN()
