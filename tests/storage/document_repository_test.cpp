#include "storage/document_repository.hpp"

#include "storage/correspondent_repository.hpp"
#include "storage/tag_repository.hpp"
#include "storage/user_repository.hpp"
#include "storage_test_support.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace quire::storage {
namespace {

using namespace std::chrono_literals;
using test::StorageTest;

Document make_document(const std::string& checksum) {
  Document document;
  document.title = "Invoice " + checksum;
  document.content = "Lorem ipsum";
  document.created = Date{std::chrono::year{2021}, std::chrono::month{2}, std::chrono::day{15}};
  document.mime_type = "application/pdf";
  document.checksum = checksum;
  document.original_filename = checksum + ".pdf";
  return document;
}

class DocumentRepositoryTest : public StorageTest {
 protected:
  Result<DocumentId> insert(const Document& document) {
    return database().write(
        [&](WriteContext& tx) { return DocumentRepository::insert(tx, document); });
  }

  std::optional<Document> get(
      DocumentId id, DocumentRepository::Trash trash = DocumentRepository::Trash::exclude) {
    auto found = database().read(
        [&](ReadContext& context) { return DocumentRepository::get(context, id, trash); });
    EXPECT_TRUE(found) << found.error().message;
    return found.value_or(std::nullopt);
  }

  TagId create_tag(const std::string& name) {
    auto id = database().write([&](WriteContext& tx) {
      Tag tag;
      tag.name = name;
      return TagRepository::create(tx, tag);
    });
    EXPECT_TRUE(id) << id.error().message;
    return id.value_or(0);
  }

  DocumentId insert_trashed(const std::string& checksum, std::optional<std::uint32_t> asn) {
    Document document = make_document(checksum);
    document.archive_serial_number = asn;
    document.deleted_at = Timestamp{std::chrono::sys_days{std::chrono::year{2024} / 1 / 1}};
    auto id = insert(document);
    EXPECT_TRUE(id) << id.error().message;
    return id.value_or(0);
  }
};

TEST_P(DocumentRepositoryTest, InsertsAndReadsBackEveryField) {
  const TagId red = create_tag("red");
  const TagId blue = create_tag("blue");
  auto owner = database().write([](WriteContext& tx) {
    User user;
    user.username = "alice";
    return UserRepository::create(tx, user);
  });
  ASSERT_TRUE(owner);
  auto correspondent = database().write([](WriteContext& tx) {
    Correspondent value;
    value.name = "ACME";
    return CorrespondentRepository::create(tx, value);
  });
  ASSERT_TRUE(correspondent);

  Document document = make_document("0123456789abcdef0123456789abcdef");
  document.title = "Rechnung Müller";
  document.tag_ids = {blue, red, red};
  document.correspondent_id = *correspondent;
  document.owner_id = *owner;
  document.archive_checksum = "fedcba9876543210fedcba9876543210";
  document.page_count = 4;
  document.filename = "2021/invoice.pdf";
  document.archive_filename = "2021/invoice.pdf";
  document.archive_serial_number = 4294967295U;
  document.added = Timestamp{std::chrono::sys_days{std::chrono::year{2021} / 1 / 26} + 22h + 46min +
                             32s + 447764us};
  auto id = insert(document);
  ASSERT_TRUE(id) << id.error().message;

  const auto stored = get(*id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->id, *id);
  EXPECT_EQ(stored->title, "Rechnung Müller");
  EXPECT_EQ(stored->content, "Lorem ipsum");
  EXPECT_EQ(stored->created, document.created);
  EXPECT_EQ(stored->added, document.added);
  EXPECT_GT(stored->modified, document.added);
  EXPECT_EQ(stored->mime_type, "application/pdf");
  EXPECT_EQ(stored->checksum, document.checksum);
  EXPECT_EQ(stored->archive_checksum, document.archive_checksum);
  EXPECT_EQ(stored->page_count, 4);
  EXPECT_EQ(stored->storage_type, "unencrypted");
  EXPECT_EQ(stored->filename, document.filename);
  EXPECT_EQ(stored->archive_filename, document.archive_filename);
  EXPECT_EQ(stored->original_filename, document.original_filename);
  EXPECT_EQ(stored->archive_serial_number, 4294967295U);
  EXPECT_EQ(stored->correspondent_id, *correspondent);
  EXPECT_EQ(stored->owner_id, *owner);
  EXPECT_EQ(stored->document_type_id, std::nullopt);
  EXPECT_EQ(stored->deleted_at, std::nullopt);
  EXPECT_EQ(stored->tag_ids, (std::vector<TagId>{std::min(red, blue), std::max(red, blue)}));
}

TEST_P(DocumentRepositoryTest, DuplicateChecksumIsConflict) {
  ASSERT_TRUE(insert(make_document("aaaa")));
  auto duplicate = insert(make_document("aaaa"));
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code, ErrorCode::conflict);
  EXPECT_NE(duplicate.error().message.find("checksum aaaa"), std::string::npos)
      << duplicate.error().message;
}

TEST_P(DocumentRepositoryTest, DuplicateAsnIsConflictEvenInTrash) {
  insert_trashed("trashed", 7);
  Document document = make_document("live");
  document.archive_serial_number = 7;
  auto duplicate = insert(document);
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code, ErrorCode::conflict);
  EXPECT_NE(duplicate.error().message.find("archive serial number 7"), std::string::npos);
}

TEST_P(DocumentRepositoryTest, FindsByChecksumOrArchiveChecksumIncludingTrash) {
  Document live = make_document("original-md5");
  live.archive_checksum = "archive-md5";
  auto live_id = insert(live);
  ASSERT_TRUE(live_id);
  const DocumentId trashed_id = insert_trashed("trashed-md5", std::nullopt);

  auto find = [&](const std::string& md5) {
    auto found = database().read([&](ReadContext& context) {
      return DocumentRepository::find_by_checksum_or_archive_checksum(context, md5);
    });
    EXPECT_TRUE(found) << found.error().message;
    return found.value_or(std::nullopt);
  };
  auto by_original = find("original-md5");
  ASSERT_TRUE(by_original);
  EXPECT_EQ(by_original->document.id, *live_id);
  EXPECT_FALSE(by_original->in_trash);
  auto by_archive = find("archive-md5");
  ASSERT_TRUE(by_archive);
  EXPECT_EQ(by_archive->document.id, *live_id);
  auto in_trash = find("trashed-md5");
  ASSERT_TRUE(in_trash);
  EXPECT_EQ(in_trash->document.id, trashed_id);
  EXPECT_TRUE(in_trash->in_trash);
  EXPECT_FALSE(find("unknown"));
}

TEST_P(DocumentRepositoryTest, FindsByAsnIncludingTrash) {
  const DocumentId trashed_id = insert_trashed("t", 12);
  auto found = database().read(
      [](ReadContext& context) { return DocumentRepository::find_by_asn(context, 12); });
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->document.id, trashed_id);
  EXPECT_TRUE((*found)->in_trash);
  auto missing = database().read(
      [](ReadContext& context) { return DocumentRepository::find_by_asn(context, 13); });
  ASSERT_TRUE(missing);
  EXPECT_FALSE(*missing);
}

TEST_P(DocumentRepositoryTest, GetHidesTrashUnlessAsked) {
  const DocumentId id = insert_trashed("t", std::nullopt);
  EXPECT_FALSE(get(id));
  const auto trashed = get(id, DocumentRepository::Trash::include);
  ASSERT_TRUE(trashed);
  EXPECT_TRUE(trashed->deleted_at);
  EXPECT_FALSE(get(id + 100, DocumentRepository::Trash::include));
}

TEST_P(DocumentRepositoryTest, UpdatesAllFieldsAndTagSet) {
  const TagId red = create_tag("red");
  const TagId blue = create_tag("blue");
  Document document = make_document("before");
  document.tag_ids = {red};
  auto id = insert(document);
  ASSERT_TRUE(id);

  Document changed = *get(*id);
  changed.title = "after";
  changed.checksum = "after-md5";
  changed.archive_serial_number = 3;
  changed.tag_ids = {blue};
  changed.page_count = std::nullopt;
  const Status updated =
      database().write([&](WriteContext& tx) { return DocumentRepository::update(tx, changed); });
  ASSERT_TRUE(updated) << updated.error().message;

  const auto stored = get(*id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->title, "after");
  EXPECT_EQ(stored->checksum, "after-md5");
  EXPECT_EQ(stored->archive_serial_number, 3U);
  EXPECT_EQ(stored->page_count, std::nullopt);
  EXPECT_EQ(stored->tag_ids, std::vector<TagId>{blue});
  EXPECT_EQ(stored->added, changed.added);
  EXPECT_GE(stored->modified, changed.modified);

  changed.id = *id + 100;
  const Status missing =
      database().write([&](WriteContext& tx) { return DocumentRepository::update(tx, changed); });
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
}

TEST_P(DocumentRepositoryTest, InsertAndFileNamesCommitOrRollBackTogether) {
  Document first = make_document("first");
  auto first_id = insert(first);
  ASSERT_TRUE(first_id);
  ASSERT_TRUE(database().write([&](WriteContext& tx) {
    return DocumentRepository::set_filenames(tx, *first_id, "taken.pdf", std::nullopt);
  }));

  // The second document's file name clashes, so its insert must vanish too.
  auto outcome = database().write([&](WriteContext& tx) -> Result<DocumentId> {
    auto id = DocumentRepository::insert(tx, make_document("second"));
    if (!id) {
      return id;
    }
    const Status named = DocumentRepository::set_filenames(tx, *id, "taken.pdf", "a.pdf");
    if (!named) {
      return fail(named.error());
    }
    return id;
  });
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().code, ErrorCode::conflict);
  auto ids = database().read(
      [](ReadContext& context) { return DocumentRepository::list_live_ids(context); });
  ASSERT_TRUE(ids);
  EXPECT_EQ(*ids, std::vector<DocumentId>{*first_id});
  EXPECT_EQ(get(*first_id)->filename, "taken.pdf");
}

TEST_P(DocumentRepositoryTest, SetsChecksums) {
  auto id = insert(make_document("old"));
  ASSERT_TRUE(id);
  ASSERT_TRUE(database().write([&](WriteContext& tx) {
    return DocumentRepository::set_checksums(tx, *id, "new", std::string("archive"));
  }));
  const auto stored = get(*id);
  EXPECT_EQ(stored->checksum, "new");
  EXPECT_EQ(stored->archive_checksum, "archive");
  const Status missing = database().write([&](WriteContext& tx) {
    return DocumentRepository::set_checksums(tx, *id + 1, "x", std::nullopt);
  });
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
}

TEST_P(DocumentRepositoryTest, ListsLiveDocumentsInPages) {
  std::vector<DocumentId> live;
  for (int doc_idx = 0; doc_idx < 5; ++doc_idx) {
    Document document = make_document("md5-" + std::to_string(doc_idx));
    document.tag_ids = {create_tag("tag-" + std::to_string(doc_idx))};
    auto id = insert(document);
    ASSERT_TRUE(id);
    live.push_back(*id);
  }
  insert_trashed("gone", std::nullopt);

  auto ids = database().read(
      [](ReadContext& context) { return DocumentRepository::list_live_ids(context); });
  ASSERT_TRUE(ids);
  EXPECT_EQ(*ids, live);

  std::vector<DocumentId> paged;
  DocumentId after = 0;
  while (true) {
    auto page = database().read(
        [&](ReadContext& context) { return DocumentRepository::list_live(context, after, 2); });
    ASSERT_TRUE(page) << page.error().message;
    if (page->empty()) {
      break;
    }
    EXPECT_LE(page->size(), 2U);
    for (const Document& document : *page) {
      EXPECT_EQ(document.tag_ids.size(), 1U);
      paged.push_back(document.id);
    }
    after = page->back().id;
  }
  EXPECT_EQ(paged, live);
}

TEST_P(DocumentRepositoryTest, HardDeleteRemovesRowAndTagLinks) {
  Document document = make_document("doomed");
  document.tag_ids = {create_tag("t")};
  auto id = insert(document);
  ASSERT_TRUE(id);
  ASSERT_TRUE(
      database().write([&](WriteContext& tx) { return DocumentRepository::hard_delete(tx, *id); }));
  EXPECT_FALSE(get(*id, DocumentRepository::Trash::include));
  const Status again =
      database().write([&](WriteContext& tx) { return DocumentRepository::hard_delete(tx, *id); });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::not_found);
}

TEST_P(DocumentRepositoryTest, NextAsnCountsTrash) {
  auto first =
      database().read([](ReadContext& context) { return DocumentRepository::next_asn(context); });
  ASSERT_TRUE(first);
  EXPECT_EQ(*first, 1U);
  Document document = make_document("a");
  document.archive_serial_number = 5;
  ASSERT_TRUE(insert(document));
  insert_trashed("b", 9);
  auto next =
      database().read([](ReadContext& context) { return DocumentRepository::next_asn(context); });
  ASSERT_TRUE(next);
  EXPECT_EQ(*next, 10U);
}

TEST_P(DocumentRepositoryTest, RejectsBadDocuments) {
  Document long_title = make_document("x");
  long_title.title = std::string(129, 'a');
  auto too_long = insert(long_title);
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().code, ErrorCode::invalid_argument);

  auto no_checksum = insert(make_document(""));
  ASSERT_FALSE(no_checksum);
  EXPECT_EQ(no_checksum.error().code, ErrorCode::invalid_argument);

  Document unknown_tag = make_document("y");
  unknown_tag.tag_ids = {424242};
  auto bad_tag = insert(unknown_tag);
  ASSERT_FALSE(bad_tag);
  EXPECT_EQ(bad_tag.error().code, ErrorCode::invalid_argument);
  EXPECT_NE(bad_tag.error().message.find("tag 424242"), std::string::npos);
}

QUIRE_STORAGE_ENGINES(DocumentRepositoryTest);

}  // namespace
}  // namespace quire::storage
