// How an ensemble's members share the threads (train/ensemble_threads.h): each starts with its
// share, a member that ends while others wait to start keeps nothing back, and once nobody waits
// its threads go to the running member with the fewest, the latest started on a tie.
#include "testing.h"
#include "train/ensemble_threads.h"

using namespace mtp;

TEST(members_start_with_their_share) {
  EnsembleThreads t(3, 2);
  for (int i = 0; i < 3; ++i) CHECK(t.limit(i)->load() == 2);
}

TEST(no_lending_while_members_wait) {
  EnsembleThreads t(3, 1);
  t.started(0);
  t.started(1);
  CHECK(t.finished(0, true) == -1);  // member 2 is still to start: this worker takes it
  CHECK(t.limit(1)->load() == 1);
}

TEST(last_members_get_the_threads_of_those_finished) {
  // Five members, two workers of one thread: the last running member ends up with both.
  EnsembleThreads t(5, 1);
  t.started(0);
  t.started(1);
  CHECK(t.finished(0, true) == -1);
  t.started(2);
  CHECK(t.finished(1, true) == -1);
  t.started(3);
  CHECK(t.finished(2, true) == -1);
  t.started(4);
  CHECK(t.finished(3, false) == 4);
  CHECK(t.limit(4)->load() == 2);
  CHECK(t.finished(4, false) == -1);  // nobody left to lend to
}

TEST(lends_to_the_running_member_with_the_fewest_threads) {
  // Three workers of one thread, three members: when 0 ends, 1 and 2 tie and the later (2) gets its
  // thread; when 2 ends, its two threads go to 1.
  EnsembleThreads t(3, 1);
  t.started(0);
  t.started(1);
  t.started(2);
  CHECK(t.finished(0, false) == 2);
  CHECK(t.limit(2)->load() == 2 && t.limit(1)->load() == 1);
  CHECK(t.finished(2, false) == 1);
  CHECK(t.limit(1)->load() == 3);
}

TEST_MAIN()
