#include "consumer_harness.hpp"

#include "file_listing.hpp"
#include "parsing/default_parsers.hpp"
#include "storage/document_repository.hpp"
#include "storage/migrations.hpp"

#include <gtest/gtest.h>

namespace quire::consumer::test {

namespace fs = std::filesystem;

fs::path documents_sample(std::string_view name) {
  return quire::test::paperless_sample("src/documents/tests/samples/" + std::string(name));
}

fs::path tesseract_sample(std::string_view name) {
  return quire::test::paperless_sample("src/paperless_tesseract/tests/samples/" +
                                       std::string(name));
}

ConsumerHarness::ConsumerHarness() {
  fs::create_directories(root() / "data");
  fs::create_directories(consume_dir());
  fs::create_directories(root() / "scratch");

  storage::DatabaseOptions db_options;
  db_options.sqlite_path = root() / "data" / "db.sqlite3";
  auto database = storage::Database::open(db_options);
  if (!database) {
    ADD_FAILURE() << "cannot open the database: " << database.error().message;
    return;
  }
  m_database = std::move(*database);
  if (auto migrated = storage::migrate(*m_database); !migrated) {
    ADD_FAILURE() << "cannot migrate: " << migrated.error().message;
    return;
  }
  m_media = std::make_unique<media::MediaStore>(media::MediaPaths(root() / "media"));

  auto detector = parsing::MimeDetector::create();
  if (!detector) {
    ADD_FAILURE() << "no MIME detector: " << detector.error().message;
    return;
  }
  m_mime_detector.emplace(std::move(*detector));
  m_parsers = std::make_unique<parsing::ParserRegistry>(parsing::make_default_registry());

  dates::DateParserOptions date_options;
  date_options.ocr_language = "eng";
  auto date_parser = dates::DateParser::create(date_options);
  if (!date_parser) {
    ADD_FAILURE() << "no date parser: " << date_parser.error().message;
    return;
  }
  m_date_parser.emplace(std::move(*date_parser));

  ConsumerOptions options;
  options.scratch_dir = root() / "scratch";
  options.journal_dir = root() / "data" / "consume-journal";
  options.ocr.languages = "eng";
  reconfigure(std::move(options));
}

ConsumerHarness::~ConsumerHarness() = default;

void ConsumerHarness::reconfigure(ConsumerOptions options) {
  m_consumer = std::make_unique<Consumer>(
      ConsumerServices{*m_database, *m_mime_detector, *m_parsers, *m_date_parser, *m_media},
      std::move(options));
}

fs::path ConsumerHarness::drop(const fs::path& source, std::string_view name) {
  const fs::path target = consume_dir() / (name.empty() ? source.filename() : fs::path(name));
  if (target == source) return target;
  fs::copy_file(source, target, fs::copy_options::overwrite_existing);
  fs::permissions(target, fs::perms::owner_read | fs::perms::owner_write);
  return target;
}

Result<ConsumeOutcome> ConsumerHarness::consume(const fs::path& file, MetadataOverrides overrides) {
  ConsumeRequest request;
  request.original_file = file;
  request.overrides = std::move(overrides);
  request.task_id = "test-task";
  return m_consumer->consume(request);
}

std::optional<Document> ConsumerHarness::document(DocumentId id) {
  auto found = m_database->read(
      [&](storage::ReadContext& tx) { return storage::DocumentRepository::get(tx, id); });
  if (!found || !*found) {
    ADD_FAILURE() << "document " << id << " not found";
    return std::nullopt;
  }
  return **found;
}

std::vector<Document> ConsumerHarness::documents() {
  auto found = m_database->read(
      [&](storage::ReadContext& tx) { return storage::DocumentRepository::list_live(tx); });
  if (!found) {
    ADD_FAILURE() << "cannot list documents: " << found.error().message;
    return {};
  }
  return *found;
}

std::vector<std::string> ConsumerHarness::files_below(const fs::path& folder) {
  return quire::test::files_below(folder);
}

}  // namespace quire::consumer::test
