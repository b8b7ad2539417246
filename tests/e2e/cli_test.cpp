// Drives the `quire` binary's command line: help, typo suggestions, settings errors and the
// superuser commands.

#include "auth/password_hasher.hpp"
#include "e2e_support.hpp"
#include "storage/user_repository.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace quire::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::SizeIs;

std::optional<User> stored_user(const Installation& installation, const std::string& username) {
  auto database = installation.open_database();
  if (!database) return std::nullopt;
  auto found = database->read([&](storage::ReadContext& tx) {
    return storage::UserRepository::find_by_username(tx, username);
  });
  if (!found) {
    ADD_FAILURE() << found.error().message;
    return std::nullopt;
  }
  return *found;
}

TEST(CliTest, HelpListsTheCommands) {
  const Installation installation;
  const QuireRun run = run_quire({"--help"}, installation.env());
  EXPECT_EQ(run.exit_code, 0);
  const std::string text = run.all_output();
  for (const char* command :
       {"document_consumer", "migrate", "createsuperuser", "manage_superuser"}) {
    EXPECT_THAT(text, HasSubstr(command));
  }
}

TEST(CliTest, SuggestsTheNearestCommandForATypo) {
  const Installation installation;
  const QuireRun run = run_quire({"documnet_consumer", "--oneshot"}, installation.env());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, SizeIs(1));
  EXPECT_THAT(run.all_output(), HasSubstr("did you mean 'document_consumer'"));
}

TEST(CliTest, BadSettingValueExitsOneNamingTheSetting) {
  const Installation installation;
  const QuireRun run = run_quire({"document_consumer", "--oneshot"},
                                 installation.env({{"PAPERLESS_CONSUMER_POLLING", "soon"}}));
  EXPECT_EQ(run.exit_code, 1);
  ASSERT_THAT(run.err, SizeIs(1)) << run.all_output();
  EXPECT_THAT(run.err[0], HasSubstr("PAPERLESS_CONSUMER_POLLING"));
}

TEST(CliTest, MigrateCreatesTheDatabaseOnce) {
  const Installation installation;
  const QuireRun first = run_quire({"migrate"}, installation.env());
  EXPECT_EQ(first.exit_code, 0) << first.all_output();
  EXPECT_TRUE(std::filesystem::exists(installation.data_dir() / "db.sqlite3"));
  const QuireRun second = run_quire({"migrate"}, installation.env());
  EXPECT_EQ(second.exit_code, 0) << second.all_output();
}

TEST(CliTest, ManageSuperuserCreatesTheAdminOnce) {
  const Installation installation;
  const Environment env = installation.env(
      {{"PAPERLESS_ADMIN_USER", "boss"}, {"PAPERLESS_ADMIN_PASSWORD", "s3cret-pass"}});
  const QuireRun first = run_quire({"manage_superuser"}, env);
  EXPECT_EQ(first.exit_code, 0) << first.all_output();
  EXPECT_THAT(first.all_output(), HasSubstr("Created superuser \"boss\""));

  const QuireRun second = run_quire({"manage_superuser"}, env);
  EXPECT_EQ(second.exit_code, 0) << second.all_output();
  EXPECT_THAT(second.all_output(), HasSubstr("Did not create superuser"));

  const auto user = stored_user(installation, "boss");
  ASSERT_TRUE(user);
  EXPECT_TRUE(user->is_superuser);
  EXPECT_TRUE(auth::check_password("s3cret-pass", user->password));
  EXPECT_FALSE(auth::check_password("wrong", user->password));
}

TEST(CliTest, CreateSuperuserNoInputTakesDjangoVariables) {
  const Installation installation;
  const QuireRun run = run_quire({"createsuperuser", "--noinput"},
                                 installation.env({{"DJANGO_SUPERUSER_USERNAME", "alice"},
                                                   {"DJANGO_SUPERUSER_EMAIL", "alice@example.org"},
                                                   {"DJANGO_SUPERUSER_PASSWORD", "pa55-word!"}}));
  EXPECT_EQ(run.exit_code, 0) << run.all_output();
  const auto user = stored_user(installation, "alice");
  ASSERT_TRUE(user);
  EXPECT_TRUE(user->is_superuser);
  EXPECT_EQ(user->email, "alice@example.org");
  EXPECT_TRUE(auth::check_password("pa55-word!", user->password));
}

TEST(CliTest, CreateSuperuserNoInputWithoutUsernameFails) {
  const Installation installation;
  const QuireRun run = run_quire({"createsuperuser", "--noinput"}, installation.env());
  EXPECT_NE(run.exit_code, 0);
  EXPECT_THAT(run.all_output(), HasSubstr("--username"));
}

}  // namespace
}  // namespace quire::e2e
