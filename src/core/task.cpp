#include "core/task.hpp"

namespace quire {

const char* task_status_name(TaskStatus status) {
  switch (status) {
    case TaskStatus::pending: return "PENDING";
    case TaskStatus::started: return "STARTED";
    case TaskStatus::success: return "SUCCESS";
    case TaskStatus::failure: return "FAILURE";
    case TaskStatus::revoked: return "REVOKED";
  }
  return "PENDING";
}

}  // namespace quire
