#include "storage/task_repository.hpp"

#include "storage/session.hpp"
#include "storage/sql_values.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>

namespace quire::storage {
namespace {

constexpr std::string_view k_table = "documents_paperlesstask";
constexpr std::string_view k_columns =
    "id, task_id, task_file_name, task_name, type, status, result, acknowledged, date_created, "
    "date_started, date_done, owner_id";
constexpr std::size_t k_column_count = 12;

constexpr std::array<TaskStatus, 5> k_statuses = {TaskStatus::pending, TaskStatus::started,
                                                  TaskStatus::success, TaskStatus::failure,
                                                  TaskStatus::revoked};

Timestamp now() {
  return std::chrono::floor<std::chrono::microseconds>(std::chrono::system_clock::now());
}

TaskRecord decode(RowReader& reader) {
  TaskRecord task;
  task.id = reader.integer();
  task.task_id = reader.text();
  task.task_file_name = reader.optional_text().value_or("");
  task.task_name = reader.optional_text().value_or("");
  task.type = reader.text();
  const std::string status = reader.text();
  task.result = reader.optional_text();
  task.acknowledged = reader.boolean();
  task.date_created = reader.optional_timestamp();
  task.date_started = reader.optional_timestamp();
  task.date_done = reader.optional_timestamp();
  task.owner_id = reader.optional_integer();

  // Celery states Quire never writes (RECEIVED, RETRY) may come from an imported database.
  const auto* found = std::find_if(k_statuses.begin(), k_statuses.end(), [&](TaskStatus value) {
    return status == task_status_name(value);
  });
  if (found == k_statuses.end()) {
    reader.invalid(fmt::format("task {} has unknown status '{}'", task.task_id, status));
  } else {
    task.status = *found;
  }
  return task;
}

Result<std::vector<TaskRecord>> select_tasks(Session& session, std::string_view tail,
                                             const SqlParams& params) {
  auto rows = session.query(fmt::format("SELECT {} FROM {} {}", k_columns, k_table, tail),
                            k_column_count, params);
  return decode_rows<TaskRecord>(std::move(rows), k_table, decode);
}

Status expect_changed(const Result<std::int64_t>& changed, std::string_view task_id) {
  if (!changed) {
    return fail(changed.error());
  }
  if (*changed == 0) {
    return fail(ErrorCode::not_found, fmt::format("no task with id '{}'", task_id));
  }
  return {};
}

}  // namespace

Result<Id> TaskRepository::create(WriteContext& context, const TaskRecord& task) {
  if (task.task_id.empty()) {
    return fail(ErrorCode::invalid_argument, "a task needs a task id");
  }
  auto id = context.session().insert(
      "INSERT INTO documents_paperlesstask (task_id, task_file_name, task_name, type, status, "
      "acknowledged, date_created, owner_id) VALUES (:task_id, :file_name, :name, :type, "
      ":status, :acknowledged, :created, :owner)",
      {to_sql(task.task_id), to_sql(task.task_file_name), to_sql(task.task_name), to_sql(task.type),
       to_sql(std::string(task_status_name(TaskStatus::pending))), to_sql(task.acknowledged),
       to_sql(task.date_created.value_or(now())), to_sql(task.owner_id)});
  if (!id && id.error().code == ErrorCode::conflict) {
    return fail(ErrorCode::conflict, fmt::format("task '{}' already exists", task.task_id));
  }
  return id;
}

Status TaskRepository::mark_started(WriteContext& context, std::string_view task_id) {
  return expect_changed(
      context.session().execute(
          "UPDATE documents_paperlesstask SET status = :status, date_started = :started "
          "WHERE task_id = :task_id",
          {to_sql(std::string(task_status_name(TaskStatus::started))), to_sql(now()),
           to_sql(std::string(task_id))}),
      task_id);
}

Status TaskRepository::finish(WriteContext& context, std::string_view task_id, TaskStatus status,
                              std::string_view result) {
  return expect_changed(
      context.session().execute(
          "UPDATE documents_paperlesstask SET status = :status, result = :result, "
          "date_done = :done WHERE task_id = :task_id",
          {to_sql(std::string(task_status_name(status))), to_sql(std::string(result)),
           to_sql(now()), to_sql(std::string(task_id))}),
      task_id);
}

Result<std::optional<TaskRecord>> TaskRepository::get(ReadContext& context,
                                                      std::string_view task_id) {
  return first_or_none(
      select_tasks(context.session(), "WHERE task_id = :task_id", {to_sql(std::string(task_id))}));
}

Result<std::vector<TaskRecord>> TaskRepository::list(ReadContext& context) {
  return select_tasks(context.session(),
                      "ORDER BY date_created IS NULL, date_created DESC, id DESC", {});
}

}  // namespace quire::storage
