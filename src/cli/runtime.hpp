#pragma once

#include "config/settings.hpp"
#include "consumer/consumer.hpp"
#include "core/error.hpp"
#include "dates/date_parser.hpp"
#include "media/media_store.hpp"
#include "parsing/mime_detector.hpp"
#include "parsing/parser.hpp"
#include "storage/database.hpp"

#include <memory>

namespace quire::cli {

/// The services a management command works with, built from the settings: the migrated
/// database, the media store, MIME detection, parsers, date extraction and the consumer.
struct Runtime {
  config::Settings settings;
  std::unique_ptr<storage::Database> database;
  media::MediaStore media;
  parsing::MimeDetector mime_detector;
  parsing::ParserRegistry parsers;
  dates::DateParser date_parser;
  std::unique_ptr<consumer::Consumer> consumer;
};

/// The database connection options `settings` describe.
[[nodiscard]] storage::DatabaseOptions database_options(const config::Settings& settings);

/// Opens and migrates the database only (for commands that need nothing else).
[[nodiscard]] Result<std::unique_ptr<storage::Database>> open_database(
    const config::Settings& settings);

/// Opens everything, applies pending migrations, creates the administrator of
/// PAPERLESS_ADMIN_USER / PAPERLESS_ADMIN_PASSWORD when missing, and finishes or undoes
/// consumptions a crash interrupted. Errors name the setting or resource at fault.
[[nodiscard]] Result<std::unique_ptr<Runtime>> open_runtime(const config::Settings& settings);

}  // namespace quire::cli
