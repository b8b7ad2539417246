#include "storage/database.hpp"

#include "storage/session.hpp"
#include "storage/tag_repository.hpp"
#include "storage_test_support.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace quire::storage {
namespace {

using test::StorageTest;

Result<std::int64_t> count_tags(Database& database) {
  return database.read([](ReadContext& context) -> Result<std::int64_t> {
    auto count = context.session().query_integer("SELECT COUNT(*) FROM documents_tag");
    if (!count) {
      return fail(count.error());
    }
    return count->value_or(-1);
  });
}

Tag named(std::string name) {
  Tag tag;
  tag.name = std::move(name);
  return tag;
}

class DatabaseTest : public StorageTest {};

TEST_P(DatabaseTest, CommitsSuccessfulWrite) {
  auto id = database().write(
      [](WriteContext& tx) { return TagRepository::create(tx, named("invoice")); });
  ASSERT_TRUE(id) << id.error().message;
  EXPECT_GT(*id, 0);
  auto count = count_tags(database());
  ASSERT_TRUE(count) << count.error().message;
  EXPECT_EQ(*count, 1);
}

TEST_P(DatabaseTest, RollsBackEverythingWhenWriteFails) {
  const Status outcome = database().write([](WriteContext& tx) -> Status {
    auto first = TagRepository::create(tx, named("first"));
    EXPECT_TRUE(first);
    auto second = TagRepository::create(tx, named("second"));
    EXPECT_TRUE(second);
    return fail(ErrorCode::invalid_argument, "caller changed its mind");
  });
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(outcome.error().message, "caller changed its mind");
  EXPECT_EQ(count_tags(database()).value_or(-1), 0);
}

TEST_P(DatabaseTest, RollsBackWhenConstraintFailsMidTransaction) {
  const Status outcome = database().write([](WriteContext& tx) -> Status {
    auto first = TagRepository::create(tx, named("same"));
    if (!first) {
      return fail(first.error());
    }
    auto second = TagRepository::create(tx, named("same"));
    if (!second) {
      return fail(second.error());
    }
    return {};
  });
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().code, ErrorCode::conflict);
  EXPECT_EQ(count_tags(database()).value_or(-1), 0);
}

TEST_P(DatabaseTest, RollsBackAndReportsWhenWriteThrows) {
  const Status outcome = database().write([](WriteContext& tx) -> Status {
    auto first = TagRepository::create(tx, named("doomed"));
    EXPECT_TRUE(first);
    throw std::runtime_error("boom");
  });
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().code, ErrorCode::internal);
  EXPECT_NE(outcome.error().message.find("boom"), std::string::npos);
  EXPECT_EQ(count_tags(database()).value_or(-1), 0);
  // The connection is usable afterwards.
  auto id =
      database().write([](WriteContext& tx) { return TagRepository::create(tx, named("after")); });
  EXPECT_TRUE(id);
}

TEST_P(DatabaseTest, ErrorsNeverShowBoundValues) {
  const std::string secret = "bound-secret-4711";
  const Status outcome = database().write([&](WriteContext& tx) -> Status {
    for (int attempt = 0; attempt < 2; ++attempt) {
      auto done = tx.session().execute("INSERT INTO auth_group (name) VALUES (:name)", {secret});
      if (!done) {
        return fail(done.error());
      }
    }
    return {};
  });
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().code, ErrorCode::conflict);
  EXPECT_EQ(outcome.error().message.find(secret), std::string::npos) << outcome.error().message;
  EXPECT_NE(outcome.error().message.find("auth_group"), std::string::npos)
      << outcome.error().message;
}

TEST_P(DatabaseTest, RefusesNestedWriteOnSameThread) {
  const Status outcome = database().write([this](WriteContext&) -> Status {
    return database().write([](WriteContext&) -> Status { return {}; });
  });
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().code, ErrorCode::internal);
}

TEST_P(DatabaseTest, ReadersSeeOnlyCommittedData) {
  const Status outcome = database().write([this](WriteContext& tx) -> Status {
    auto id = TagRepository::create(tx, named("pending"));
    EXPECT_TRUE(id);
    EXPECT_EQ(count_tags(database()).value_or(-1), 0);  // another connection, not yet committed
    auto inside = TagRepository::list(tx);              // the writer sees its own write
    EXPECT_EQ(inside.value_or(std::vector<Tag>{}).size(), 1U);
    return {};
  });
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_EQ(count_tags(database()).value_or(-1), 1);
}

TEST_P(DatabaseTest, ReadTransactionsRefuseWrites) {
  const Status outcome = database().read([](ReadContext& context) -> Status {
    auto done = context.session().execute("INSERT INTO auth_group (name) VALUES ('x')");
    if (!done) {
      return fail(done.error());
    }
    return {};
  });
  EXPECT_FALSE(outcome);
}

TEST_P(DatabaseTest, ConcurrentWritersNeverFail) {
  constexpr int k_threads = 6;
  constexpr int k_writes = 20;
  std::atomic<int> failures = 0;
  std::vector<std::string> messages(k_threads);
  std::vector<std::thread> threads;
  for (int thread_idx = 0; thread_idx < k_threads; ++thread_idx) {
    threads.emplace_back([&, thread_idx] {
      for (int write_idx = 0; write_idx < k_writes; ++write_idx) {
        auto id = database().write([&](WriteContext& tx) {
          return TagRepository::create(
              tx, named("tag-" + std::to_string(thread_idx) + "-" + std::to_string(write_idx)));
        });
        auto listed =
            database().read([](ReadContext& context) { return TagRepository::list(context); });
        if (!id || !listed) {
          ++failures;
          messages[thread_idx] = !id ? id.error().message : listed.error().message;
        }
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(failures.load(), 0) << messages[0] << messages[1];
  EXPECT_EQ(count_tags(database()).value_or(-1), k_threads * k_writes);
}

TEST_P(DatabaseTest, TwoHandlesOnOneDatabaseWaitForEachOther) {
  // A second Database on the same file or server behaves like a second process.
  auto other = Database::open(options());
  ASSERT_TRUE(other) << other.error().message;
  constexpr int k_writes = 30;
  std::atomic<int> failures = 0;
  std::string message;
  auto writer = [&](Database& database, const std::string& prefix) {
    for (int write_idx = 0; write_idx < k_writes; ++write_idx) {
      auto id = database.write([&](WriteContext& tx) {
        return TagRepository::create(tx, named(prefix + std::to_string(write_idx)));
      });
      if (!id) {
        ++failures;
        message = id.error().message;
      }
    }
  };
  std::thread first(writer, std::ref(database()), "a-");
  std::thread second(writer, std::ref(**other), "b-");
  first.join();
  second.join();
  EXPECT_EQ(failures.load(), 0) << message;
  EXPECT_EQ(count_tags(database()).value_or(-1), 2 * k_writes);
}

TEST_P(DatabaseTest, SqliteRunsInWalModeWithForeignKeys) {
  if (GetParam() != DatabaseEngine::sqlite) {
    GTEST_SKIP() << "SQLite pragmas";
  }
  auto settings = database().read([](ReadContext& context) -> Result<std::vector<std::string>> {
    std::vector<std::string> values;
    for (const char* pragma : {"PRAGMA journal_mode", "PRAGMA foreign_keys", "PRAGMA synchronous",
                               "PRAGMA busy_timeout"}) {
      auto row = context.session().query_one(pragma, 1);
      if (!row || !*row || !(**row)[0]) {
        return fail(ErrorCode::internal, std::string("no answer to ") + pragma);
      }
      values.push_back(*(**row)[0]);
    }
    return values;
  });
  ASSERT_TRUE(settings) << settings.error().message;
  EXPECT_EQ(*settings, (std::vector<std::string>{"wal", "1", "1", "5000"}));
}

TEST_P(DatabaseTest, PostgresReconnectsAfterLosingConnection) {
  if (GetParam() != DatabaseEngine::postgresql) {
    GTEST_SKIP() << "only PostgreSQL connections can be dropped by the server";
  }
  auto pid = database().write([](WriteContext& tx) -> Result<std::int64_t> {
    auto value = tx.session().query_integer("SELECT pg_backend_pid()");
    if (!value) {
      return fail(value.error());
    }
    return value->value_or(0);
  });
  ASSERT_TRUE(pid) << pid.error().message;
  const Status killed = database().read([&](ReadContext& context) -> Status {
    auto done = context.session().query("SELECT pg_terminate_backend(:pid)", 1, {*pid});
    if (!done) {
      return fail(done.error());
    }
    return {};
  });
  ASSERT_TRUE(killed) << killed.error().message;

  // The first write notices the loss; the one after it reconnects.
  auto noticed =
      database().write([](WriteContext& tx) { return TagRepository::create(tx, named("lost")); });
  if (!noticed) {
    EXPECT_EQ(noticed.error().code, ErrorCode::unavailable) << noticed.error().message;
  }
  auto id = database().write(
      [](WriteContext& tx) { return TagRepository::create(tx, named("reconnected")); });
  ASSERT_TRUE(id) << id.error().message;
  auto tags = database().read([](ReadContext& context) { return TagRepository::list(context); });
  ASSERT_TRUE(tags) << tags.error().message;
  EXPECT_EQ(tags->back().name, "reconnected");
}

QUIRE_STORAGE_ENGINES(DatabaseTest);

TEST(DatabaseOpenTest, RefusesInMemorySqlite) {
  DatabaseOptions options;
  options.sqlite_path = ":memory:";
  auto database = Database::open(options);
  ASSERT_FALSE(database);
  EXPECT_EQ(database.error().code, ErrorCode::invalid_argument);
}

TEST(DatabaseOpenTest, ReportsUnopenableSqliteFile) {
  DatabaseOptions options;
  options.sqlite_path = "/nonexistent-folder/quire/db.sqlite3";
  auto database = Database::open(options);
  ASSERT_FALSE(database);
  EXPECT_EQ(database.error().code, ErrorCode::unavailable);
  EXPECT_NE(database.error().message.find("/nonexistent-folder/quire/db.sqlite3"),
            std::string::npos);
}

TEST(DatabaseOpenTest, NeverShowsPostgresPassword) {
  DatabaseOptions options;
  options.engine = DatabaseEngine::postgresql;
  options.host = "127.0.0.1";
  options.port = 1;  // nothing listens there
  options.password = "s3cret-Pa55word";
  options.sslmode = "disable";
  auto database = Database::open(options);
  ASSERT_FALSE(database);
  EXPECT_EQ(database.error().code, ErrorCode::unavailable);
  EXPECT_EQ(database.error().message.find("s3cret-Pa55word"), std::string::npos)
      << database.error().message;
  EXPECT_NE(database.error().message.find("127.0.0.1:1"), std::string::npos);
}

TEST(DatabaseOpenTest, RejectsSchemaThatIsNotAnIdentifier) {
  DatabaseOptions options;
  options.engine = DatabaseEngine::postgresql;
  options.schema = "x; DROP TABLE y";
  auto database = Database::open(options);
  ASSERT_FALSE(database);
  EXPECT_EQ(database.error().code, ErrorCode::invalid_argument);
}

}  // namespace
}  // namespace quire::storage
