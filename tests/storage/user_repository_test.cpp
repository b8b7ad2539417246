#include "storage/user_repository.hpp"

#include "storage_test_support.hpp"

#include <gtest/gtest.h>

#include <string>

namespace quire::storage {
namespace {

using test::StorageTest;

class UserRepositoryTest : public StorageTest {
 protected:
  Result<UserId> create(const std::string& username, bool superuser = false) {
    User user;
    user.username = username;
    user.password = "pbkdf2_sha256$870000$salt$hash";
    user.email = username + "@example.com";
    user.is_superuser = superuser;
    user.is_staff = superuser;
    return database().write([&](WriteContext& tx) { return UserRepository::create(tx, user); });
  }
};

TEST_P(UserRepositoryTest, CreatesAndFindsByUsername) {
  auto id = create("alice");
  ASSERT_TRUE(id) << id.error().message;
  auto found = database().read(
      [](ReadContext& context) { return UserRepository::find_by_username(context, "alice"); });
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->id, *id);
  EXPECT_EQ((*found)->password, "pbkdf2_sha256$870000$salt$hash");
  EXPECT_EQ((*found)->email, "alice@example.com");
  EXPECT_TRUE((*found)->is_active);
  EXPECT_FALSE((*found)->is_superuser);
  EXPECT_GT((*found)->date_joined, Timestamp{});
  EXPECT_FALSE((*found)->last_login);

  auto other_case = database().read(
      [](ReadContext& context) { return UserRepository::find_by_username(context, "Alice"); });
  ASSERT_TRUE(other_case);
  EXPECT_FALSE(*other_case);
}

TEST_P(UserRepositoryTest, DetectsSuperuser) {
  ASSERT_TRUE(create("bob"));
  auto none = database().read(
      [](ReadContext& context) { return UserRepository::any_superuser_exists(context); });
  ASSERT_TRUE(none) << none.error().message;
  EXPECT_FALSE(*none);
  ASSERT_TRUE(create("admin", true));
  auto some = database().read(
      [](ReadContext& context) { return UserRepository::any_superuser_exists(context); });
  ASSERT_TRUE(some);
  EXPECT_TRUE(*some);
}

TEST_P(UserRepositoryTest, SetsPassword) {
  auto id = create("carol");
  ASSERT_TRUE(id);
  ASSERT_TRUE(database().write(
      [&](WriteContext& tx) { return UserRepository::set_password(tx, *id, "new-hash"); }));
  auto user =
      database().read([&](ReadContext& context) { return UserRepository::get(context, *id); });
  ASSERT_TRUE(user && *user);
  EXPECT_EQ((*user)->password, "new-hash");
  const Status missing = database().write(
      [&](WriteContext& tx) { return UserRepository::set_password(tx, *id + 100, "x"); });
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
}

TEST_P(UserRepositoryTest, UsernamesAreUniqueAndBounded) {
  ASSERT_TRUE(create("dave"));
  auto duplicate = create("dave");
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code, ErrorCode::conflict);
  auto empty = create("");
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, ErrorCode::invalid_argument);
  auto listed = database().read([](ReadContext& context) { return UserRepository::list(context); });
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->size(), 1U);
}

QUIRE_STORAGE_ENGINES(UserRepositoryTest);

}  // namespace
}  // namespace quire::storage
