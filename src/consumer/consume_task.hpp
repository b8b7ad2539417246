#pragma once

#include "consumer/consume_request.hpp"
#include "core/error.hpp"

#include <string>

namespace quire::storage {
class Database;
}
namespace quire::tasks {
class WorkerPool;
}

namespace quire::consumer {

class Consumer;

/// Runs consumptions as tasks with a history row each (`documents_paperlesstask`): PENDING when
/// queued, STARTED when a worker takes it, then SUCCESS with "Success. New document id N
/// created" or FAILURE with the consumer's message. Thread-safe.
class ConsumeTaskRunner {
 public:
  /// All three must outlive the runner; the pool's jobs reference them.
  ConsumeTaskRunner(storage::Database& database, const Consumer& consumer,
                    tasks::WorkerPool& pool);

  /// Records the task (a fresh UUID unless `request.task_id` is set) and queues it. Returns the
  /// task id. Fails when the row cannot be written or the pool is shutting down.
  [[nodiscard]] Result<std::string> submit(ConsumeRequest request);

  /// Runs a recorded task now, on the calling thread. Never fails: the outcome goes into the
  /// task row (and a task row that cannot be updated is logged).
  void run(const ConsumeRequest& request);

 private:
  storage::Database& m_database;
  const Consumer& m_consumer;
  tasks::WorkerPool& m_pool;
};

}  // namespace quire::consumer
