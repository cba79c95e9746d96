// The evaluation subcommands end to end through the mtp-engine binary: reports equal to MLIP-3's
// byte for byte, calc-efs output equal to MLIP-3's within its rounding, JSON-lines protocol
// streams valid, exit codes 0 / 1 / 2.
#include <sys/wait.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/engine_protocol.h"
#include "core/json.h"
#include "io/cfg_reader.h"
#include "testing.h"

using namespace mtp;

namespace {

const std::string kData = MTP_SHARED_DATA;

struct Run {
  int code;
  std::string out;
};

Run run(const std::string& args) {
  const std::string cmd = std::string(MTP_ENGINE_BIN) + " " + args + " 2>/dev/null";
  FILE* p = popen(cmd.c_str(), "r");
  Run r{-1, ""};
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> splitLines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  std::string l;
  while (std::getline(in, l)) out.push_back(l);
  return out;
}

std::string tempPath(const std::string& name) {
  static std::string dir;
  if (dir.empty()) {
    char tmpl[] = "/tmp/mtp-cli-test-XXXXXX";
    dir = mkdtemp(tmpl);
  }
  return dir + "/" + name;
}

}  // namespace

TEST(calc_errors_reproduces_mlip3_reports) {
  const Run mo = run("calc-errors " + kData + "/mlearn/Mo/mtp.2020.01/fitted.mtp " + kData + "/mlearn/Mo/cfg/test.cfg --threads 2");
  CHECK(mo.code == 0);
  CHECK(mo.out == slurp(kData + "/golden/Mo/check_errors_test.txt"));
  const Run cupd = run("calc-errors " + kData + "/mlip-reference/generated-by-mlip3/L10_CuPd/pot10_CuPd.almtp " + kData +
                       "/mlip-reference/mlip3-datasets/CuPd.cfg --threads 1");
  CHECK(cupd.code == 0);
  CHECK(cupd.out == slurp(kData + "/mlip-reference/generated-by-mlip3/L10_CuPd/check_errors10_CuPd.txt"));
}

TEST(calc_errors_json) {
  const Run r = run("calc-errors " + kData + "/mlearn/Mo/mtp.2020.01/fitted.mtp " + kData + "/mlearn/Mo/cfg/test.cfg --json");
  CHECK(r.code == 0);
  JsonValue v;
  std::string why;
  CHECK(parseJson(r.out, &v, &why));
  const JsonValue* forces = v.get("forces");
  CHECK(forces && forces->get("count")->number == 1189);
  CHECK(std::fabs(forces->get("rms")->number - 0.262268) < 5e-7);  // MLIP-3: 0.262268
  CHECK(std::fabs(v.get("energy_per_atom")->get("rms")->number - 0.00397777) < 5e-9);
}

TEST(calc_efs_matches_mlip3_output) {
  const std::string out = tempPath("efs_test.cfg");
  const Run r = run("calc-efs " + kData + "/mlearn/Mo/mtp.2020.01/fitted.mtp " + kData + "/mlearn/Mo/cfg/test.cfg " + out + " --jsonl");
  CHECK(r.code == 0);
  std::string why;
  CHECK(validateProtocolStream(splitLines(r.out), &why));
  const auto ours = readCfgFile(out);
  const auto golden = readCfgFile(kData + "/golden/Mo/efs_test.cfg");
  CHECK(ours.size() == golden.size());
  for (size_t c = 0; c < std::min(ours.size(), golden.size()); ++c) {
    CHECK(std::fabs(*ours[c].energy - *golden[c].energy) <= 2e-12 * std::fabs(*golden[c].energy));
    for (int i = 0; i < golden[c].size(); ++i) CHECK((ours[c].forces[i] - golden[c].forces[i]).cwiseAbs().maxCoeff() <= 1.01e-6);
    for (int s = 0; s < 6; ++s) CHECK(std::fabs((*ours[c].plus_stress)[s] - (*golden[c].plus_stress)[s]) <= 1.01e-5);
    CHECK(ours[c].features == golden[c].features);  // input features kept, EFS_by MultiMTP289 added
  }
  // Same layout as MLIP-3: identical line count, and the lines differ at most in a last rounded digit.
  CHECK(splitLines(slurp(out)).size() == splitLines(slurp(kData + "/golden/Mo/efs_test.cfg")).size());
}

TEST(mindist_and_version) {
  const Run m = run("mindist " + kData + "/mlip-reference/mlip3-examples/03.calculate_efs/train.cfg --json");
  CHECK(m.code == 0);
  JsonValue v;
  std::string why;
  CHECK(parseJson(m.out, &v, &why));
  CHECK(std::fabs(v.get("mindist")->array[0].number - 2.546341) < 1e-6);  // MLIP's Feature mindist
  const Run ver = run("version --jsonl");
  CHECK(ver.code == 0 && validateProtocolStream(splitLines(ver.out), &why));
}

TEST(check_fd_passes_on_a_trained_potential) {
  const Run r = run("check-fd " + kData + "/mlip-reference/generated-by-mlip3/L10_CuPd/pot10_CuPd.almtp " + kData +
                    "/mlip-reference/mlip3-datasets/CuPd.cfg --max-cfgs 4 --json");
  CHECK(r.code == 0);
  JsonValue v;
  std::string why;
  CHECK(parseJson(r.out, &v, &why));
  CHECK(v.get("passed")->boolean);
  CHECK(v.get("worst_force_relative_error")->number <= 1e-6);
  // An absurd tolerance fails with exit code 1.
  const Run strict = run("check-fd " + kData + "/mlip-reference/generated-by-mlip3/L10_CuPd/pot10_CuPd.almtp " + kData +
                         "/mlip-reference/mlip3-datasets/CuPd.cfg --max-cfgs 2 --tolerance 1e-30");
  CHECK(strict.code == 1);
}

TEST(exit_codes_and_error_messages) {
  std::string why;
  const Run usage = run("calc-efs only-one-arg --jsonl");
  CHECK(usage.code == 2);
  CHECK(validateProtocolStream(splitLines(usage.out), &why));
  CHECK(usage.out.find("\"code\":\"usage\"") != std::string::npos);
  CHECK(run("no-such-command").code == 2);
  CHECK(run("calc-errors --bogus-option a b").code == 2);
  const Run missing = run("calc-errors /nonexistent/pot.mtp x.cfg --jsonl");
  CHECK(missing.code == 1);
  CHECK(validateProtocolStream(splitLines(missing.out), &why));
  CHECK(missing.out.find("\"file\":\"/nonexistent/pot.mtp\"") != std::string::npos);
  // Overlapping atoms: a clear runtime error naming the configuration.
  const std::string cfg = tempPath("overlap.cfg");
  std::ofstream(cfg) << "BEGIN_CFG\n Size\n 2\n AtomData: id type cartes_x cartes_y cartes_z\n 1 0 0 0 0\n 2 0 0 0 0\nEND_CFG\n";
  const Run overlap = run("calc-efs " + kData + "/mlearn/Mo/mtp.2020.01/fitted.mtp " + cfg + " " + tempPath("o.cfg") + " --jsonl");
  CHECK(overlap.code == 1);
  CHECK(overlap.out.find("configuration 1") != std::string::npos);
  CHECK(validateProtocolStream(splitLines(overlap.out), &why));
}

TEST_MAIN()
