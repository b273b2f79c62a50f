#include "core/worker_pool.h"

#include <utility>

namespace nucleate {

WorkerPool::WorkerPool(std::size_t threads, const std::function<void()>& on_thread_start) {
  const std::size_t extra = threads > 1 ? threads - 1 : 0;
  workers_.reserve(extra);
  for (std::size_t t = 0; t < extra; ++t) {
    workers_.emplace_back([this, on_thread_start] { work_loop(on_thread_start); });
  }
}

WorkerPool::~WorkerPool() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  work_ready_.notify_all();
  for (std::thread& worker : workers_) worker.join();
}

void WorkerPool::run(std::size_t count, const std::function<void(std::size_t)>& task) {
  std::unique_lock lock(mutex_);
  task_ = &task;
  count_ = count;
  next_ = 0;
  failure_ = nullptr;
  ++generation_;
  lock.unlock();
  work_ready_.notify_all();
  lock.lock();
  take_tasks(lock);
  work_done_.wait(lock, [this] { return running_ == 0; });
  task_ = nullptr;
  if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
}

void WorkerPool::take_tasks(std::unique_lock<std::mutex>& lock) {
  while (next_ < count_) {
    const std::size_t i = next_++;
    ++running_;
    const auto* task = task_;
    lock.unlock();
    std::exception_ptr error;
    try {
      (*task)(i);
    } catch (...) {
      error = std::current_exception();
    }
    lock.lock();
    if (error && (!failure_ || i < failed_task_)) {
      failure_ = error;
      failed_task_ = i;
    }
    --running_;
  }
  if (running_ == 0) work_done_.notify_all();
}

void WorkerPool::work_loop(const std::function<void()>& on_thread_start) {
  if (on_thread_start) on_thread_start();
  std::size_t seen = 0;
  std::unique_lock lock(mutex_);
  for (;;) {
    work_ready_.wait(lock, [&] { return stopping_ || generation_ != seen; });
    if (stopping_) return;
    seen = generation_;
    take_tasks(lock);
  }
}

}  // namespace nucleate
