#include "consumer/consume_task.hpp"

#include "consumer/consumer.hpp"
#include "consumer/log.hpp"
#include "storage/database.hpp"
#include "storage/task_repository.hpp"
#include "tasks/worker_pool.hpp"
#include "util/uuid.hpp"

namespace quire::consumer {

ConsumeTaskRunner::ConsumeTaskRunner(storage::Database& database, const Consumer& consumer,
                                     tasks::WorkerPool& pool)
    : m_database(database), m_consumer(consumer), m_pool(pool) {}

Result<std::string> ConsumeTaskRunner::submit(ConsumeRequest request) {
  if (request.task_id.empty()) request.task_id = util::random_uuid();

  TaskRecord record;
  record.task_id = request.task_id;
  record.task_name = "consume_file";
  record.task_file_name =
      request.overrides.filename.value_or(request.original_file.filename().string());
  record.owner_id = request.overrides.owner_id;
  auto created = m_database.write(
      [&](storage::WriteContext& tx) { return storage::TaskRepository::create(tx, record); });
  if (!created) return fail(created.error());

  const std::string task_id = request.task_id;
  if (!m_pool.submit([this, request = std::move(request)] { run(request); })) {
    return fail(ErrorCode::unavailable, "the task queue is shutting down");
  }
  return task_id;
}

void ConsumeTaskRunner::run(const ConsumeRequest& request) {
  auto started = m_database.write([&](storage::WriteContext& tx) {
    return storage::TaskRepository::mark_started(tx, request.task_id);
  });
  if (!started) {
    consumer_logger()->error("cannot mark task started task_id={} reason=\"{}\"", request.task_id,
                             started.error().message);
  }

  const auto outcome = m_consumer.consume(request);
  const TaskStatus status = outcome ? TaskStatus::success : TaskStatus::failure;
  const std::string result = outcome ? outcome->message : outcome.error().message;
  auto finished = m_database.write([&](storage::WriteContext& tx) {
    return storage::TaskRepository::finish(tx, request.task_id, status, result);
  });
  if (!finished) {
    consumer_logger()->error("cannot record task result task_id={} status={} reason=\"{}\"",
                             request.task_id, task_status_name(status), finished.error().message);
  }
}

}  // namespace quire::consumer
