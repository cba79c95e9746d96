// Worker threads of the members of an ensemble trained in one process. Each member starts with its
// share of the threads; when a member ends and none is left to start, its threads go to the running
// member with the fewest (the latest started on a tie, which likely has the most work left), so the
// last member does not train on one core while the others idle. A member's loss passes read its
// limit at their start (MtpResidualModel::setWorkerLimit); results do not depend on it
// (train/loss_pass.h), only the wall time does.
#pragma once
#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

namespace mtp {

class EnsembleThreads {
 public:
  EnsembleThreads(int members, int share);
  const std::atomic<int>* limit(int member) const { return &limits_[member]; }
  void started(int member);
  // Member ended. If no member waits to start, lends its threads to a running member and returns
  // that member; otherwise (or with nobody running) returns -1.
  int finished(int member, bool members_waiting);

 private:
  std::mutex mutex_;
  std::unique_ptr<std::atomic<int>[]> limits_;
  std::vector<char> running_;
};

}  // namespace mtp
