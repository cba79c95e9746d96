// Parallel loops over independent work items (configurations). Items are handed out dynamically
// (an atomic counter), so uneven items balance; every item is computed by exactly one thread with
// the same code path, so per-item results do not depend on the thread count. Reductions across items
// must be done by the caller afterwards, in item order, to stay deterministic.
#pragma once
#include <functional>

namespace mtp {

// Number of hardware threads (>= 1); the default for `--threads`.
int hardwareThreads();

// Calls body(item, worker) for item = 0..count-1 on `threads` workers (worker = 0..threads-1, for
// per-worker scratch space). threads <= 0 means hardwareThreads(). The first exception thrown by a
// body stops the hand-out of further items and is rethrown in the caller after all workers finish.
void parallelFor(int count, int threads, const std::function<void(int item, int worker)>& body);

}  // namespace mtp
