#pragma once

#include "consumer/consumer.hpp"
#include "core/document.hpp"
#include "core/error.hpp"
#include "dates/date_parser.hpp"
#include "media/media_store.hpp"
#include "parsing/mime_detector.hpp"
#include "parsing/parser.hpp"
#include "storage/database.hpp"
#include "test_support.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quire::consumer::test {

/// A file in paperless-ngx's src/documents/tests/samples/.
[[nodiscard]] std::filesystem::path documents_sample(std::string_view name);

/// A file in paperless-ngx's src/paperless_tesseract/tests/samples/.
[[nodiscard]] std::filesystem::path tesseract_sample(std::string_view name);

/// Everything a consumption needs, wired as `cli/runtime.cpp` wires it, below one temp folder:
/// a migrated SQLite database in `data/`, the media root in `media/`, a consumption folder
/// `consume/`, scratch space and journals. The consumer is rebuilt by `reconfigure`.
class ConsumerHarness {
 public:
  /// Fails the current test (ADD_FAILURE) when a service cannot be built; check `ok()`.
  ConsumerHarness();
  ~ConsumerHarness();
  ConsumerHarness(const ConsumerHarness&) = delete;
  ConsumerHarness& operator=(const ConsumerHarness&) = delete;

  [[nodiscard]] bool ok() const { return m_consumer != nullptr; }

  [[nodiscard]] storage::Database& database() { return *m_database; }
  [[nodiscard]] media::MediaStore& media() { return *m_media; }
  [[nodiscard]] const Consumer& consumer() const { return *m_consumer; }
  [[nodiscard]] ConsumerOptions options() const { return m_consumer->options(); }
  [[nodiscard]] const std::filesystem::path& root() const { return m_root.path(); }
  [[nodiscard]] std::filesystem::path consume_dir() const { return root() / "consume"; }

  /// Replaces the consumer with one built from `options` (start from `options()`).
  void reconfigure(ConsumerOptions options);

  /// Copies `source` into the consumption folder (as `name`, default its own name; a file
  /// already there stays as it is) and returns the copy's path.
  std::filesystem::path drop(const std::filesystem::path& source, std::string_view name = {});

  /// Consumes `file` with `overrides`.
  [[nodiscard]] Result<ConsumeOutcome> consume(const std::filesystem::path& file,
                                               MetadataOverrides overrides = {});

  /// The stored document `id` (fails the test and returns nullopt when absent).
  [[nodiscard]] std::optional<Document> document(DocumentId id);

  /// Every live document.
  [[nodiscard]] std::vector<Document> documents();

  /// Relative paths of every regular file below `folder` (empty when it is missing).
  [[nodiscard]] static std::vector<std::string> files_below(const std::filesystem::path& folder);

 private:
  quire::test::TempDir m_root;
  std::unique_ptr<storage::Database> m_database;
  std::unique_ptr<media::MediaStore> m_media;
  std::optional<parsing::MimeDetector> m_mime_detector;
  std::unique_ptr<parsing::ParserRegistry> m_parsers;
  std::optional<dates::DateParser> m_date_parser;
  std::unique_ptr<Consumer> m_consumer;
};

}  // namespace quire::consumer::test
