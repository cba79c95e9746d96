// Helpers shared by the evaluation subcommands (calc-efs, calc-errors, check-fd): loading the
// potential and configurations with progress, batch evaluation with progress, timing.
#pragma once
#include <chrono>
#include <string>
#include <vector>

#include "cli/reporter.h"
#include "core/configuration.h"
#include "eval/batch.h"
#include "eval/mtp_evaluator.h"

namespace mtp::cli {

// Reads and compiles a trained .mtp / .almtp (InputError for file problems, ComputeError if untrained).
MtpEvaluator loadEvaluator(const std::string& path, Reporter& reporter);
std::vector<Configuration> loadConfigurations(const std::string& path, Reporter& reporter);

// Evaluates all configurations; throws ComputeError naming the first configuration (1-based)
// that failed.
std::vector<EfsResult> evaluateAll(const MtpEvaluator& ev, const std::vector<Configuration>& cfgs,
                                   const EfsOptions& options, int threads, Reporter& reporter);

class Stopwatch {
 public:
  Stopwatch() : start_(std::chrono::steady_clock::now()) {}
  double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_;
};

}  // namespace mtp::cli
