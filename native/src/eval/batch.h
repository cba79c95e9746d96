// Evaluation of many configurations on several threads. Each configuration is computed by one
// thread, start to finish, so its results are bit-identical for any thread count; a failure
// (e.g. overlapping atoms) is recorded for that configuration and does not stop the others.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "eval/mtp_evaluator.h"

namespace mtp {

struct BatchEntry {
  bool ok = false;
  std::string error;  // ComputeError message when !ok
  EfsResult result;
};

// progress(done, total) is called (serialised) after each finished configuration.
std::vector<BatchEntry> evaluateBatch(const MtpEvaluator& evaluator, const std::vector<Configuration>& cfgs,
                                      const EfsOptions& options, int threads,
                                      const std::function<void(int, int)>& progress = {});

}  // namespace mtp
