#include "media/media_store.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace quire::media {
namespace {

namespace fs = std::filesystem;

TEST(MediaPathsTest, LaysOutMediaRoot) {
  const MediaPaths paths("/srv/media");
  EXPECT_EQ(paths.originals_dir(), fs::path("/srv/media/documents/originals"));
  EXPECT_EQ(paths.archive_dir(), fs::path("/srv/media/documents/archive"));
  EXPECT_EQ(paths.thumbnails_dir(), fs::path("/srv/media/documents/thumbnails"));
  EXPECT_EQ(paths.lock_file(), fs::path("/srv/media/media.lock"));
  EXPECT_EQ(paths.thumbnail_path(42), fs::path("/srv/media/documents/thumbnails/0000042.webp"));
  EXPECT_EQ(paths.thumbnail_path(42, Encryption::gpg),
            fs::path("/srv/media/documents/thumbnails/0000042.webp.gpg"));
  EXPECT_EQ(default_filename(42, ".pdf"), "0000042.pdf");
  EXPECT_EQ(default_filename(12345678, ".txt"), "12345678.txt");
}

TEST(MediaPathsTest, ResolvesDocumentFiles) {
  const MediaPaths paths("/m");
  Document document;
  document.id = 7;
  EXPECT_EQ(paths.original_path(document, ".pdf").value(),
            fs::path("/m/documents/originals/0000007.pdf"));
  document.storage_type = "gpg";
  EXPECT_EQ(paths.original_path(document, ".pdf").value(),
            fs::path("/m/documents/originals/0000007.pdf.gpg"));
  document.filename = "2020/invoice.pdf";
  EXPECT_EQ(paths.original_path(document, ".pdf").value(),
            fs::path("/m/documents/originals/2020/invoice.pdf"));
  EXPECT_FALSE(paths.archive_path(document).value().has_value());
  document.archive_filename = "2020/invoice.pdf";
  EXPECT_EQ(paths.archive_path(document).value(),
            fs::path("/m/documents/archive/2020/invoice.pdf"));

  document.filename = "../../etc/passwd";
  auto escaped = paths.original_path(document, ".pdf");
  ASSERT_FALSE(escaped);
  EXPECT_EQ(escaped.error().code, ErrorCode::corruption);
  document.archive_filename = "/etc/passwd";
  EXPECT_FALSE(paths.archive_path(document).has_value());
}

TEST(MediaPathsTest, RefusesUnsafeRelativeNames) {
  EXPECT_TRUE(resolve_inside("/r", "a/b.pdf"));
  EXPECT_FALSE(resolve_inside("/r", ""));
  EXPECT_FALSE(resolve_inside("/r", "/abs"));
  EXPECT_FALSE(resolve_inside("/r", "a/../../b"));
  EXPECT_FALSE(resolve_inside("/r", std::string("a\0b", 3)));
  EXPECT_TRUE(resolve_inside("/r", "a..b/c"));
}

class MediaStoreTest : public ::testing::Test {
 protected:
  test::TempDir m_dir;
  MediaStore m_store{MediaPaths(m_dir.path() / "media")};
  const fs::path& originals() { return m_originals; }

  void SetUp() override { m_originals = m_store.paths().originals_dir(); }

 private:
  fs::path m_originals;
};

TEST_F(MediaStoreTest, StoresFilesAtomicallyWithoutOverwriting) {
  const fs::path source = m_dir.path() / "scan.pdf";
  test::write_file(source, "pdf bytes");
  ASSERT_TRUE(m_store.store_file(FileKind::original, source, "2020/scan.pdf"));
  EXPECT_EQ(test::read_file(originals() / "2020" / "scan.pdf"), "pdf bytes");

  test::write_file(source, "other bytes");
  auto again = m_store.store_file(FileKind::original, source, "2020/scan.pdf");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  EXPECT_EQ(test::read_file(originals() / "2020" / "scan.pdf"), "pdf bytes");

  const std::string archive = "archive";
  ASSERT_TRUE(m_store.store_bytes(FileKind::archive,
                                  std::as_bytes(std::span(archive.data(), archive.size())),
                                  "2020/scan.pdf"));
  EXPECT_EQ(test::read_file(m_store.paths().archive_dir() / "2020" / "scan.pdf"), "archive");

  EXPECT_FALSE(m_store.store_file(FileKind::original, source, "../escape.pdf"));
  EXPECT_FALSE(fs::exists(m_store.paths().media_root() / "documents" / "escape.pdf"));
}

TEST_F(MediaStoreTest, ReplacesThumbnails) {
  const fs::path source = m_dir.path() / "thumb.webp";
  test::write_file(source, "one");
  ASSERT_TRUE(m_store.store_thumbnail(5, source));
  test::write_file(source, "two");
  ASSERT_TRUE(m_store.store_thumbnail(5, source));
  EXPECT_EQ(test::read_file(m_store.paths().thumbnail_path(5)), "two");
}

TEST_F(MediaStoreTest, RelocatesFilesAndCleansEmptyFolders) {
  test::write_file(originals() / "old" / "deep" / "doc.pdf", "original");
  test::write_file(m_store.paths().archive_dir() / "old" / "doc.pdf", "archive");
  const Relocation moves[] = {{FileKind::original, "old/deep/doc.pdf", "new/doc.pdf"},
                              {FileKind::archive, "old/doc.pdf", "new/doc.pdf"}};
  ASSERT_TRUE(m_store.relocate(moves));
  EXPECT_EQ(test::read_file(originals() / "new" / "doc.pdf"), "original");
  EXPECT_EQ(test::read_file(m_store.paths().archive_dir() / "new" / "doc.pdf"), "archive");
  EXPECT_FALSE(fs::exists(originals() / "old"));
  EXPECT_FALSE(fs::exists(m_store.paths().archive_dir() / "old"));
  EXPECT_TRUE(fs::exists(originals()));
}

TEST_F(MediaStoreTest, RelocationRollsBackOnFailure) {
  test::write_file(originals() / "a.pdf", "original");
  test::write_file(m_store.paths().archive_dir() / "a.pdf", "archive");
  test::write_file(m_store.paths().archive_dir() / "taken" / "b.pdf", "someone else");
  const Relocation moves[] = {{FileKind::original, "a.pdf", "x/b.pdf"},
                              {FileKind::archive, "a.pdf", "taken/b.pdf"}};
  auto result = m_store.relocate(moves);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::conflict);
  EXPECT_NE(result.error().message.find("target already exists"), std::string::npos);
  EXPECT_EQ(test::read_file(originals() / "a.pdf"), "original");
  EXPECT_EQ(test::read_file(m_store.paths().archive_dir() / "a.pdf"), "archive");
  EXPECT_EQ(test::read_file(m_store.paths().archive_dir() / "taken" / "b.pdf"), "someone else");
  EXPECT_FALSE(fs::exists(originals() / "x"));

  const Relocation missing[] = {{FileKind::original, "nope.pdf", "new.pdf"}};
  auto not_found = m_store.relocate(missing);
  ASSERT_FALSE(not_found);
  EXPECT_EQ(not_found.error().code, ErrorCode::not_found);
  EXPECT_NE(not_found.error().message.find("file doesn't exist"), std::string::npos);
}

TEST_F(MediaStoreTest, RemovesFilesAndEmptyParents) {
  test::write_file(originals() / "a" / "b" / "c.pdf", "x");
  test::write_file(originals() / "a" / "keep.pdf", "x");
  ASSERT_TRUE(m_store.remove_file(FileKind::original, "a/b/c.pdf"));
  EXPECT_FALSE(fs::exists(originals() / "a" / "b"));
  EXPECT_TRUE(fs::exists(originals() / "a" / "keep.pdf"));
  EXPECT_TRUE(m_store.remove_file(FileKind::original, "a/b/c.pdf"));
}

TEST(DeleteEmptyDirectoriesTest, StopsAtRootAndNonEmptyFolders) {
  test::TempDir dir;
  const fs::path root = dir.path() / "root";
  fs::create_directories(root / "a" / "b" / "c");
  test::write_file(root / "a" / "file", "x");
  delete_empty_directories(root / "a" / "b" / "c", root);
  EXPECT_FALSE(fs::exists(root / "a" / "b"));
  EXPECT_TRUE(fs::exists(root / "a"));

  fs::remove(root / "a" / "file");
  delete_empty_directories(root / "a", root / "");
  EXPECT_FALSE(fs::exists(root / "a"));
  EXPECT_TRUE(fs::exists(root));
  delete_empty_directories(root, root);
  EXPECT_TRUE(fs::exists(root));

  fs::create_directories(dir.path() / "outside" / "x");
  delete_empty_directories(dir.path() / "outside" / "x", root);
  EXPECT_TRUE(fs::exists(dir.path() / "outside" / "x"));
  delete_empty_directories(root / ".." / "outside" / "x", root);
  EXPECT_TRUE(fs::exists(dir.path() / "outside" / "x"));
}

TEST(MediaLockTest, ExcludesOtherHolders) {
  test::TempDir dir;
  const MediaPaths paths(dir.path() / "media");
  auto lock = MediaLock::acquire(paths);
  ASSERT_TRUE(lock) << lock.error().message;
  EXPECT_TRUE(fs::exists(paths.lock_file()));

  // flock conflicts between open file descriptions, so a second open in this process is
  // refused while the first lock is held, as another process would be.
  auto second = MediaLock::try_acquire(paths);
  ASSERT_TRUE(second);
  EXPECT_FALSE(second->has_value());

  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto attempt = MediaLock::try_acquire(paths);
    _exit(attempt && !attempt->has_value() ? 0 : 1);
  }
  int status = 0;
  waitpid(child, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);

  lock->release();
  auto third = MediaLock::try_acquire(paths);
  ASSERT_TRUE(third);
  EXPECT_TRUE(third->has_value());
}

}  // namespace
}  // namespace quire::media
