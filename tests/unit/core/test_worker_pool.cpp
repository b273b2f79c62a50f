#include <gtest/gtest.h>

#include <atomic>
#include <numeric>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "core/worker_pool.h"

namespace nucleate {
namespace {

TEST(WorkerPool, RunsEveryTaskOnceOverManyCalls) {
  WorkerPool pool(3);
  EXPECT_EQ(pool.size(), 3U);
  for (std::size_t count : {0U, 1U, 2U, 7U, 100U}) {
    std::vector<std::atomic<int>> runs(count);
    pool.run(count, [&](std::size_t i) { ++runs[i]; });
    for (std::size_t i = 0; i < count; ++i) EXPECT_EQ(runs[i].load(), 1) << "task " << i;
  }
}

TEST(WorkerPool, SpreadsTasksOverItsThreads) {
  WorkerPool pool(2);
  std::mutex mutex;
  std::set<std::thread::id> seen;
  std::atomic<int> started{0};
  // Each task waits until both threads have started one, so one thread cannot take them all.
  pool.run(2, [&](std::size_t) {
    ++started;
    while (started.load() < 2) std::this_thread::yield();
    const std::lock_guard lock(mutex);
    seen.insert(std::this_thread::get_id());
  });
  EXPECT_EQ(seen.size(), 2U);
}

TEST(WorkerPool, OneThreadRunsInTheCaller) {
  WorkerPool pool(1);
  EXPECT_EQ(pool.size(), 1U);
  std::vector<std::thread::id> ids;
  pool.run(3, [&](std::size_t) { ids.push_back(std::this_thread::get_id()); });
  ASSERT_EQ(ids.size(), 3U);
  for (const auto& id : ids) EXPECT_EQ(id, std::this_thread::get_id());
}

TEST(WorkerPool, RethrowsTheLowestFailedTaskAfterRunningTheRest) {
  WorkerPool pool(2);
  std::atomic<int> done{0};
  try {
    pool.run(10, [&](std::size_t i) {
      ++done;
      if (i == 7 || i == 3) throw std::runtime_error("task " + std::to_string(i));
    });
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "task 3");
  }
  EXPECT_EQ(done.load(), 10);
  // The pool is usable after a failure.
  std::atomic<int> after{0};
  pool.run(5, [&](std::size_t) { ++after; });
  EXPECT_EQ(after.load(), 5);
}

TEST(WorkerPool, RunsTheStartHookInEachExtraThread) {
  std::atomic<int> started{0};
  {
    WorkerPool pool(4, [&] { ++started; });
    pool.run(8, [](std::size_t) {});
  }
  EXPECT_EQ(started.load(), 3);
}

}  // namespace
}  // namespace nucleate
