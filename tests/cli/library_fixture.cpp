#include "library_fixture.hpp"

#include "parsing/default_parsers.hpp"
#include "storage/document_repository.hpp"
#include "storage/migrations.hpp"
#include "storage/storage_path_repository.hpp"

#include <fmt/core.h>
#include <webp/decode.h>

#include <fstream>
#include <iterator>
#include <vector>

namespace quire::cli::test {

namespace fs = std::filesystem;

void LibraryTest::SetUp() {
  fs::create_directories(data_dir());
  storage::DatabaseOptions options;
  options.sqlite_path = data_dir() / "db.sqlite3";
  auto database = storage::Database::open(options);
  ASSERT_TRUE(database) << database.error().message;
  m_database = std::move(*database);
  auto migrated = storage::migrate(*m_database);
  ASSERT_TRUE(migrated) << migrated.error().message;
  m_media = std::make_unique<media::MediaStore>(media::MediaPaths(media_root()));
  m_parsers = parsing::make_default_registry();
}

fs::path LibraryTest::original_path(const std::string& name) const {
  return m_media->root(media::FileKind::original) / name;
}

fs::path LibraryTest::archive_path(const std::string& name) const {
  return m_media->root(media::FileKind::archive) / name;
}

fs::path LibraryTest::thumbnail_path(DocumentId id) const {
  return m_media->paths().thumbnail_path(id);
}

DocumentId LibraryTest::add_document(const DocumentSpec& spec) {
  Document document;
  document.title = spec.title;
  document.mime_type = spec.mime_type;
  document.checksum = fmt::format("{:032x}", m_next_checksum++);
  document.created = std::chrono::year{2020} / 3 / 15;
  document.filename = spec.filename;
  document.archive_filename = spec.archive_filename;
  document.storage_path_id = spec.storage_path_id;
  if (spec.archive_filename) document.archive_checksum = document.checksum + "a";
  auto id = m_database->write([&](storage::WriteContext& tx) {
    return storage::DocumentRepository::insert(tx, document);
  });
  EXPECT_TRUE(id) << id.error().message;
  if (!id) return 0;
  if (!spec.original.empty()) {
    const Status stored = m_media->store_file(media::FileKind::original, spec.original,
                                              spec.filename);
    EXPECT_TRUE(stored) << stored.error().message;
  }
  if (!spec.archive.empty() && spec.archive_filename) {
    const Status stored = m_media->store_file(media::FileKind::archive, spec.archive,
                                              *spec.archive_filename);
    EXPECT_TRUE(stored) << stored.error().message;
  }
  return *id;
}

StoragePathId LibraryTest::add_storage_path(const std::string& name,
                                            const std::string& path_template) {
  StoragePath path;
  path.name = name;
  path.path = path_template;
  auto id = m_database->write([&](storage::WriteContext& tx) {
    return storage::StoragePathRepository::create(tx, path);
  });
  EXPECT_TRUE(id) << id.error().message;
  return id ? *id : 0;
}

Document LibraryTest::reload(DocumentId id) {
  auto document = m_database->read([&](storage::ReadContext& tx) {
    return storage::DocumentRepository::get(tx, id, storage::DocumentRepository::Trash::include);
  });
  EXPECT_TRUE(document && *document) << "document " << id << " cannot be read";
  return document && *document ? **document : Document{};
}

fs::path sample(const std::string& name) {
  return quire::test::paperless_sample("src/documents/tests/samples/" + name);
}

::testing::AssertionResult is_thumbnail(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return ::testing::AssertionFailure() << "no file at " << path;
  const std::vector<std::uint8_t> bytes{std::istreambuf_iterator<char>(in),
                                        std::istreambuf_iterator<char>()};
  int width = 0;
  int height = 0;
  if (bytes.size() < 12 || std::string(bytes.begin(), bytes.begin() + 4) != "RIFF" ||
      std::string(bytes.begin() + 8, bytes.begin() + 12) != "WEBP" ||
      WebPGetInfo(bytes.data(), bytes.size(), &width, &height) == 0) {
    return ::testing::AssertionFailure() << path << " is not a WebP image";
  }
  if (width <= 0 || width > 500 || height <= 0) {
    return ::testing::AssertionFailure() << path << " is " << width << "x" << height;
  }
  return ::testing::AssertionSuccess();
}

}  // namespace quire::cli::test
