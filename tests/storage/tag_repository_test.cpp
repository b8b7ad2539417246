#include "storage/tag_repository.hpp"

#include "storage_test_support.hpp"

#include <gtest/gtest.h>

#include <string>

namespace quire::storage {
namespace {

using test::StorageTest;

class TagRepositoryTest : public StorageTest {
 protected:
  Result<TagId> create(const std::string& name, std::optional<TagId> parent = std::nullopt,
                       bool inbox = false) {
    Tag tag;
    tag.name = name;
    tag.parent_id = parent;
    tag.is_inbox_tag = inbox;
    return database().write([&](WriteContext& tx) { return TagRepository::create(tx, tag); });
  }
};

TEST_P(TagRepositoryTest, CreatesAndReadsBack) {
  Tag tag;
  tag.name = "Invoices";
  tag.color = "#00FF7f";
  tag.is_inbox_tag = true;
  tag.rule = {"invoice bill", MatchingAlgorithm::all, false};
  auto id = database().write([&](WriteContext& tx) { return TagRepository::create(tx, tag); });
  ASSERT_TRUE(id) << id.error().message;
  auto stored =
      database().read([&](ReadContext& context) { return TagRepository::get(context, *id); });
  ASSERT_TRUE(stored && *stored);
  EXPECT_EQ((*stored)->name, "Invoices");
  EXPECT_EQ((*stored)->color, "#00FF7f");
  EXPECT_TRUE((*stored)->is_inbox_tag);
  EXPECT_EQ((*stored)->rule.match, "invoice bill");
  EXPECT_EQ((*stored)->rule.algorithm, MatchingAlgorithm::all);
  EXPECT_FALSE((*stored)->rule.is_insensitive);
  EXPECT_EQ((*stored)->parent_id, std::nullopt);
  EXPECT_EQ((*stored)->owner_id, std::nullopt);
}

TEST_P(TagRepositoryTest, ListsByNameIgnoringCase) {
  ASSERT_TRUE(create("beta"));
  ASSERT_TRUE(create("Alpha"));
  ASSERT_TRUE(create("gamma"));
  auto tags = database().read([](ReadContext& context) { return TagRepository::list(context); });
  ASSERT_TRUE(tags);
  ASSERT_EQ(tags->size(), 3U);
  EXPECT_EQ((*tags)[0].name, "Alpha");
  EXPECT_EQ((*tags)[1].name, "beta");
  EXPECT_EQ((*tags)[2].name, "gamma");
}

TEST_P(TagRepositoryTest, FindsOrCreatesIgnoringCase) {
  auto existing = create("Invoice");
  ASSERT_TRUE(existing);
  auto found = database().write([](WriteContext& tx) {
    return TagRepository::find_or_create_by_name_ignoring_case(tx, "INVOICE");
  });
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_EQ(found->id, *existing);
  EXPECT_EQ(found->name, "Invoice");

  auto created = database().write([](WriteContext& tx) {
    return TagRepository::find_or_create_by_name_ignoring_case(tx, "Receipt");
  });
  ASSERT_TRUE(created);
  EXPECT_NE(created->id, *existing);
  auto again = database().write([](WriteContext& tx) {
    return TagRepository::find_or_create_by_name_ignoring_case(tx, "receipt");
  });
  ASSERT_TRUE(again);
  EXPECT_EQ(again->id, created->id);
}

TEST_P(TagRepositoryTest, ListsAncestorsNearestFirst) {
  auto root = create("root");
  auto middle = create("middle", *root);
  auto leaf = create("leaf", *middle);
  ASSERT_TRUE(root && middle && leaf);
  auto chain = database().read(
      [&](ReadContext& context) { return TagRepository::ancestors(context, *leaf); });
  ASSERT_TRUE(chain) << chain.error().message;
  EXPECT_EQ(*chain, (std::vector<TagId>{*middle, *root}));
  auto none = database().read(
      [&](ReadContext& context) { return TagRepository::ancestors(context, *root); });
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
  auto unknown = database().read(
      [&](ReadContext& context) { return TagRepository::ancestors(context, *leaf + 100); });
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::not_found);
}

TEST_P(TagRepositoryTest, ListsInboxTags) {
  ASSERT_TRUE(create("new", std::nullopt, true));
  ASSERT_TRUE(create("old"));
  ASSERT_TRUE(create("Inbox", std::nullopt, true));
  auto inbox =
      database().read([](ReadContext& context) { return TagRepository::inbox_tags(context); });
  ASSERT_TRUE(inbox) << inbox.error().message;
  ASSERT_EQ(inbox->size(), 2U);
  EXPECT_EQ((*inbox)[0].name, "Inbox");
  EXPECT_EQ((*inbox)[1].name, "new");
}

TEST_P(TagRepositoryTest, RejectsInvalidTags) {
  Tag bad_color;
  bad_color.name = "x";
  bad_color.color = "red";
  auto colored =
      database().write([&](WriteContext& tx) { return TagRepository::create(tx, bad_color); });
  ASSERT_FALSE(colored);
  EXPECT_EQ(colored.error().code, ErrorCode::invalid_argument);

  auto unnamed = create("");
  ASSERT_FALSE(unnamed);
  EXPECT_EQ(unnamed.error().code, ErrorCode::invalid_argument);

  auto orphan = create("orphan", 9999);
  ASSERT_FALSE(orphan);
  EXPECT_EQ(orphan.error().code, ErrorCode::invalid_argument);

  ASSERT_TRUE(create("dup"));
  auto duplicate = create("dup");
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code, ErrorCode::conflict);
  EXPECT_NE(duplicate.error().message.find("tag 'dup'"), std::string::npos);
}

QUIRE_STORAGE_ENGINES(TagRepositoryTest);

}  // namespace
}  // namespace quire::storage
