#pragma once

#include "core/error.hpp"
#include "core/task.hpp"
#include "storage/database.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quire::storage {

/// Rows of `documents_paperlesstask`, the task history shown by the UI. Tasks are addressed by
/// their queue UUID (`task_id`). Stateless: every method takes the transaction it runs in.
/// `TaskRecord::related_document_id` is not a column; it is derived from `result` by the API.
class TaskRepository {
 public:
  /// Inserts `task` with status PENDING (whatever `task.status` says) and `date_created` now
  /// when unset; returns the row id. Errors: `conflict` when `task.task_id` exists,
  /// `invalid_argument` for an empty task id or an unknown owner.
  [[nodiscard]] static Result<Id> create(WriteContext& context, const TaskRecord& task);

  /// Sets status STARTED and `date_started` now. Errors: `not_found` for an unknown task id.
  [[nodiscard]] static Status mark_started(WriteContext& context, std::string_view task_id);

  /// Sets the final `status` (normally SUCCESS or FAILURE), `result` and `date_done` now.
  /// Errors: `not_found` for an unknown task id.
  [[nodiscard]] static Status finish(WriteContext& context, std::string_view task_id,
                                     TaskStatus status, std::string_view result);

  [[nodiscard]] static Result<std::optional<TaskRecord>> get(ReadContext& context,
                                                             std::string_view task_id);

  /// All tasks, newest first (`date_created` descending, then id descending).
  [[nodiscard]] static Result<std::vector<TaskRecord>> list(ReadContext& context);
};

}  // namespace quire::storage
