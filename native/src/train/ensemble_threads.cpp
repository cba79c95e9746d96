#include "train/ensemble_threads.h"

namespace mtp {

EnsembleThreads::EnsembleThreads(int members, int share)
    : limits_(new std::atomic<int>[members]), running_(members, 0) {
  for (int i = 0; i < members; ++i) limits_[i] = share;
}

void EnsembleThreads::started(int member) {
  std::lock_guard<std::mutex> lock(mutex_);
  running_[member] = 1;
}

int EnsembleThreads::finished(int member, bool members_waiting) {
  std::lock_guard<std::mutex> lock(mutex_);
  running_[member] = 0;
  if (members_waiting) return -1;
  int to = -1;
  for (int i = 0; i < static_cast<int>(running_.size()); ++i)
    if (running_[i] && (to < 0 || limits_[i] <= limits_[to])) to = i;
  if (to >= 0) limits_[to] += limits_[member].load();
  return to;
}

}  // namespace mtp
