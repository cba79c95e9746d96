#include "eval/batch.h"

#include <algorithm>
#include <exception>
#include <mutex>

#include "core/thread_pool.h"

namespace mtp {

std::vector<BatchEntry> evaluateBatch(const MtpEvaluator& evaluator, const std::vector<Configuration>& cfgs,
                                      const EfsOptions& options, int threads,
                                      const std::function<void(int, int)>& progress) {
  const int n = static_cast<int>(cfgs.size());
  if (threads <= 0) threads = hardwareThreads();
  std::vector<BatchEntry> out(n);
  std::vector<EvalWorkspace> workspaces(std::max(1, std::min(threads, n)));
  std::mutex progress_mutex;
  int done = 0;
  parallelFor(n, threads, [&](int item, int worker) {
    BatchEntry& e = out[item];
    try {
      e.result = evaluator.compute(cfgs[item], options, workspaces[worker]);
      e.ok = true;
    } catch (const std::exception& ex) {
      e.ok = false;
      e.error = ex.what();
    }
    if (progress) {
      std::lock_guard<std::mutex> lock(progress_mutex);
      progress(++done, n);
    }
  });
  return out;
}

}  // namespace mtp
