#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace quire::tasks {

/// A fixed set of worker threads running queued jobs in submission order (PAPERLESS_TASK_WORKERS
/// of them). Jobs must not throw; a job that does is stopped at the worker, logged, and the
/// worker carries on. Thread-safe.
class WorkerPool {
 public:
  using Job = std::function<void()>;

  /// Starts `workers` threads (at least one).
  explicit WorkerPool(std::size_t workers);

  /// Finishes every queued job, then joins the workers (as `shutdown`).
  ~WorkerPool();

  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  /// Queues `job`. Returns false, without queueing, once shutdown has begun.
  bool submit(Job job);

  /// Blocks until the queue is empty and no job is running.
  void wait_idle();

  /// Stops accepting jobs, lets the workers finish every queued job, and joins them.
  void shutdown();

  /// Jobs queued or running.
  [[nodiscard]] std::size_t pending() const;

 private:
  void run_worker();

  mutable std::mutex m_mutex;
  std::condition_variable m_work_available;  // guarded by m_mutex
  std::condition_variable m_idle;            // guarded by m_mutex
  std::deque<Job> m_queue;                   // guarded by m_mutex
  std::size_t m_running = 0;                 // guarded by m_mutex
  bool m_stopping = false;                   // guarded by m_mutex
  std::vector<std::thread> m_workers;
};

}  // namespace quire::tasks
