#include "config/settings.hpp"

#include "util/strings.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <system_error>
#include <thread>

extern char** environ;

namespace quire::config {
namespace {

namespace fs = std::filesystem;

const char* const k_default_ignore_patterns[] = {".DS_Store",   ".DS_STORE",     "._*",
                                                 ".stfolder/*", ".stversions/*", ".localized/*",
                                                 "desktop.ini", "@eaDir/*",      "Thumbs.db"};

Error bad_value(std::string_view name, std::string_view value, std::string_view expected) {
  return Error{ErrorCode::invalid_argument,
               fmt::format("setting {}='{}' is invalid: expected {}", name, value, expected)};
}

// Reads settings by name with paperless-ngx's parsing rules; the first bad value is kept so
// that start-up stops with one line naming it.
class SettingReader {
 public:
  explicit SettingReader(const SettingValues& values) : m_values(values) {}

  [[nodiscard]] std::optional<std::string> raw(std::string_view name) const {
    const auto found = m_values.find(name);
    if (found == m_values.end()) return std::nullopt;
    return found->second;
  }

  [[nodiscard]] std::string text(std::string_view name, std::string fallback) const {
    return raw(name).value_or(std::move(fallback));
  }

  // paperless-ngx treats yes/y/1/t/true (any case) as true and everything else as false.
  [[nodiscard]] bool boolean(std::string_view name, bool fallback) const {
    const auto value = raw(name);
    if (!value) return fallback;
    const std::string lowered = util::to_lower_ascii(util::trim(*value));
    return lowered == "yes" || lowered == "y" || lowered == "1" || lowered == "t" ||
           lowered == "true";
  }

  template <typename Number>
  [[nodiscard]] Number number(std::string_view name, Number fallback) {
    const auto value = raw(name);
    if (!value) return fallback;
    const std::string_view trimmed = util::trim(*value);
    Number parsed{};
    const auto [end, error] =
        std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), parsed);
    if (error != std::errc() || end != trimmed.data() + trimmed.size() || trimmed.empty()) {
      record(bad_value(name, *value, "a number"));
      return fallback;
    }
    return parsed;
  }

  [[nodiscard]] std::string choice(std::string_view name, std::string fallback,
                                   std::initializer_list<std::string_view> allowed) {
    const auto value = raw(name);
    if (!value) return fallback;
    const std::string lowered = util::to_lower_ascii(util::trim(*value));
    for (const std::string_view option : allowed) {
      if (lowered == option) return lowered;
    }
    std::string expected = "one of";
    for (const std::string_view option : allowed) expected += fmt::format(" '{}'", option);
    record(bad_value(name, *value, expected));
    return fallback;
  }

  [[nodiscard]] fs::path path(std::string_view name, const fs::path& fallback) const {
    const auto value = raw(name);
    return value && !value->empty() ? fs::path(*value) : fallback;
  }

  [[nodiscard]] std::optional<fs::path> optional_path(std::string_view name) const {
    const auto value = raw(name);
    if (!value || util::trim(*value).empty()) return std::nullopt;
    return fs::path(std::string(util::trim(*value)));
  }

  void record(Error error) {
    if (!m_first_error) m_first_error = std::move(error);
  }

  [[nodiscard]] const std::optional<Error>& first_error() const { return m_first_error; }

 private:
  const SettingValues& m_values;
  std::optional<Error> m_first_error;
};

fs::path absolute_or_empty(const fs::path& path) {
  std::error_code ignored;
  const fs::path absolute = fs::absolute(path, ignored);
  return absolute.empty() ? path : absolute.lexically_normal();
}

void read_paths(SettingReader& reader, PathSettings& paths) {
  paths.data_dir = absolute_or_empty(reader.path("PAPERLESS_DATA_DIR", "data"));
  paths.media_root = absolute_or_empty(reader.path("PAPERLESS_MEDIA_ROOT", "media"));
  paths.consumption_dir = absolute_or_empty(reader.path("PAPERLESS_CONSUMPTION_DIR", "consume"));
  paths.scratch_dir = absolute_or_empty(
      reader.path("PAPERLESS_SCRATCH_DIR", fs::temp_directory_path() / "paperless"));
  paths.index_dir = paths.data_dir / "index";
  paths.model_file = absolute_or_empty(
      reader.path("PAPERLESS_MODEL_FILE", paths.data_dir / "classification_model.pickle"));
  paths.logging_dir =
      absolute_or_empty(reader.path("PAPERLESS_LOGGING_DIR", paths.data_dir / "log"));
  paths.empty_trash_dir = reader.optional_path("PAPERLESS_EMPTY_TRASH_DIR");
  if (!paths.empty_trash_dir) paths.empty_trash_dir = reader.optional_path("PAPERLESS_TRASH_DIR");
}

void read_database(SettingReader& reader, const PathSettings& paths, DatabaseSettings& db) {
  db.sqlite_path = paths.data_dir / "db.sqlite3";
  db.host = reader.text("PAPERLESS_DBHOST", "");
  // As in paperless-ngx: a DBHOST alone selects PostgreSQL; DBENGINE may say so explicitly.
  const std::string fallback_engine = db.host.empty() ? "sqlite" : "postgresql";
  const std::string engine =
      reader.choice("PAPERLESS_DBENGINE", fallback_engine, {"sqlite", "postgresql", "mariadb"});
  if (engine == "mariadb") {
    reader.record(Error{ErrorCode::invalid_argument,
                        "setting PAPERLESS_DBENGINE='mariadb' is not supported by Quire: "
                        "use 'postgresql' or 'sqlite'"});
  }
  db.engine = engine == "postgresql" ? DatabaseEngine::postgresql : DatabaseEngine::sqlite;
  if (db.engine == DatabaseEngine::postgresql && db.host.empty()) db.host = "localhost";
  db.port = reader.number<int>("PAPERLESS_DBPORT", 5432);
  db.name = reader.text("PAPERLESS_DBNAME", "paperless");
  db.user = reader.text("PAPERLESS_DBUSER", "paperless");
  db.password = reader.text("PAPERLESS_DBPASS", "paperless");
  db.sslmode = reader.text("PAPERLESS_DBSSLMODE", "prefer");
  db.timeout = std::chrono::seconds(reader.number<int>("PAPERLESS_DB_TIMEOUT", 5));
}

std::vector<std::string> read_ignore_patterns(SettingReader& reader) {
  const auto raw = reader.raw("PAPERLESS_CONSUMER_IGNORE_PATTERNS");
  if (!raw) return {std::begin(k_default_ignore_patterns), std::end(k_default_ignore_patterns)};
  const nlohmann::json parsed = nlohmann::json::parse(*raw, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_array() ||
      !std::all_of(parsed.begin(), parsed.end(), [](const auto& p) { return p.is_string(); })) {
    reader.record(bad_value("PAPERLESS_CONSUMER_IGNORE_PATTERNS", *raw, "a JSON list of strings"));
    return {std::begin(k_default_ignore_patterns), std::end(k_default_ignore_patterns)};
  }
  return parsed.get<std::vector<std::string>>();
}

void read_consumer(SettingReader& reader, ConsumerSettings& consumer) {
  consumer.polling_seconds = reader.number<double>("PAPERLESS_CONSUMER_POLLING", 0);
  consumer.polling_delay_seconds = reader.number<double>("PAPERLESS_CONSUMER_POLLING_DELAY", 5);
  consumer.polling_retry_count = reader.number<int>("PAPERLESS_CONSUMER_POLLING_RETRY_COUNT", 5);
  consumer.inotify_delay_seconds = reader.number<double>("PAPERLESS_CONSUMER_INOTIFY_DELAY", 0.5);
  consumer.recursive = reader.boolean("PAPERLESS_CONSUMER_RECURSIVE", false);
  consumer.subdirs_as_tags = reader.boolean("PAPERLESS_CONSUMER_SUBDIRS_AS_TAGS", false);
  consumer.ignore_patterns = read_ignore_patterns(reader);
  consumer.delete_duplicates = reader.boolean("PAPERLESS_CONSUMER_DELETE_DUPLICATES", false);
  consumer.pre_consume_script = reader.optional_path("PAPERLESS_PRE_CONSUME_SCRIPT");
  consumer.post_consume_script = reader.optional_path("PAPERLESS_POST_CONSUME_SCRIPT");
}

void read_ocr(SettingReader& reader, OcrSettings& ocr) {
  ocr.language = reader.text("PAPERLESS_OCR_LANGUAGE", "eng");
  ocr.mode =
      reader.choice("PAPERLESS_OCR_MODE", "skip", {"skip", "skip_noarchive", "redo", "force"});
  ocr.skip_archive_file =
      reader.choice("PAPERLESS_OCR_SKIP_ARCHIVE_FILE", "never", {"never", "with_text", "always"});
  ocr.output_type = reader.choice("PAPERLESS_OCR_OUTPUT_TYPE", "pdfa",
                                  {"pdf", "pdfa", "pdfa-1", "pdfa-2", "pdfa-3"});
  ocr.pages = reader.number<int>("PAPERLESS_OCR_PAGES", 0);
  if (reader.raw("PAPERLESS_OCR_IMAGE_DPI")) {
    ocr.image_dpi = reader.number<int>("PAPERLESS_OCR_IMAGE_DPI", 0);
  }
  ocr.clean = reader.choice("PAPERLESS_OCR_CLEAN", "clean", {"clean", "clean-final", "none"});
  ocr.deskew = reader.boolean("PAPERLESS_OCR_DESKEW", true);
  ocr.rotate_pages = reader.boolean("PAPERLESS_OCR_ROTATE_PAGES", true);
  ocr.rotate_pages_threshold = reader.number<double>("PAPERLESS_OCR_ROTATE_PAGES_THRESHOLD", 12.0);
  if (reader.raw("PAPERLESS_OCR_MAX_IMAGE_PIXELS")) {
    ocr.max_image_pixels = reader.number<std::int64_t>("PAPERLESS_OCR_MAX_IMAGE_PIXELS", 0);
  }
  ocr.color_conversion_strategy = reader.text("PAPERLESS_OCR_COLOR_CONVERSION_STRATEGY", "RGB");
  ocr.user_args_json = reader.text("PAPERLESS_OCR_USER_ARGS", "");
}

void read_dates(SettingReader& reader, DateSettings& dates) {
  dates.date_order = util::to_lower_ascii(reader.text("PAPERLESS_DATE_ORDER", "DMY"));
  for (char& c : dates.date_order) c = static_cast<char>(std::toupper(c));
  if (dates.date_order.size() != 3 ||
      dates.date_order.find_first_not_of("DMY") != std::string::npos) {
    reader.record(bad_value("PAPERLESS_DATE_ORDER", dates.date_order, "an order such as DMY"));
  }
  if (auto order = reader.raw("PAPERLESS_FILENAME_DATE_ORDER"); order && !order->empty()) {
    dates.filename_date_order = *order;
  }
  if (auto languages = reader.raw("PAPERLESS_DATE_PARSER_LANGUAGES"); languages) {
    for (const std::string& language : util::split(*languages, '+')) {
      if (!util::trim(language).empty()) dates.parser_languages.emplace_back(util::trim(language));
    }
  }
  dates.ignore_dates_raw = reader.text("PAPERLESS_IGNORE_DATES", "");
  dates.number_of_suggested_dates = reader.number<int>("PAPERLESS_NUMBER_OF_SUGGESTED_DATES", 3);
  dates.time_zone = reader.text("PAPERLESS_TIME_ZONE", "UTC");
}

void read_admin(SettingReader& reader, AdminSettings& admin) {
  admin.user_set = reader.raw("PAPERLESS_ADMIN_USER").has_value();
  admin.user = reader.text("PAPERLESS_ADMIN_USER", "admin");
  admin.mail = reader.text("PAPERLESS_ADMIN_MAIL", "root@localhost");
  admin.password = reader.raw("PAPERLESS_ADMIN_PASSWORD");
}

void read_tasks(SettingReader& reader, TaskSettings& tasks) {
  tasks.workers = reader.number<int>("PAPERLESS_TASK_WORKERS", 1);
  if (tasks.workers < 1) {
    reader.record(bad_value("PAPERLESS_TASK_WORKERS", std::to_string(tasks.workers), "at least 1"));
    tasks.workers = 1;
  }
  const int cores = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  tasks.threads_per_worker =
      reader.number<int>("PAPERLESS_THREADS_PER_WORKER", std::max(1, cores / tasks.workers));
  tasks.worker_timeout = std::chrono::seconds(reader.number<int>("PAPERLESS_WORKER_TIMEOUT", 1800));
}

// paperless.conf is a dotenv file: KEY=VALUE lines, '#' comments, optional quotes.
void read_conf_file(const fs::path& path, SettingValues& values) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    const std::string_view trimmed = util::trim(line);
    if (trimmed.empty() || trimmed.front() == '#') continue;
    const std::size_t equals = trimmed.find('=');
    if (equals == std::string_view::npos) continue;
    std::string_view key = util::trim(trimmed.substr(0, equals));
    if (key.substr(0, 7) == "export ") key = util::trim(key.substr(7));
    std::string_view value = util::trim(trimmed.substr(equals + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    values.emplace(std::string(key), std::string(value));
  }
}

std::optional<fs::path> find_conf_file() {
  if (const char* explicit_path = std::getenv("PAPERLESS_CONFIGURATION_PATH")) {
    return fs::path(explicit_path);
  }
  for (const char* candidate :
       {"paperless.conf", "/etc/paperless.conf", "/usr/local/etc/paperless.conf"}) {
    std::error_code ignored;
    if (fs::is_regular_file(candidate, ignored)) return fs::path(candidate);
  }
  return std::nullopt;
}

}  // namespace

fs::path PathSettings::originals_dir() const { return media_root / "documents" / "originals"; }
fs::path PathSettings::archive_dir() const { return media_root / "documents" / "archive"; }
fs::path PathSettings::thumbnail_dir() const { return media_root / "documents" / "thumbnails"; }
fs::path PathSettings::media_lock() const { return media_root / "media.lock"; }

Result<SettingValues> gather_setting_values() {
  SettingValues values;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string_view variable(*entry);
    const std::size_t equals = variable.find('=');
    if (equals == std::string_view::npos) continue;
    values.emplace(std::string(variable.substr(0, equals)),
                   std::string(variable.substr(equals + 1)));
  }
  if (const auto conf = find_conf_file()) {
    std::error_code error;
    if (!fs::is_regular_file(*conf, error)) {
      return fail(ErrorCode::invalid_argument,
                  fmt::format("configuration file '{}' does not exist", conf->string()));
    }
    read_conf_file(*conf, values);  // emplace keeps environment values: the environment wins
  }
  return values;
}

Result<Settings> parse_settings(const SettingValues& values) {
  SettingReader reader(values);
  Settings settings;
  read_paths(reader, settings.paths);
  read_database(reader, settings.paths, settings.database);
  read_consumer(reader, settings.consumer);
  read_ocr(reader, settings.ocr);
  read_dates(reader, settings.dates);
  settings.filenames.format = reader.raw("PAPERLESS_FILENAME_FORMAT");
  if (settings.filenames.format && settings.filenames.format->empty()) {
    settings.filenames.format.reset();
  }
  settings.filenames.remove_none = reader.boolean("PAPERLESS_FILENAME_FORMAT_REMOVE_NONE", false);
  read_admin(reader, settings.admin);
  settings.logging.level = reader.choice("PAPERLESS_LOGLEVEL", "info",
                                         {"debug", "info", "warning", "error", "critical"});
  settings.logging.rotation_bytes =
      reader.number<std::int64_t>("PAPERLESS_LOGROTATE_MAX_SIZE", 1024 * 1024);
  settings.logging.rotation_backups = reader.number<int>("PAPERLESS_LOGROTATE_MAX_BACKUPS", 20);
  read_tasks(reader, settings.tasks);
  settings.secret_key = reader.text("PAPERLESS_SECRET_KEY", "");

  if (reader.first_error()) return fail(*reader.first_error());
  return settings;
}

Result<Settings> load_settings() {
  auto values = gather_setting_values();
  if (!values) return fail(values.error());
  return parse_settings(*values);
}

}  // namespace quire::config
