#include "consumer/metadata_assignment.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace quire::consumer {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

template <typename T>
T object(Id id, std::string name, std::string match,
         MatchingAlgorithm algorithm = MatchingAlgorithm::any) {
  T result;
  result.id = id;
  result.name = std::move(name);
  result.rule.match = std::move(match);
  result.rule.algorithm = algorithm;
  return result;
}

Tag tag(TagId id, std::string name, std::string match, std::optional<TagId> parent = {}) {
  Tag result = object<Tag>(id, std::move(name), std::move(match));
  result.parent_id = parent;
  return result;
}

Document with_content(std::string content) {
  Document document;
  document.content = std::move(content);
  return document;
}

// Candidates whose rules all match the text "invoice from acme about the car".
MatchingCandidates overlapping_candidates() {
  MatchingCandidates candidates;
  candidates.correspondents = {object<Correspondent>(1, "Acme", "acme"),
                               object<Correspondent>(2, "Beta", "invoice")};
  candidates.document_types = {object<DocumentType>(10, "Invoice", "invoice"),
                               object<DocumentType>(11, "Letter", "about")};
  candidates.storage_paths = {object<StoragePath>(20, "Cars", "car"),
                              object<StoragePath>(21, "Misc", "invoice")};
  return candidates;
}

constexpr const char* k_text = "invoice from acme about the car";

TEST(MetadataAssignmentTest, FirstMatchWinsForSingleValuedFields) {
  Document document = with_content(k_text);
  assign_metadata(document, {}, overlapping_candidates());
  EXPECT_EQ(document.correspondent_id, CorrespondentId{1});
  EXPECT_EQ(document.document_type_id, DocumentTypeId{10});
  EXPECT_EQ(document.storage_path_id, StoragePathId{20});
}

TEST(MetadataAssignmentTest, NothingAssignedWhenNothingMatches) {
  Document document = with_content("a recipe for bread");
  assign_metadata(document, {}, overlapping_candidates());
  EXPECT_FALSE(document.correspondent_id);
  EXPECT_FALSE(document.document_type_id);
  EXPECT_FALSE(document.storage_path_id);
  EXPECT_TRUE(document.tag_ids.empty());
}

TEST(MetadataAssignmentTest, OverridesBeatMatchingRules) {
  Document document = with_content(k_text);
  MetadataOverrides overrides;
  overrides.correspondent_id = 2;
  overrides.document_type_id = 11;
  overrides.storage_path_id = 21;
  overrides.asn = 77;
  overrides.owner_id = 5;
  assign_metadata(document, overrides, overlapping_candidates());
  EXPECT_EQ(document.correspondent_id, CorrespondentId{2});
  EXPECT_EQ(document.document_type_id, DocumentTypeId{11});
  EXPECT_EQ(document.storage_path_id, StoragePathId{21});
  EXPECT_EQ(document.archive_serial_number, 77u);
  EXPECT_EQ(document.owner_id, UserId{5});
}

TEST(MetadataAssignmentTest, AddsInboxTagsWithoutAnyRule) {
  MatchingCandidates candidates;
  Tag inbox = tag(1, "Inbox", "");
  inbox.rule.algorithm = MatchingAlgorithm::none;
  inbox.is_inbox_tag = true;
  candidates.tags = {inbox, tag(2, "Other", "nothing-here")};
  Document document = with_content(k_text);
  assign_metadata(document, {}, candidates);
  EXPECT_THAT(document.tag_ids, ElementsAre(1));
}

TEST(MetadataAssignmentTest, AddsAllMatchingTagsWithAncestorsOnce) {
  MatchingCandidates candidates;
  candidates.tags = {tag(1, "Finance", "zzz"), tag(2, "Bills", "invoice", 1),
                     tag(3, "Vehicles", "car", 1), tag(4, "Unrelated", "bread")};
  Document document = with_content(k_text);
  assign_metadata(document, {}, candidates);
  EXPECT_THAT(document.tag_ids, UnorderedElementsAre(1, 2, 3));
}

TEST(MetadataAssignmentTest, OverrideTagsGetAncestorsAndMergeWithMatches) {
  MatchingCandidates candidates;
  candidates.tags = {tag(1, "Root", "zzz"), tag(2, "Child", "zzz", 1),
                     tag(3, "Grandchild", "zzz", 2), tag(4, "Matched", "acme")};
  MetadataOverrides overrides;
  overrides.tag_ids = std::vector<TagId>{3, 4};
  Document document = with_content(k_text);
  assign_metadata(document, overrides, candidates);
  EXPECT_THAT(document.tag_ids, UnorderedElementsAre(1, 2, 3, 4));
}

TEST(MetadataAssignmentTest, OwnerSeesOnlyOwnAndUnownedObjects) {
  MatchingCandidates candidates = overlapping_candidates();
  candidates.correspondents[0].owner_id = 9;  // Acme belongs to someone else
  candidates.document_types[0].owner_id = 5;  // Invoice belongs to the document's owner
  Tag foreign = tag(30, "Foreign", "car");
  foreign.owner_id = 9;
  candidates.tags = {foreign, tag(31, "Mine", "car")};
  MetadataOverrides overrides;
  overrides.owner_id = 5;

  Document document = with_content(k_text);
  assign_metadata(document, overrides, candidates);
  EXPECT_EQ(document.correspondent_id, CorrespondentId{2});
  EXPECT_EQ(document.document_type_id, DocumentTypeId{10});
  EXPECT_THAT(document.tag_ids, ElementsAre(31));
}

TEST(MetadataAssignmentTest, WithoutOwnerEveryObjectTakesPart) {
  MatchingCandidates candidates = overlapping_candidates();
  candidates.correspondents[0].owner_id = 9;
  Document document = with_content(k_text);
  assign_metadata(document, {}, candidates);
  EXPECT_EQ(document.correspondent_id, CorrespondentId{1});
}

TEST(MetadataAssignmentTest, WithAncestorsStopsOnCycles) {
  const std::vector<Tag> tags = {tag(1, "A", "", 2), tag(2, "B", "", 1)};
  EXPECT_THAT(with_ancestors({1}, tags), ElementsAre(1, 2));
  EXPECT_THAT(with_ancestors({7}, tags), ElementsAre(7));
}

}  // namespace
}  // namespace quire::consumer
