#include "tasks/worker_pool.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <exception>

namespace quire::tasks {

WorkerPool::WorkerPool(std::size_t workers) {
  const std::size_t count = std::max<std::size_t>(1, workers);
  m_workers.reserve(count);
  for (std::size_t worker_idx = 0; worker_idx < count; ++worker_idx) {
    m_workers.emplace_back([this] { run_worker(); });
  }
}

WorkerPool::~WorkerPool() { shutdown(); }

bool WorkerPool::submit(Job job) {
  {
    std::lock_guard lock(m_mutex);
    if (m_stopping) return false;
    m_queue.push_back(std::move(job));
  }
  m_work_available.notify_one();
  return true;
}

void WorkerPool::wait_idle() {
  std::unique_lock lock(m_mutex);
  m_idle.wait(lock, [this] { return m_queue.empty() && m_running == 0; });
}

void WorkerPool::shutdown() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_work_available.notify_all();
  for (std::thread& worker : m_workers) {
    if (worker.joinable()) worker.join();
  }
}

std::size_t WorkerPool::pending() const {
  std::lock_guard lock(m_mutex);
  return m_queue.size() + m_running;
}

void WorkerPool::run_worker() {
  while (true) {
    Job job;
    {
      std::unique_lock lock(m_mutex);
      m_work_available.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
      if (m_queue.empty()) return;  // stopping, and everything queued has been taken
      job = std::move(m_queue.front());
      m_queue.pop_front();
      ++m_running;
    }

    try {
      job();
    } catch (const std::exception& failure) {
      auto logger = spdlog::get("tasks");
      (logger ? logger : spdlog::default_logger())
          ->error("task job failed with an exception reason=\"{}\"", failure.what());
    }

    {
      std::lock_guard lock(m_mutex);
      --m_running;
      if (m_queue.empty() && m_running == 0) m_idle.notify_all();
    }
  }
}

}  // namespace quire::tasks
