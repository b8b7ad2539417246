#include "consumer/document_store.hpp"

#include "consumer_harness.hpp"
#include "media/media_store.hpp"
#include "storage/document_repository.hpp"
#include "util/checksum.hpp"

#include <fmt/core.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <string>

namespace quire::consumer {
namespace {

namespace fs = std::filesystem;
using test::ConsumerHarness;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

void write_text(const fs::path& path, std::string_view text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

class DocumentStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(m_env.ok()); }

  // A request for a consumed text file `name` holding `text`.
  StoreRequest request_for(const std::string& name, const std::string& text) {
    const fs::path consumed = m_env.consume_dir() / name;
    write_text(consumed, text);
    const fs::path work = m_env.root() / "work" / name;
    fs::create_directories(work);
    fs::copy_file(consumed, work / name);

    StoreRequest request;
    request.document.title = fs::path(name).stem().string();
    request.document.content = text;
    request.document.mime_type = "text/plain";
    request.document.checksum = *util::md5_file(consumed);
    request.document.created =
        Date{std::chrono::year{2024}, std::chrono::month{3}, std::chrono::day{15}};
    request.original_source = work / name;
    request.thumbnail = {'R', 'I', 'F', 'F'};
    request.extension = ".txt";
    request.consumed_file = consumed;
    return request;
  }

  StoreOptions store_options(const std::string& name) {
    StoreOptions options;
    options.journal_dir = journal_dir();
    options.work_dir = m_env.root() / "work" / name;
    return options;
  }

  fs::path journal_dir() const { return m_env.root() / "data" / "consume-journal"; }
  const media::MediaPaths& paths() { return m_env.media().paths(); }

  ConsumerHarness m_env;
};

TEST_F(DocumentStoreTest, StoresRowOriginalAndThumbnailAndRemovesConsumedFile) {
  StoreRequest request = request_for("note.txt", "hello store");
  const fs::path consumed = request.consumed_file;
  auto stored = store_document(m_env.database(), m_env.media(), store_options("note.txt"),
                               std::move(request));
  ASSERT_TRUE(stored) << stored.error().message;

  EXPECT_GT(stored->id, 0);
  EXPECT_EQ(stored->filename, fmt::format("{:07d}.txt", stored->id));
  const auto row = m_env.document(stored->id);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->filename, stored->filename);
  EXPECT_EQ(row->content, "hello store");
  EXPECT_EQ(*util::md5_file(paths().originals_dir() / *row->filename), row->checksum);
  EXPECT_TRUE(fs::exists(paths().thumbnail_path(stored->id)));
  EXPECT_FALSE(fs::exists(consumed));
  EXPECT_THAT(ConsumerHarness::files_below(journal_dir()), IsEmpty());
}

TEST_F(DocumentStoreTest, FailureAfterWritingTheOriginalLeavesNoFileAndNoRow) {
  // The thumbnail folder is a plain file, so the thumbnail cannot be written after the
  // original already was.
  write_text(paths().thumbnails_dir(), "not a folder");
  StoreRequest request = request_for("broken.txt", "never stored");
  const fs::path consumed = request.consumed_file;
  auto stored = store_document(m_env.database(), m_env.media(), store_options("broken.txt"),
                               std::move(request));
  ASSERT_FALSE(stored);
  EXPECT_FALSE(stored.error().message.empty());

  EXPECT_THAT(m_env.documents(), IsEmpty());
  EXPECT_THAT(ConsumerHarness::files_below(paths().originals_dir()), IsEmpty());
  EXPECT_TRUE(fs::exists(consumed));
  EXPECT_THAT(ConsumerHarness::files_below(journal_dir()), IsEmpty());
}

TEST_F(DocumentStoreTest, UnwritableOriginalsFolderLeavesNoRow) {
  write_text(paths().originals_dir(), "not a folder");
  StoreRequest request = request_for("blocked.txt", "blocked");
  const fs::path consumed = request.consumed_file;
  auto stored = store_document(m_env.database(), m_env.media(), store_options("blocked.txt"),
                               std::move(request));
  ASSERT_FALSE(stored);
  EXPECT_THAT(m_env.documents(), IsEmpty());
  EXPECT_FALSE(fs::exists(paths().thumbnail_path(1)));
  EXPECT_TRUE(fs::exists(consumed));
}

// Writes a journal as store_document does, for a crash after it was written.
void write_journal(const fs::path& dir, DocumentId id, const std::string& checksum,
                   const fs::path& consumed, const std::vector<fs::path>& files) {
  std::string list;
  for (const fs::path& file : files) list += (list.empty() ? "\"" : ",\"") + file.string() + "\"";
  write_text(dir / fmt::format("{:07d}.json", id),
             "{\"document_id\":" + std::to_string(id) + ",\"checksum\":\"" + checksum +
                 "\",\"consumed_file\":\"" + consumed.string() + "\",\"files\":[" + list + "]}");
}

TEST_F(DocumentStoreTest, RecoveryFinishesACommittedConsumption) {
  StoreRequest request = request_for("done.txt", "committed before the crash");
  const fs::path consumed = request.consumed_file;
  const fs::path kept_copy = m_env.root() / "done-copy.txt";
  fs::copy_file(consumed, kept_copy);
  auto stored = store_document(m_env.database(), m_env.media(), store_options("done.txt"),
                               std::move(request));
  ASSERT_TRUE(stored) << stored.error().message;
  // The crash came after the commit but before the consumed file was deleted.
  fs::copy_file(kept_copy, consumed);
  const fs::path original = paths().originals_dir() / *stored->filename;
  write_journal(journal_dir(), stored->id, stored->checksum, consumed,
                {original, paths().thumbnail_path(stored->id)});

  auto handled = recover_interrupted_consumptions(m_env.database(), m_env.media(), journal_dir());
  ASSERT_TRUE(handled) << handled.error().message;
  EXPECT_EQ(*handled, 1);
  EXPECT_FALSE(fs::exists(consumed));
  EXPECT_TRUE(fs::exists(original));
  EXPECT_TRUE(fs::exists(paths().thumbnail_path(stored->id)));
  EXPECT_THAT(ConsumerHarness::files_below(journal_dir()), IsEmpty());
}

TEST_F(DocumentStoreTest, RecoveryKeepsAReplacedConsumedFile) {
  StoreRequest request = request_for("reused.txt", "first version");
  const fs::path consumed = request.consumed_file;
  auto stored = store_document(m_env.database(), m_env.media(), store_options("reused.txt"),
                               std::move(request));
  ASSERT_TRUE(stored);
  write_text(consumed, "a different file under the same name");
  write_journal(journal_dir(), stored->id, stored->checksum, consumed, {});

  ASSERT_TRUE(recover_interrupted_consumptions(m_env.database(), m_env.media(), journal_dir()));
  EXPECT_TRUE(fs::exists(consumed));
}

TEST_F(DocumentStoreTest, RecoveryUndoesAnUncommittedConsumption) {
  const fs::path consumed = m_env.consume_dir() / "pending.pdf";
  write_text(consumed, "pending bytes");
  const fs::path original = paths().originals_dir() / "sub" / "0000042.pdf";
  const fs::path thumbnail = paths().thumbnail_path(42);
  write_text(original, "partial original");
  write_text(paths().originals_dir() / "sub" / "0000042.pdf.tmp.abc123", "temp");
  write_text(thumbnail.string() + ".tmp.xyz", "temp thumb");
  write_text(paths().originals_dir() / "other.pdf", "another document's file");
  write_journal(journal_dir(), 42, *util::md5_file(consumed), consumed, {original, thumbnail});

  auto handled = recover_interrupted_consumptions(m_env.database(), m_env.media(), journal_dir());
  ASSERT_TRUE(handled) << handled.error().message;
  EXPECT_EQ(*handled, 1);
  EXPECT_TRUE(fs::exists(consumed));
  EXPECT_THAT(ConsumerHarness::files_below(paths().originals_dir()), ElementsAre("other.pdf"));
  EXPECT_THAT(ConsumerHarness::files_below(paths().thumbnails_dir()), IsEmpty());
  EXPECT_FALSE(fs::exists(paths().originals_dir() / "sub"));
  EXPECT_THAT(ConsumerHarness::files_below(journal_dir()), IsEmpty());
}

TEST_F(DocumentStoreTest, RecoveryDropsAnUnreadableJournal) {
  write_text(journal_dir() / "0000007.json", "{ truncated");
  auto handled = recover_interrupted_consumptions(m_env.database(), m_env.media(), journal_dir());
  ASSERT_TRUE(handled) << handled.error().message;
  EXPECT_THAT(ConsumerHarness::files_below(journal_dir()), IsEmpty());
}

TEST_F(DocumentStoreTest, RecoveryWithoutJournalFolderDoesNothing) {
  auto handled = recover_interrupted_consumptions(m_env.database(), m_env.media(), journal_dir());
  ASSERT_TRUE(handled);
  EXPECT_EQ(*handled, 0);
}

}  // namespace
}  // namespace quire::consumer
