#include "storage/task_repository.hpp"

#include "storage_test_support.hpp"

#include <gtest/gtest.h>

#include <string>

namespace quire::storage {
namespace {

using test::StorageTest;

class TaskRepositoryTest : public StorageTest {
 protected:
  Result<Id> create(const std::string& task_id) {
    TaskRecord task;
    task.task_id = task_id;
    task.task_file_name = "scan.pdf";
    task.status = TaskStatus::success;  // ignored: new tasks are PENDING
    return database().write([&](WriteContext& tx) { return TaskRepository::create(tx, task); });
  }

  std::optional<TaskRecord> get(const std::string& task_id) {
    auto task = database().read(
        [&](ReadContext& context) { return TaskRepository::get(context, task_id); });
    EXPECT_TRUE(task) << task.error().message;
    return task.value_or(std::nullopt);
  }
};

TEST_P(TaskRepositoryTest, FollowsLifecycle) {
  const std::string uuid = "0f2b7c3e-8a44-4a55-9d2e-2b1c3d4e5f60";
  auto id = create(uuid);
  ASSERT_TRUE(id) << id.error().message;

  auto pending = get(uuid);
  ASSERT_TRUE(pending);
  EXPECT_EQ(pending->id, *id);
  EXPECT_EQ(pending->status, TaskStatus::pending);
  EXPECT_EQ(pending->task_file_name, "scan.pdf");
  EXPECT_EQ(pending->task_name, "consume_file");
  EXPECT_EQ(pending->type, "auto_task");
  EXPECT_TRUE(pending->date_created);
  EXPECT_FALSE(pending->date_started);
  EXPECT_FALSE(pending->acknowledged);

  ASSERT_TRUE(
      database().write([&](WriteContext& tx) { return TaskRepository::mark_started(tx, uuid); }));
  auto started = get(uuid);
  EXPECT_EQ(started->status, TaskStatus::started);
  EXPECT_TRUE(started->date_started);
  EXPECT_FALSE(started->date_done);

  ASSERT_TRUE(database().write([&](WriteContext& tx) {
    return TaskRepository::finish(tx, uuid, TaskStatus::success,
                                  "Success. New document id 123 created");
  }));
  auto done = get(uuid);
  EXPECT_EQ(done->status, TaskStatus::success);
  EXPECT_EQ(done->result, "Success. New document id 123 created");
  EXPECT_TRUE(done->date_done);
  EXPECT_GE(*done->date_done, *done->date_started);
}

TEST_P(TaskRepositoryTest, UnknownTaskIsNotFound) {
  EXPECT_FALSE(get("missing"));
  const Status started = database().write(
      [](WriteContext& tx) { return TaskRepository::mark_started(tx, "missing"); });
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error().code, ErrorCode::not_found);
  const Status finished = database().write([](WriteContext& tx) {
    return TaskRepository::finish(tx, "missing", TaskStatus::failure, "x");
  });
  ASSERT_FALSE(finished);
  EXPECT_EQ(finished.error().code, ErrorCode::not_found);
}

TEST_P(TaskRepositoryTest, DuplicateTaskIdIsConflict) {
  ASSERT_TRUE(create("same"));
  auto duplicate = create("same");
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code, ErrorCode::conflict);
}

TEST_P(TaskRepositoryTest, ListsNewestFirst) {
  for (const std::string uuid : {"a", "b", "c"}) {
    ASSERT_TRUE(create(uuid));
  }
  auto tasks = database().read([](ReadContext& context) { return TaskRepository::list(context); });
  ASSERT_TRUE(tasks) << tasks.error().message;
  ASSERT_EQ(tasks->size(), 3U);
  EXPECT_EQ((*tasks)[0].task_id, "c");
  EXPECT_EQ((*tasks)[2].task_id, "a");
}

QUIRE_STORAGE_ENGINES(TaskRepositoryTest);

}  // namespace
}  // namespace quire::storage
