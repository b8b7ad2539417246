#pragma once

#include "core/error.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace quire::config {

/// Which SQL engine holds the database (`PAPERLESS_DBENGINE`).
enum class DatabaseEngine { sqlite, postgresql };

struct DatabaseSettings {
  DatabaseEngine engine = DatabaseEngine::sqlite;
  std::filesystem::path sqlite_path;  ///< DATA_DIR/db.sqlite3
  std::string host;                   ///< PAPERLESS_DBHOST; a path means a Unix socket folder
  int port = 5432;                    ///< PAPERLESS_DBPORT
  std::string name = "paperless";     ///< PAPERLESS_DBNAME
  std::string user = "paperless";     ///< PAPERLESS_DBUSER
  std::string password = "paperless"; ///< PAPERLESS_DBPASS; never logged
  std::string sslmode = "prefer";     ///< PAPERLESS_DBSSLMODE
  std::chrono::seconds timeout{5};    ///< PAPERLESS_DB_TIMEOUT (SQLite busy timeout)
};

/// The folders of admin.md §0.1.
struct PathSettings {
  std::filesystem::path data_dir;         ///< PAPERLESS_DATA_DIR, default ./data
  std::filesystem::path media_root;       ///< PAPERLESS_MEDIA_ROOT, default ./media
  std::filesystem::path consumption_dir;  ///< PAPERLESS_CONSUMPTION_DIR, default ./consume
  std::filesystem::path scratch_dir;      ///< PAPERLESS_SCRATCH_DIR, default <tmp>/paperless
  std::filesystem::path index_dir;        ///< DATA_DIR/index
  std::filesystem::path model_file;       ///< PAPERLESS_MODEL_FILE
  std::filesystem::path logging_dir;      ///< PAPERLESS_LOGGING_DIR, default DATA_DIR/log
  std::optional<std::filesystem::path> empty_trash_dir;  ///< PAPERLESS_EMPTY_TRASH_DIR

  [[nodiscard]] std::filesystem::path originals_dir() const;
  [[nodiscard]] std::filesystem::path archive_dir() const;
  [[nodiscard]] std::filesystem::path thumbnail_dir() const;
  [[nodiscard]] std::filesystem::path media_lock() const;
};

/// The consumption folder watcher and the consume task (pipeline.md §2, §4, §8).
struct ConsumerSettings {
  double polling_seconds = 0;  ///< PAPERLESS_CONSUMER_POLLING; 0 = inotify
  double polling_delay_seconds = 5;
  int polling_retry_count = 5;
  double inotify_delay_seconds = 0.5;
  bool recursive = false;
  bool subdirs_as_tags = false;
  std::vector<std::string> ignore_patterns;  ///< shell globs, one path component each
  bool delete_duplicates = false;
  std::optional<std::filesystem::path> pre_consume_script;
  std::optional<std::filesystem::path> post_consume_script;
};

/// OCR (pipeline.md §6.2). Values here come from the environment; the application
/// configuration row in the database may override them per run.
struct OcrSettings {
  std::string language = "eng";  ///< Tesseract codes joined by '+'
  std::string mode = "skip";     ///< skip, skip_noarchive, redo, force
  std::string skip_archive_file = "never";  ///< never, with_text, always
  std::string output_type = "pdfa";         ///< pdf, pdfa, pdfa-1, pdfa-2, pdfa-3
  int pages = 0;                            ///< 0 = all pages
  std::optional<int> image_dpi;
  std::string clean = "clean";  ///< clean, clean-final, none
  bool deskew = true;
  bool rotate_pages = true;
  double rotate_pages_threshold = 12.0;
  std::optional<std::int64_t> max_image_pixels;
  std::string color_conversion_strategy = "RGB";
  std::string user_args_json;  ///< PAPERLESS_OCR_USER_ARGS, raw JSON object
};

/// Date extraction (pipeline.md §7).
struct DateSettings {
  std::string date_order = "DMY";  ///< PAPERLESS_DATE_ORDER
  std::optional<std::string> filename_date_order;
  std::vector<std::string> parser_languages;  ///< PAPERLESS_DATE_PARSER_LANGUAGES, split on '+'
  std::string ignore_dates_raw;               ///< PAPERLESS_IGNORE_DATES, parsed by dates/
  int number_of_suggested_dates = 3;
  std::string time_zone = "UTC";  ///< PAPERLESS_TIME_ZONE
};

/// File naming (admin.md §9).
struct FilenameSettings {
  std::optional<std::string> format;  ///< PAPERLESS_FILENAME_FORMAT
  bool remove_none = false;           ///< PAPERLESS_FILENAME_FORMAT_REMOVE_NONE
};

/// The administrator created at start when missing (admin.md §16).
struct AdminSettings {
  std::string user = "admin";  ///< PAPERLESS_ADMIN_USER; empty = do not create
  bool user_set = false;       ///< whether PAPERLESS_ADMIN_USER was given at all
  std::string mail = "root@localhost";
  std::optional<std::string> password;  ///< never logged
};

struct LoggingSettings {
  std::string level = "info";  ///< PAPERLESS_LOGLEVEL, lower-cased
  std::int64_t rotation_bytes = 1024 * 1024;  ///< PAPERLESS_LOGROTATE_MAX_SIZE
  int rotation_backups = 20;                  ///< PAPERLESS_LOGROTATE_MAX_BACKUPS
};

struct TaskSettings {
  int workers = 1;             ///< PAPERLESS_TASK_WORKERS
  int threads_per_worker = 1;  ///< PAPERLESS_THREADS_PER_WORKER
  std::chrono::seconds worker_timeout{1800};
};

/// Every setting Quire reads, with paperless-ngx's names and defaults.
struct Settings {
  PathSettings paths;
  DatabaseSettings database;
  ConsumerSettings consumer;
  OcrSettings ocr;
  DateSettings dates;
  FilenameSettings filenames;
  AdminSettings admin;
  LoggingSettings logging;
  TaskSettings tasks;
  std::string secret_key;  ///< PAPERLESS_SECRET_KEY; never logged
};

/// Raw `PAPERLESS_*` values: the environment over `paperless.conf`.
using SettingValues = std::map<std::string, std::string, std::less<>>;

/// Reads `paperless.conf` (the first of `PAPERLESS_CONFIGURATION_PATH`, `./paperless.conf`,
/// `/etc/paperless.conf`, `/usr/local/etc/paperless.conf` that exists), then lays the
/// environment over it: the environment wins, as in paperless-ngx.
[[nodiscard]] Result<SettingValues> gather_setting_values();

/// Turns raw values into settings. Any unusable value (an unparsable number, an unknown engine
/// or mode) is an `invalid_argument` error whose message names the setting and the value.
[[nodiscard]] Result<Settings> parse_settings(const SettingValues& values);

/// `gather_setting_values` then `parse_settings`.
[[nodiscard]] Result<Settings> load_settings();

}  // namespace quire::config
