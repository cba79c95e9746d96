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

// Three members on two threads: two run at once on one thread each, the last gets both threads
// once the other finishes (train/ensemble_threads.h). Every member must be byte-identical to the
// same seed trained alone on one thread.
TEST(ensemble_members_equal_separate_runs) {
  const std::string pot = untrained();
  CHECK(waitExit(spawn({"train", pot, kData, "--trained", "train_cli_f.mtp", "--max-iter", "6", "--tol", "0",
                        "--ensemble", "3", "--threads", "2", "--seed", "5", "--jsonl"},
                       "train_cli_f.out")) == 0);
  for (int i = 0; i < 3; ++i) {
    const std::string alone = "train_cli_f_alone" + std::to_string(i) + ".mtp";
    CHECK(waitExit(spawn({"train", pot, kData, "--trained", alone, "--max-iter", "6", "--tol", "0", "--seed",
                          std::to_string(5 + i), "--threads", "1", "--jsonl"},
                         "train_cli_f_alone.out")) == 0);
    const std::string member = slurp("train_cli_f." + std::to_string(i) + ".mtp");
    CHECK(!member.empty() && member == slurp(alone));
  }
}

namespace {

// Runs uninterrupted, then killed (SIGKILL) after a checkpoint and resumed; the two potential
// files must be byte-identical. extra: further options of both runs; tag: file name prefix.
void checkKillAndResume(const std::vector<std::string>& extra, const std::string& tag) {
  const std::string pot = untrained();
  const std::string cp = tag + ".cp", full_out = tag + "_full.mtp", resumed_out = tag + "_resumed.mtp";
  std::remove(cp.c_str());
  std::vector<std::string> full = trainArgs(pot, full_out);
  full.insert(full.end(), extra.begin(), extra.end());
  CHECK(waitExit(spawn(full, tag + "_full.out")) == 0);
  std::string why;
  CHECK(validateProtocolStream(lines(slurp(tag + "_full.out")), &why));  // done <= total throughout

  std::vector<std::string> args = trainArgs(pot, tag + "_killed.mtp");
  args.insert(args.end(), extra.begin(), extra.end());
  args.insert(args.end(), {"--checkpoint", cp, "--checkpoint-every", "2"});
  const pid_t pid = spawn(args, tag + "_1.out");
  const bool stopped_midway = waitForCheckpoint(cp, 4, pid);
  CHECK(stopped_midway);
  kill(pid, SIGKILL);
  int sig = 0;
  waitExit(pid, &sig);
  CHECK(sig == SIGKILL);
  const int at = loadCheckpoint(cp).iteration;
  CHECK(at >= 4 && at < 12);

  std::vector<std::string> resume = trainArgs(pot, resumed_out);
  resume.insert(resume.end(), extra.begin(), extra.end());
  resume.insert(resume.end(), {"--checkpoint", cp, "--resume", cp});
  CHECK(waitExit(spawn(resume, tag + "_2.out")) == 0);
  const std::string a = slurp(full_out), b = slurp(resumed_out);
  CHECK(!a.empty());
  CHECK(a == b);
}

}  // namespace

TEST(sigkill_then_resume_equals_uninterrupted) { checkKillAndResume({}, "train_cli_k"); }

// MLIP's start and pre-training (--init mlip --preinit N): 6 L-BFGS iterations then 12 LM
// iterations, killed after 4 or more (pre-training or LM) and resumed.
TEST(sigkill_then_resume_with_pretraining_equals_uninterrupted) {
  checkKillAndResume({"--init", "mlip", "--init-candidates", "1", "--preinit", "6"}, "train_cli_p");
}

TEST(bad_init_is_a_usage_error) {
  const std::string pot = untrained();
  std::vector<std::string> args = trainArgs(pot, "train_cli_bad.mtp");
  args.insert(args.end(), {"--init", "zeros"});
  CHECK(waitExit(spawn(args, "train_cli_bad.out")) == 2);
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
