#pragma once
// A fixed set of threads that run the tasks 0..n-1 of one call at a time,
// each task taken by whichever thread is free next (dynamic scheduling), the
// calling thread working too. Built for a shared machine: a thread that
// waits sleeps on a condition variable (it never spins and takes no core
// from anyone), and a thread slowed by another process holding its core
// simply takes fewer tasks instead of stalling the others at a barrier.
//
// Which thread runs a task is not fixed, so a task must compute its result
// alone (no reduction across tasks): then the results do not depend on the
// number of threads.

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace nucleate {

class WorkerPool {
 public:
  /// `threads` in all, the caller included (0 or 1: no extra thread, tasks
  /// run in the calling thread). `on_thread_start` runs once in each extra
  /// thread before its first task (per-thread settings, e.g. OpenMP's).
  explicit WorkerPool(std::size_t threads, const std::function<void()>& on_thread_start = {});
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  [[nodiscard]] std::size_t size() const { return workers_.size() + 1; }

  /// Runs task(i) for every i in [0, count) and returns when all are done.
  /// If tasks throw, the remaining tasks are still run and the exception of
  /// the lowest i is rethrown here.
  void run(std::size_t count, const std::function<void(std::size_t)>& task);

 private:
  void work_loop(const std::function<void()>& on_thread_start);
  // Takes tasks of the current call until none is left; the lock is held on
  // entry and on return.
  void take_tasks(std::unique_lock<std::mutex>& lock);

  std::mutex mutex_;
  std::condition_variable work_ready_;
  std::condition_variable work_done_;
  const std::function<void(std::size_t)>* task_ = nullptr;
  std::size_t count_ = 0;
  std::size_t next_ = 0;
  std::size_t running_ = 0;  // tasks taken and not finished
  std::size_t generation_ = 0;
  bool stopping_ = false;
  std::exception_ptr failure_;
  std::size_t failed_task_ = 0;
  std::vector<std::thread> workers_;
};

}  // namespace nucleate
