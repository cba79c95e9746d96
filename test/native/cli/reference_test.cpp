// `mtp-engine reference eam` end to end: outputs against LAMMPS on the golden cases, the engine
// protocol, provenance, exit codes, and the setfl written by --write-setfl.
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "core/engine_protocol.h"
#include "io/cfg_reader.h"
#include "reference/eam_golden_cases.h"
#include "engine_process.h"
#include "testing.h"

using namespace mtp;

namespace {

using cli_test::engine;
using cli_test::lines;
using cli_test::Run;

std::string tempPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("mtp_reference_test_" + name)).string();
}

// Largest deviations from the LAMMPS results (PlusStress converted back to LAMMPS's constant, see
// the golden README).
void compareToLammps(const std::vector<Configuration>& got, const std::vector<Configuration>& ref,
                     double energy_tol, double force_tol, double stress_tol) {
  CHECK(got.size() == ref.size());
  for (size_t s = 0; s < std::min(got.size(), ref.size()); ++s) {
    const int n = ref[s].size();
    CHECK(got[s].energy.has_value() && got[s].hasForces() && got[s].plus_stress.has_value());
    if (!got[s].energy || !got[s].hasForces() || !got[s].plus_stress) continue;
    CHECK_NEAR(*got[s].energy / n, *ref[s].energy / n, energy_tol);
    for (int i = 0; i < n; ++i)
      for (int k = 0; k < 3; ++k) CHECK_NEAR(got[s].forces[i][k], ref[s].forces[i][k], force_tol);
    for (int k = 0; k < 6; ++k)
      CHECK_NEAR((*got[s].plus_stress)[k], (*ref[s].plus_stress)[k] * (160.21766208 / 160.21765), stress_tol);
    const std::string* by = got[s].feature("EFS_by");
    CHECK(by && by->find("mtp-engine") == 0 && by->find("reference") != std::string::npos);
    // Features of the input survive.
    CHECK(got[s].feature("name") && ref[s].feature("name") && *got[s].feature("name") == *ref[s].feature("name"));
  }
}

}  // namespace

TEST(every_golden_case_through_the_cli) {
  int ran = 0;
  for (const auto& c : golden::discoverEamCases()) {
    if (!c.missing.empty()) {
      std::fprintf(stderr, "SKIP %s: %s\n", c.name.c_str(), c.missing.c_str());
      continue;
    }
    std::vector<std::string> args = {"reference", "eam"};
    for (const auto& p : c.paths) args.insert(args.end(), {"--potential", p});
    const std::string out = tempPath(c.name + ".cfg");
    args.insert(args.end(), {c.dir + "/structures.cfg", out});
    const auto ref = readCfgFile(c.dir + "/lammps_results.cfg");

    // MLIP's fixed widths: energy 12 decimals, forces 6, PlusStress 5.
    Run r = engine(args);
    CHECK(r.exit_code == 0);
    compareToLammps(readCfgFile(out), ref, 1e-9, 6e-7, 6e-6);

    args.push_back("--lossless");
    r = engine(args);
    CHECK(r.exit_code == 0);
    compareToLammps(readCfgFile(out), ref, 1e-9, 1e-9, 1e-7);
    std::filesystem::remove(out);
    ++ran;
  }
  CHECK(ran > 0);
}

TEST(jsonl_stream_is_valid_and_reports_the_model) {
  const std::string in = std::string(MTP_SHARED_DATA) + "/golden/eam/zhou04_AgPd/structures.cfg";
  const std::string out = tempPath("jsonl.cfg");
  const Run r = engine({"reference", "eam", "--elements", "Ag,Pd", "--jsonl", in, out});
  CHECK(r.exit_code == 0);
  std::string why;
  const auto ls = lines(r.out);
  CHECK(validateProtocolStream(ls, &why));
  if (!why.empty()) std::fprintf(stderr, "protocol: %s\n", why.c_str());
  CHECK(!ls.empty() && ls.back().find("\"type\":\"result\"") != std::string::npos);
  CHECK(r.out.find("\"elements\":[\"Ag\",\"Pd\"]") != std::string::npos);
  CHECK(r.out.find("\"configurations\":10") != std::string::npos);
  std::filesystem::remove(out);
}

TEST(exit_codes_and_errors) {
  const std::string in = std::string(MTP_SHARED_DATA) + "/golden/eam/zhou04_AgPd/structures.cfg";
  const std::string out = tempPath("errors.cfg");
  // Usage errors: no model, both models, unknown element, unknown model name.
  CHECK(engine({"reference", "eam", in, out}).exit_code == 2);
  CHECK(engine({"reference", "eam", "--elements", "Ag", "--potential", "x.eam", in, out}).exit_code == 2);
  CHECK(engine({"reference", "eam", "--elements", "Ag,Xx", in, out}).exit_code == 2);
  CHECK(engine({"reference", "lj", "--elements", "Ag", in, out}).exit_code == 2);
  CHECK(engine({"reference", "eam", "--elements", "Ag,Pd", "--zhou-form", "spline", in, out}).exit_code == 2);
  CHECK(engine({"reference", "eam", "--elements", "Ag,Pd", "--zhou-form", "analytic", in, out}).exit_code == 0);
  // Input errors: a type beyond the model's elements names the file and line; missing potential.
  const Run r = engine({"reference", "eam", "--elements", "Ag", "--jsonl", in, out});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("\"code\":\"input\"") != std::string::npos);
  CHECK(r.out.find("\"field\":\"type\"") != std::string::npos);
  CHECK(engine({"reference", "eam", "--potential", tempPath("does_not_exist.eam.alloy"), in, out}).exit_code == 1);
  std::filesystem::remove(out);
}

TEST(write_setfl_gives_the_same_model) {
  const std::string in = std::string(MTP_SHARED_DATA) + "/golden/eam/zhou04_CuAu/structures.cfg";
  const std::string setfl = tempPath("CuAu.eam.alloy");
  const std::string out1 = tempPath("generated.cfg"), out2 = tempPath("from_file.cfg");
  CHECK(engine({"reference", "eam", "--elements", "Cu,Au", "--write-setfl", setfl, "--lossless", in, out1})
            .exit_code == 0);
  CHECK(engine({"reference", "eam", "--potential", setfl, "--lossless", in, out2}).exit_code == 0);
  const auto a = readCfgFile(out1), b = readCfgFile(out2);
  CHECK(a.size() == b.size() && !a.empty());
  for (size_t s = 0; s < std::min(a.size(), b.size()); ++s) {
    // The file holds the same doubles (17 digits), so the results are identical.
    CHECK(*a[s].energy == *b[s].energy);
    CHECK(a[s].forces == b[s].forces);
    CHECK(*a[s].plus_stress == *b[s].plus_stress);
  }
  for (const auto& p : {setfl, out1, out2}) std::filesystem::remove(p);
}

TEST_MAIN()
