#include "storage/migrations.hpp"

#include "storage/session.hpp"
#include "storage_test_support.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace quire::storage {
namespace {

using test::StorageTest;

class MigrationsTest : public StorageTest {
 protected:
  // Runs one statement in its own write transaction.
  Status execute(const std::string& sql) {
    return database().write([&](WriteContext& tx) -> Status {
      auto done = tx.session().execute(sql);
      if (!done) {
        return fail(done.error());
      }
      return {};
    });
  }

  std::int64_t count(const std::string& sql) {
    auto value = database().read([&](ReadContext& context) -> Result<std::int64_t> {
      auto number = context.session().query_integer(sql);
      if (!number) {
        return fail(number.error());
      }
      return number->value_or(-1);
    });
    EXPECT_TRUE(value) << sql << ": " << value.error().message;
    return value.value_or(-1);
  }

  void insert_user(int id) {
    ASSERT_TRUE(execute("INSERT INTO auth_user (id, password, username, date_joined) VALUES (" +
                        std::to_string(id) + ", '', 'user" + std::to_string(id) +
                        "', '2024-01-01 00:00:00')"));
  }
};

// The fixture has already migrated once.
TEST_P(MigrationsTest, SecondRunAppliesNothing) {
  auto pending = pending_migrations(database());
  ASSERT_TRUE(pending) << pending.error().message;
  EXPECT_EQ(*pending, 0);
  auto ran = migrate(database());
  ASSERT_TRUE(ran) << ran.error().message;
  EXPECT_EQ(*ran, 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM quire_migrations"), latest_schema_version());
}

TEST_P(MigrationsTest, FreshDatabaseHasEveryMigrationPending) {
  auto fresh_scratch = test::ScratchDatabase::create(GetParam());
  ASSERT_NE(fresh_scratch, nullptr);
  auto fresh = Database::open(fresh_scratch->options());
  ASSERT_TRUE(fresh) << fresh.error().message;
  auto pending = pending_migrations(**fresh);
  ASSERT_TRUE(pending) << pending.error().message;
  EXPECT_EQ(*pending, latest_schema_version());
  auto ran = migrate(**fresh);
  ASSERT_TRUE(ran) << ran.error().message;
  EXPECT_EQ(*ran, latest_schema_version());
  EXPECT_EQ(pending_migrations(**fresh).value_or(-1), 0);
}

TEST_P(MigrationsTest, TwoProcessesMigratingAtOnceApplyEachMigrationOnce) {
  auto fresh_scratch = test::ScratchDatabase::create(GetParam());
  ASSERT_NE(fresh_scratch, nullptr);
  auto first = Database::open(fresh_scratch->options());
  auto second = Database::open(fresh_scratch->options());
  ASSERT_TRUE(first && second);
  Result<int> first_ran = 0;
  Result<int> second_ran = 0;
  std::thread first_thread([&] { first_ran = migrate(**first); });
  std::thread second_thread([&] { second_ran = migrate(**second); });
  first_thread.join();
  second_thread.join();
  ASSERT_TRUE(first_ran) << first_ran.error().message;
  ASSERT_TRUE(second_ran) << second_ran.error().message;
  EXPECT_EQ(*first_ran + *second_ran, latest_schema_version());
}

TEST_P(MigrationsTest, CreatesWholeDataModel) {
  const std::vector<std::string> tables = {"documents_document",
                                           "documents_tag",
                                           "documents_document_tags",
                                           "documents_correspondent",
                                           "documents_documenttype",
                                           "documents_storagepath",
                                           "documents_customfield",
                                           "documents_customfieldinstance",
                                           "documents_note",
                                           "documents_savedview",
                                           "documents_savedviewfilterrule",
                                           "documents_sharelink",
                                           "documents_workflow",
                                           "documents_workflowtrigger",
                                           "documents_workflowaction",
                                           "documents_workflowactionemail",
                                           "documents_workflowactionwebhook",
                                           "documents_workflow_triggers",
                                           "documents_workflow_actions",
                                           "documents_workflowtrigger_filter_has_tags",
                                           "documents_workflowaction_assign_tags",
                                           "documents_workflowaction_remove_change_groups",
                                           "documents_workflowrun",
                                           "paperless_mail_mailaccount",
                                           "paperless_mail_mailrule",
                                           "paperless_mail_mailrule_assign_tags",
                                           "paperless_mail_processedmail",
                                           "documents_paperlesstask",
                                           "documents_uisettings",
                                           "auth_user",
                                           "auth_group",
                                           "auth_user_groups",
                                           "auth_permission",
                                           "auth_group_permissions",
                                           "auth_user_user_permissions",
                                           "guardian_userobjectpermission",
                                           "guardian_groupobjectpermission",
                                           "authtoken_token",
                                           "paperless_applicationconfiguration",
                                           "auditlog_logentry",
                                           "django_content_type"};
  for (const std::string& table : tables) {
    EXPECT_GE(count("SELECT COUNT(*) FROM " + table), 0) << table;
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM paperless_applicationconfiguration WHERE id = 1"), 1);
}

TEST_P(MigrationsTest, MatchingNamesAreUniquePerOwner) {
  insert_user(1);
  insert_user(2);
  ASSERT_TRUE(execute("INSERT INTO documents_correspondent (name, owner_id) VALUES ('acme', 1)"));
  ASSERT_TRUE(execute("INSERT INTO documents_correspondent (name, owner_id) VALUES ('acme', 2)"));
  ASSERT_TRUE(execute("INSERT INTO documents_correspondent (name) VALUES ('acme')"));

  const Status same_owner =
      execute("INSERT INTO documents_correspondent (name, owner_id) VALUES ('acme', 1)");
  ASSERT_FALSE(same_owner);
  EXPECT_EQ(same_owner.error().code, ErrorCode::conflict);
  const Status both_unowned = execute("INSERT INTO documents_correspondent (name) VALUES ('acme')");
  ASSERT_FALSE(both_unowned);
  EXPECT_EQ(both_unowned.error().code, ErrorCode::conflict);
}

TEST_P(MigrationsTest, DeletingReferencedRowsFollowsDjangoOnDelete) {
  insert_user(1);
  ASSERT_TRUE(execute("INSERT INTO documents_correspondent (id, name) VALUES (10, 'acme')"));
  ASSERT_TRUE(execute("INSERT INTO documents_tag (id, name) VALUES (20, 'parent')"));
  ASSERT_TRUE(
      execute("INSERT INTO documents_tag (id, name, tn_parent_id) VALUES (21, 'child', 20)"));
  ASSERT_TRUE(execute(
      "INSERT INTO documents_document (id, correspondent_id, owner_id, created, modified, added, "
      "mime_type, checksum) VALUES (30, 10, 1, '2024-01-02', '2024-01-02 10:00:00', "
      "'2024-01-02 10:00:00', 'application/pdf', 'abc')"));
  ASSERT_TRUE(execute("INSERT INTO documents_document_tags (document_id, tag_id) VALUES (30, 21)"));
  ASSERT_TRUE(
      execute("INSERT INTO documents_note (note, created, document_id, user_id) VALUES "
              "('n', '2024-01-02 10:00:00', 30, 1)"));

  ASSERT_TRUE(execute("DELETE FROM documents_correspondent WHERE id = 10"));
  EXPECT_EQ(count("SELECT COUNT(*) FROM documents_document WHERE correspondent_id IS NULL"), 1);
  ASSERT_TRUE(execute("DELETE FROM auth_user WHERE id = 1"));
  EXPECT_EQ(count("SELECT COUNT(*) FROM documents_document WHERE owner_id IS NULL"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM documents_note WHERE user_id IS NULL"), 1);

  ASSERT_TRUE(execute("DELETE FROM documents_tag WHERE id = 20"));  // subtree goes too
  EXPECT_EQ(count("SELECT COUNT(*) FROM documents_tag"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM documents_document_tags"), 0);

  ASSERT_TRUE(execute("DELETE FROM documents_document WHERE id = 30"));
  EXPECT_EQ(count("SELECT COUNT(*) FROM documents_note"), 0);
}

TEST_P(MigrationsTest, RejectsReferenceToMissingRow) {
  const Status outcome =
      execute("INSERT INTO documents_document_tags (document_id, tag_id) VALUES (999, 998)");
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().code, ErrorCode::invalid_argument);
}

TEST_P(MigrationsTest, ComputesMonetaryAmount) {
  ASSERT_TRUE(
      execute("INSERT INTO documents_customfield (id, created, name, data_type) VALUES "
              "(1, '2024-01-01 00:00:00', 'price', 'monetary')"));
  ASSERT_TRUE(execute(
      "INSERT INTO documents_document (id, created, modified, added, mime_type, checksum) VALUES "
      "(1, '2024-01-02', '2024-01-02 10:00:00', '2024-01-02 10:00:00', 'application/pdf', 'a')"));
  ASSERT_TRUE(execute(
      "INSERT INTO documents_document (id, created, modified, added, mime_type, checksum) VALUES "
      "(2, '2024-01-02', '2024-01-02 10:00:00', '2024-01-02 10:00:00', 'application/pdf', 'b')"));
  ASSERT_TRUE(
      execute("INSERT INTO documents_customfieldinstance (created, document_id, field_id, "
              "value_monetary) VALUES ('2024-01-01 00:00:00', 1, 1, 'EUR123.45')"));
  ASSERT_TRUE(
      execute("INSERT INTO documents_customfieldinstance (created, document_id, field_id, "
              "value_monetary) VALUES ('2024-01-01 00:00:00', 2, 1, '99.50')"));
  EXPECT_EQ(count("SELECT COUNT(*) FROM documents_customfieldinstance "
                  "WHERE value_monetary_amount = 123.45"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM documents_customfieldinstance "
                  "WHERE value_monetary_amount = 99.5"),
            1);
}

QUIRE_STORAGE_ENGINES(MigrationsTest);

}  // namespace
}  // namespace quire::storage
