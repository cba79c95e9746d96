// `mtp-engine train` end to end: the JSON-lines protocol with per-iteration progress, the final
// report, an ensemble, and (issue 4 acceptance 5) a run killed with SIGKILL and resumed from its
// checkpoint ending byte-identical to an uninterrupted run; SIGTERM cancels cleanly, keeping the
// last good potential.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "basis/enumerate.h"
#include "core/engine_protocol.h"
#include "io/cfg_reader.h"
#include "io/mtp_file.h"
#include "testing.h"
#include "train/checkpoint.h"

using namespace mtp;

namespace {

const std::string kData = std::string(MTP_SHARED_DATA) + "/mlip-reference/mlip3-examples/07.relax/to-relax.cfg";

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

// Starts the engine with stdout redirected to out_path; returns the child's pid.
pid_t spawn(const std::vector<std::string>& args, const std::string& out_path) {
  const pid_t pid = fork();
  if (pid == 0) {
    FILE* out = std::freopen(out_path.c_str(), "w", stdout);
    FILE* err = std::freopen("/dev/null", "w", stderr);
    (void)out, (void)err;
    std::vector<char*> argv{const_cast<char*>(MTP_ENGINE_BIN)};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(MTP_ENGINE_BIN, argv.data());
    _exit(127);
  }
  return pid;
}

int waitExit(pid_t pid, int* signal_out = nullptr) {
  int status = 0;
  waitpid(pid, &status, 0);
  if (signal_out) *signal_out = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Waits until the checkpoint file reports at least `iteration` completed iterations.
bool waitForCheckpoint(const std::string& path, int iteration, pid_t pid) {
  for (int i = 0; i < 60000; ++i) {
    try {
      if (loadCheckpoint(path).iteration >= iteration) return true;
    } catch (...) {
    }
    int status;
    if (waitpid(pid, &status, WNOHANG) == pid) return false;  // finished before we could stop it
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return false;
}

std::string untrained() {
  UntrainedPotentialSpec s;
  s.level = 10;
  const std::string path = "train_cli_u10.mtp";
  writeMtpFile(path, newUntrainedPotential(s));
  return path;
}

std::vector<std::string> trainArgs(const std::string& pot, const std::string& out) {
  return {"train", pot, kData, "--trained", out, "--max-iter", "12", "--tol", "0", "--seed", "3",
          "--threads", "1", "--jsonl"};
}

}  // namespace

TEST(protocol_progress_and_report) {
  const std::string pot = untrained();
  const pid_t pid = spawn({"train", pot, kData, "--trained", "train_cli_a.mtp", "--max-iter", "3", "--tol", "0",
                           "--valid", kData, "--group-feature", "EFS_by", "--jsonl"},
                          "train_cli_a.out");
  CHECK(waitExit(pid) == 0);
  const std::vector<std::string> out = lines(slurp("train_cli_a.out"));
  std::string why;
  CHECK(validateProtocolStream(out, &why));
  int progress = 0;
  for (const auto& l : out)
    if (l.find("\"type\":\"progress\"") != std::string::npos) {
      ++progress;
      CHECK(l.find("\"loss\":") != std::string::npos && l.find("\"force_rmse\":") != std::string::npos &&
            l.find("\"valid_energy_rmse\":") != std::string::npos && l.find("\"elapsed\":") != std::string::npos);
    }
  CHECK(progress >= 2);  // throttled to a few per second, the last always shown
  JsonValue result;
  CHECK(parseJson(out.back(), &result, &why));
  const JsonValue* pots = result.get("potentials");
  CHECK(pots && pots->array.size() == 1);
  if (pots && !pots->array.empty()) {
    const JsonValue& p = pots->array[0];
    CHECK(p.get("iterations")->number == 3);
    CHECK(p.get("train")->get("all")->get("energy")->get("rmse")->number > 0);
    CHECK(p.get("train")->get("groups")->has("VASP"));
    long components = 0;
    for (const Configuration& c : readCfgFile(kData)) components += 3 * c.size();
    CHECK(p.get("valid")->get("all")->get("force")->get("count")->number == components);
  }
  CHECK(readMtpFile("train_cli_a.mtp").trained());
}

TEST(ensemble_writes_one_potential_per_seed) {
  const std::string pot = untrained();
  const pid_t pid = spawn({"train", pot, kData, "--trained", "train_cli_e.mtp", "--max-iter", "2", "--ensemble",
                           "2", "--threads", "2", "--json"},
                          "train_cli_e.out");
  CHECK(waitExit(pid) == 0);
  JsonValue result;
  std::string why;
  CHECK(parseJson(slurp("train_cli_e.out"), &result, &why));
  CHECK(result.get("ensemble") && result.get("ensemble")->get("train_energy_rmse")->has("two_sigma"));
  const MtpPotential a = readMtpFile("train_cli_e.0.mtp"), b = readMtpFile("train_cli_e.1.mtp");
  CHECK(a.trained() && b.trained() && a.radial_coeffs != b.radial_coeffs);
}

TEST(sigkill_then_resume_equals_uninterrupted) {
  const std::string pot = untrained();
  std::remove("train_cli_k.cp");
  CHECK(waitExit(spawn(trainArgs(pot, "train_cli_full.mtp"), "train_cli_full.out")) == 0);

  std::vector<std::string> args = trainArgs(pot, "train_cli_killed.mtp");
  args.insert(args.end(), {"--checkpoint", "train_cli_k.cp", "--checkpoint-every", "2"});
  const pid_t pid = spawn(args, "train_cli_k1.out");
  const bool stopped_midway = waitForCheckpoint("train_cli_k.cp", 4, pid);
  CHECK(stopped_midway);
  kill(pid, SIGKILL);
  int sig = 0;
  waitExit(pid, &sig);
  CHECK(sig == SIGKILL);
  const int at = loadCheckpoint("train_cli_k.cp").iteration;
  CHECK(at >= 4 && at < 12);

  std::vector<std::string> resume = trainArgs(pot, "train_cli_resumed.mtp");
  resume.insert(resume.end(), {"--checkpoint", "train_cli_k.cp", "--resume", "train_cli_k.cp"});
  CHECK(waitExit(spawn(resume, "train_cli_k2.out")) == 0);
  const std::string full = slurp("train_cli_full.mtp"), resumed = slurp("train_cli_resumed.mtp");
  CHECK(!full.empty());
  CHECK(full == resumed);
}

TEST(sigterm_cancels_and_keeps_the_last_good_potential) {
  const std::string pot = untrained();
  std::remove("train_cli_t.cp");
  std::remove("train_cli_t.mtp");
  std::vector<std::string> args = trainArgs(pot, "train_cli_t.mtp");
  args[6] = "1000";  // --max-iter value: long enough to be cancelled
  args.insert(args.end(), {"--checkpoint", "train_cli_t.cp"});
  const pid_t pid = spawn(args, "train_cli_t.out");
  CHECK(waitForCheckpoint("train_cli_t.cp", 2, pid));
  kill(pid, SIGTERM);
  CHECK(waitExit(pid) == 1);
  const std::vector<std::string> out = lines(slurp("train_cli_t.out"));
  CHECK(!out.empty() && out.back().find("\"code\":\"cancelled\"") != std::string::npos);
  CHECK(readMtpFile("train_cli_t.mtp").trained());
}

TEST_MAIN()
