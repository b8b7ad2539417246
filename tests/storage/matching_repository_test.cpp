#include "storage/correspondent_repository.hpp"
#include "storage/document_type_repository.hpp"
#include "storage/storage_path_repository.hpp"
#include "storage/user_repository.hpp"
#include "storage_test_support.hpp"

#include <gtest/gtest.h>

#include <string>

namespace quire::storage {
namespace {

using test::StorageTest;

// The three plain matching repositories share one implementation; each is checked for its
// own table and columns.
class MatchingRepositoryTest : public StorageTest {};

template <typename Repository, typename Object>
void expect_create_get_list(Database& database, Object first, Object second) {
  auto first_id = database.write([&](WriteContext& tx) { return Repository::create(tx, first); });
  ASSERT_TRUE(first_id) << first_id.error().message;
  auto second_id = database.write([&](WriteContext& tx) { return Repository::create(tx, second); });
  ASSERT_TRUE(second_id) << second_id.error().message;

  auto stored =
      database.read([&](ReadContext& context) { return Repository::get(context, *first_id); });
  ASSERT_TRUE(stored && *stored);
  EXPECT_EQ((*stored)->name, first.name);
  EXPECT_EQ((*stored)->rule.match, first.rule.match);
  EXPECT_EQ((*stored)->rule.algorithm, first.rule.algorithm);
  EXPECT_EQ((*stored)->owner_id, first.owner_id);

  auto listed = database.read([](ReadContext& context) { return Repository::list(context); });
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 2U);
  EXPECT_EQ((*listed)[0].id, *second_id);  // "alpha" sorts before "Zulu"
  EXPECT_EQ((*listed)[1].id, *first_id);

  auto found = database.read(
      [](ReadContext& context) { return Repository::find_by_name_ignoring_case(context, "ZULU"); });
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->id, *first_id);

  auto duplicate = database.write([&](WriteContext& tx) { return Repository::create(tx, first); });
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code, ErrorCode::conflict);
}

template <typename Object>
std::pair<Object, Object> pair_named(std::optional<UserId> owner) {
  Object first;
  first.name = "Zulu";
  first.rule = {"zulu", MatchingAlgorithm::literal, true};
  first.owner_id = owner;
  Object second;
  second.name = "alpha";
  return {first, second};
}

TEST_P(MatchingRepositoryTest, CorrespondentsRoundTrip) {
  auto owner = database().write([](WriteContext& tx) {
    User user;
    user.username = "owner";
    return UserRepository::create(tx, user);
  });
  ASSERT_TRUE(owner);
  auto [first, second] = pair_named<Correspondent>(*owner);
  expect_create_get_list<CorrespondentRepository>(database(), first, second);
}

TEST_P(MatchingRepositoryTest, DocumentTypesRoundTrip) {
  auto [first, second] = pair_named<DocumentType>(std::nullopt);
  expect_create_get_list<DocumentTypeRepository>(database(), first, second);
}

TEST_P(MatchingRepositoryTest, StoragePathsRoundTrip) {
  auto [first, second] = pair_named<StoragePath>(std::nullopt);
  first.path = "{{ created_year }}/{{ title }}";
  second.path = "{{ correspondent }}/{{ title }}";
  expect_create_get_list<StoragePathRepository>(database(), first, second);
  auto stored = database().read([](ReadContext& context) {
    return StoragePathRepository::find_by_name_ignoring_case(context, "zulu");
  });
  ASSERT_TRUE(stored && *stored);
  EXPECT_EQ((*stored)->path, "{{ created_year }}/{{ title }}");
}

TEST_P(MatchingRepositoryTest, StoragePathNeedsPath) {
  StoragePath path;
  path.name = "empty";
  auto id =
      database().write([&](WriteContext& tx) { return StoragePathRepository::create(tx, path); });
  ASSERT_FALSE(id);
  EXPECT_EQ(id.error().code, ErrorCode::invalid_argument);
}

TEST_P(MatchingRepositoryTest, RejectsOverlongName) {
  Correspondent correspondent;
  correspondent.name = std::string(129, 'x');
  auto id = database().write(
      [&](WriteContext& tx) { return CorrespondentRepository::create(tx, correspondent); });
  ASSERT_FALSE(id);
  EXPECT_EQ(id.error().code, ErrorCode::invalid_argument);
  correspondent.name = std::string(64, 'x') + std::string(64, 'x');
  EXPECT_TRUE(database().write(
      [&](WriteContext& tx) { return CorrespondentRepository::create(tx, correspondent); }));
}

QUIRE_STORAGE_ENGINES(MatchingRepositoryTest);

}  // namespace
}  // namespace quire::storage
