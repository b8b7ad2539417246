#pragma once

#include "core/document.hpp"
#include "media/media_store.hpp"
#include "parsing/parser.hpp"
#include "storage/database.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace quire::cli::test {

/// What `LibraryTest::add_document` stores.
struct DocumentSpec {
  std::string title;
  std::string mime_type = "application/pdf";
  std::string filename;                         ///< relative to the originals folder
  std::filesystem::path original;               ///< copied there unless empty
  std::optional<std::string> archive_filename;  ///< relative to the archive folder
  std::filesystem::path archive;                ///< copied there unless empty
  std::optional<StoragePathId> storage_path_id;
};

/// A library in a temp folder: DATA_DIR/db.sqlite3 (migrated) and MEDIA_ROOT, with documents
/// inserted straight through the repositories and the media store, as consumption leaves them.
class LibraryTest : public ::testing::Test {
 protected:
  void SetUp() override;

  [[nodiscard]] std::filesystem::path data_dir() const { return m_temp.path() / "data"; }
  [[nodiscard]] std::filesystem::path media_root() const { return m_temp.path() / "media"; }
  [[nodiscard]] std::filesystem::path scratch_dir() const { return m_temp.path() / "scratch"; }
  [[nodiscard]] std::filesystem::path original_path(const std::string& name) const;
  [[nodiscard]] std::filesystem::path archive_path(const std::string& name) const;
  [[nodiscard]] std::filesystem::path thumbnail_path(DocumentId id) const;

  /// Inserts the row (created 2020-03-15) and stores its files; fails the test on error.
  DocumentId add_document(const DocumentSpec& spec);

  /// Adds a storage path with template `path_template`.
  StoragePathId add_storage_path(const std::string& name, const std::string& path_template);

  /// The row as stored now (trash included).
  [[nodiscard]] Document reload(DocumentId id);

  quire::test::TempDir m_temp;
  std::unique_ptr<storage::Database> m_database;
  std::unique_ptr<media::MediaStore> m_media;
  parsing::ParserRegistry m_parsers;

 private:
  int m_next_checksum = 1;
};

/// A sample from paperless-ngx's test files, `src/documents/tests/samples/<name>`.
[[nodiscard]] std::filesystem::path sample(const std::string& name);

/// True when `path` holds a well-formed WebP image (RIFF container, decodable header) no more
/// than 500 pixels wide.
[[nodiscard]] ::testing::AssertionResult is_thumbnail(const std::filesystem::path& path);

}  // namespace quire::cli::test
