#include "cli/runtime.hpp"

#include "cli/superuser.hpp"
#include "consumer/document_store.hpp"
#include "dates/languages.hpp"
#include "parsing/default_parsers.hpp"
#include "storage/migrations.hpp"
#include "util/time_zone.hpp"

#include <spdlog/spdlog.h>

#include <chrono>

namespace quire::cli {
namespace {

Result<dates::DateParser> make_date_parser(const config::Settings& settings) {
  dates::DateParserOptions options;
  options.date_order = settings.dates.date_order;
  options.filename_date_order = settings.dates.filename_date_order;
  options.languages = settings.dates.parser_languages;
  options.ocr_language = settings.ocr.language;
  options.time_zone = settings.dates.time_zone;

  const auto now =
      std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
  auto today = util::local_date(now, settings.dates.time_zone);
  if (!today) {
    return fail(ErrorCode::invalid_argument, "setting PAPERLESS_TIME_ZONE='" +
                                                 settings.dates.time_zone +
                                                 "' is invalid: " + today.error().message);
  }
  auto ignored =
      dates::parse_ignore_dates(settings.dates.ignore_dates_raw, settings.dates.date_order, *today);
  if (!ignored) {
    return fail(ErrorCode::invalid_argument,
                "setting PAPERLESS_IGNORE_DATES is invalid: " + ignored.error().message);
  }
  options.ignore_dates = std::move(*ignored);
  auto parser = dates::DateParser::create(std::move(options));
  if (!parser) {
    return fail(ErrorCode::invalid_argument,
                "date settings are invalid: " + parser.error().message);
  }
  return parser;
}

consumer::ConsumerOptions consumer_options(const config::Settings& settings) {
  consumer::ConsumerOptions options;
  options.scratch_dir = settings.paths.scratch_dir;
  options.journal_dir = settings.paths.data_dir / "consume-journal";
  options.delete_duplicates = settings.consumer.delete_duplicates;
  options.pre_consume_script = settings.consumer.pre_consume_script;
  options.post_consume_script = settings.consumer.post_consume_script;
  options.ocr.languages = settings.ocr.language;
  options.ocr.image_dpi = settings.ocr.image_dpi;
  options.ocr.pages = settings.ocr.pages;
  options.ocr.max_image_pixels = settings.ocr.max_image_pixels;
  options.filenames.format = settings.filenames.format;
  options.filenames.remove_none = settings.filenames.remove_none;
  options.time_zone = settings.dates.time_zone;
  return options;
}

}  // namespace

storage::DatabaseOptions database_options(const config::Settings& settings) {
  storage::DatabaseOptions options;
  const auto& db = settings.database;
  options.engine = db.engine == config::DatabaseEngine::postgresql
                       ? storage::DatabaseEngine::postgresql
                       : storage::DatabaseEngine::sqlite;
  options.sqlite_path = db.sqlite_path;
  options.host = db.host;
  options.port = db.port;
  options.name = db.name;
  options.user = db.user;
  options.password = db.password;
  options.sslmode = db.sslmode;
  options.busy_timeout = std::chrono::duration_cast<std::chrono::milliseconds>(db.timeout);
  return options;
}

Result<std::unique_ptr<storage::Database>> open_database(const config::Settings& settings) {
  if (settings.database.engine == config::DatabaseEngine::sqlite) {
    std::error_code error;
    std::filesystem::create_directories(settings.database.sqlite_path.parent_path(), error);
    if (error) {
      return fail(ErrorCode::io, "cannot create data folder '" +
                                     settings.database.sqlite_path.parent_path().string() +
                                     "': " + error.message());
    }
  }
  auto database = storage::Database::open(database_options(settings));
  if (!database) return fail(database.error());
  auto migrated = storage::migrate(**database);
  if (!migrated) return fail(migrated.error());
  if (*migrated > 0) {
    spdlog::get("storage")->info("applied database migrations count={} version={}", *migrated,
                                 storage::latest_schema_version());
  }
  return std::move(*database);
}

Result<std::unique_ptr<Runtime>> open_runtime(const config::Settings& settings) {
  auto database = open_database(settings);
  if (!database) return fail(database.error());
  auto mime_detector = parsing::MimeDetector::create();
  if (!mime_detector) return fail(mime_detector.error());
  auto date_parser = make_date_parser(settings);
  if (!date_parser) return fail(date_parser.error());

  auto runtime = std::unique_ptr<Runtime>(new Runtime{
      settings, std::move(*database),
      media::MediaStore(media::MediaPaths(settings.paths.media_root)), std::move(*mime_detector),
      parsing::make_default_registry(), std::move(*date_parser), nullptr});
  runtime->consumer = std::make_unique<consumer::Consumer>(
      consumer::ConsumerServices{*runtime->database, runtime->mime_detector, runtime->parsers,
                                 runtime->date_parser, runtime->media},
      consumer_options(settings));

  if (auto admin = ensure_admin_user(*runtime->database, settings.admin); !admin) {
    return fail(admin.error());
  }
  auto recovered = consumer::recover_interrupted_consumptions(
      *runtime->database, runtime->media, runtime->consumer->options().journal_dir);
  if (!recovered) return fail(recovered.error());
  return runtime;
}

}  // namespace quire::cli
