#pragma once

#include "core/ids.hpp"
#include "core/time.hpp"

#include <optional>
#include <string>

namespace quire {

/// Status values as paperless-ngx's task history stores them (Celery state names).
enum class TaskStatus { pending, started, success, failure, revoked };

/// One row of the task history (`django_celery_results`-style `PaperlessTask`).
struct TaskRecord {
  Id id = 0;
  std::string task_id;  ///< UUID
  std::string task_file_name;
  std::string task_name = "consume_file";
  std::string type = "auto_task";  ///< "auto_task", "scheduled_task" or "manual_task"
  TaskStatus status = TaskStatus::pending;
  std::optional<std::string> result;
  bool acknowledged = false;
  std::optional<Timestamp> date_created;
  std::optional<Timestamp> date_started;
  std::optional<Timestamp> date_done;
  std::optional<UserId> owner_id;
  std::optional<DocumentId> related_document_id;
};

/// "PENDING", "STARTED", "SUCCESS", "FAILURE", "REVOKED".
[[nodiscard]] const char* task_status_name(TaskStatus status);

}  // namespace quire
