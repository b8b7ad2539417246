#include "storage/database.hpp"

#include "storage/session.hpp"

#include <fmt/format.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace quire::storage {
namespace {

std::shared_ptr<spdlog::logger> logger() {
  auto named = spdlog::get("storage");
  return named ? named : spdlog::default_logger();
}

struct Connection {
  std::unique_ptr<soci::session> sql;
  std::unique_ptr<Session> session;
};

std::string redact(std::string text, const std::string& secret) {
  if (secret.empty()) {
    return text;
  }
  for (auto pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos)) {
    text.replace(pos, secret.size(), "********");
  }
  return text;
}

// libpq keyword values: single-quoted, with backslash escapes for quote and backslash.
std::string conninfo_value(std::string_view value) {
  std::string quoted = "'";
  for (const char c : value) {
    if (c == '\'' || c == '\\') {
      quoted += '\\';
    }
    quoted += c;
  }
  return quoted + "'";
}

std::string postgresql_conninfo(const DatabaseOptions& options) {
  std::string conninfo = fmt::format(
      "host={} port={} dbname={} user={} sslmode={}", conninfo_value(options.host), options.port,
      conninfo_value(options.name), conninfo_value(options.user), conninfo_value(options.sslmode));
  if (!options.password.empty()) {
    conninfo += " password=" + conninfo_value(options.password);
  }
  return conninfo;
}

bool is_plain_identifier(std::string_view name) {
  return !name.empty() && name.size() <= 63 && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

Status validate(const DatabaseOptions& options) {
  if (options.engine == DatabaseEngine::sqlite) {
    const std::string path = options.sqlite_path.string();
    if (path.empty() || path == ":memory:") {
      return fail(ErrorCode::invalid_argument, "SQLite needs a database file path");
    }
    // SOCI reads a connect string containing '=' as key=value pairs.
    if (path.find('=') != std::string::npos) {
      return fail(ErrorCode::invalid_argument,
                  fmt::format("SQLite database path '{}' must not contain '='", path));
    }
  } else if (!options.schema.empty() && !is_plain_identifier(options.schema)) {
    return fail(ErrorCode::invalid_argument,
                fmt::format("PostgreSQL schema '{}' is not a plain identifier", options.schema));
  }
  if (options.read_connections == 0) {
    return fail(ErrorCode::invalid_argument, "the database needs at least one read connection");
  }
  return {};
}

enum class Role { writer, reader };

Status configure_sqlite(Session& session, const DatabaseOptions& options, Role role) {
  std::vector<std::string> pragmas = {
      fmt::format("PRAGMA busy_timeout = {}", options.busy_timeout.count()),
      "PRAGMA foreign_keys = ON",
      "PRAGMA synchronous = NORMAL",
  };
  if (role == Role::reader) {
    pragmas.emplace_back("PRAGMA query_only = ON");
  }
  // journal_mode answers with a row, so it goes through query().
  if (role == Role::writer) {
    auto mode = session.query("PRAGMA journal_mode = WAL", 1);
    if (!mode) {
      return fail(mode.error());
    }
  }
  return session.execute_all(pragmas);
}

Status configure_postgresql(Session& session, const DatabaseOptions& options) {
  std::vector<std::string> settings = {
      "SET TIME ZONE 'UTC'",
      "SET DateStyle = 'ISO, YMD'",
      // NOTICEs (e.g. "drop cascades to …") would go to stderr through libpq.
      "SET client_min_messages = warning",
      fmt::format("SET lock_timeout = {}", options.busy_timeout.count()),
  };
  if (!options.schema.empty()) {
    settings.push_back(fmt::format("SET search_path TO \"{}\"", options.schema));
  }
  return session.execute_all(settings);
}

Result<Connection> connect(const DatabaseOptions& options, Role role) {
  Connection connection;
  try {
    if (options.engine == DatabaseEngine::sqlite) {
      connection.sql =
          std::make_unique<soci::session>(*soci::factory_sqlite3(), options.sqlite_path.string());
    } else {
      connection.sql = std::make_unique<soci::session>(*soci::factory_postgresql(),
                                                       postgresql_conninfo(options));
    }
  } catch (const std::exception& failure) {
    const std::string target =
        options.engine == DatabaseEngine::sqlite
            ? fmt::format("SQLite database '{}'", options.sqlite_path.string())
            : fmt::format("PostgreSQL database '{}' at {}:{}", options.name, options.host,
                          options.port);
    return fail(
        ErrorCode::unavailable,
        redact(fmt::format("cannot open {}: {}", target, failure.what()), options.password));
  }
  connection.session = std::make_unique<Session>(*connection.sql, options.engine);

  const Status configured = options.engine == DatabaseEngine::sqlite
                                ? configure_sqlite(*connection.session, options, role)
                                : configure_postgresql(*connection.session, options);
  if (!configured) {
    return fail(configured.error().code, redact(configured.error().message, options.password));
  }
  return connection;
}

// Ends the transaction begun by the caller: COMMIT when `outcome` succeeded, else ROLLBACK.
Status finish(Session& session, Status outcome) {
  if (outcome) {
    auto committed = session.execute("COMMIT");
    if (committed) {
      return {};
    }
    outcome = fail(committed.error());
  }
  auto rolled_back = session.execute("ROLLBACK");
  if (!rolled_back) {
    logger()->error("rollback failed error=\"{}\"", rolled_back.error().message);
  }
  return outcome;
}

template <typename Context>
Status run_in_transaction(Session& session, std::string_view begin,
                          const std::function<Status(Context&)>& fn) {
  auto begun = session.execute(begin);
  if (!begun) {
    return fail(begun.error());
  }
  Status outcome;
  try {
    Context context(session);
    outcome = fn(context);
  } catch (const std::exception& failure) {
    outcome = fail(storage_error(failure, "transaction"));
  }
  return finish(session, std::move(outcome));
}

// A PostgreSQL connection dropped by the server (restart, idle timeout, admin) is noticed by
// the statement that fails on it; the next transaction on that connection reconnects first.
Status ensure_connected(Connection& connection, const DatabaseOptions& options) {
  if (options.engine != DatabaseEngine::postgresql || connection.sql->is_connected()) {
    return {};
  }
  try {
    connection.sql->reconnect();
  } catch (const std::exception& failure) {
    return fail(ErrorCode::unavailable,
                redact(fmt::format("cannot reconnect to PostgreSQL database '{}' at {}:{}: {}",
                                   options.name, options.host, options.port, failure.what()),
                       options.password));
  }
  logger()->warn("reconnected to database host={} port={} name={}", options.host, options.port,
                 options.name);
  return configure_postgresql(*connection.session, options);
}

template <typename Context>
Status run_on(Connection& connection, const DatabaseOptions& options, std::string_view begin,
              const std::function<Status(Context&)>& fn) {
  if (const Status connected = ensure_connected(connection, options); !connected) {
    return connected;
  }
  Status outcome = run_in_transaction<Context>(*connection.session, begin, fn);
  if (!outcome && options.engine == DatabaseEngine::postgresql && !connection.sql->is_connected()) {
    return fail(ErrorCode::unavailable,
                fmt::format("lost the database connection: {}", outcome.error().message));
  }
  return outcome;
}

}  // namespace

struct Database::Impl {
  DatabaseOptions options;  ///< kept to reconnect; the password never leaves this struct

  std::mutex write_mutex;  ///< held for the whole of each write transaction
  std::atomic<std::thread::id> writer_thread{};
  Connection writer;  ///< guarded by write_mutex

  std::mutex pool_mutex;  ///< guards idle_readers
  std::condition_variable reader_returned;
  std::vector<Connection> idle_readers;

  Connection take_reader() {
    std::unique_lock lock(pool_mutex);
    reader_returned.wait(lock, [this] { return !idle_readers.empty(); });
    Connection connection = std::move(idle_readers.back());
    idle_readers.pop_back();
    return connection;
  }

  void return_reader(Connection connection) {
    {
      const std::lock_guard lock(pool_mutex);
      idle_readers.push_back(std::move(connection));
    }
    reader_returned.notify_one();
  }
};

Database::Database(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

Database::~Database() = default;

Result<std::unique_ptr<Database>> Database::open(const DatabaseOptions& options) {
  const Status valid = validate(options);
  if (!valid) {
    return fail(valid.error());
  }

  // The writer connects first: on SQLite it switches the file to WAL before readers attach.
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  auto writer = connect(options, Role::writer);
  if (!writer) {
    return fail(writer.error());
  }
  impl->writer = std::move(*writer);
  for (std::size_t reader_idx = 0; reader_idx < options.read_connections; ++reader_idx) {
    auto reader = connect(options, Role::reader);
    if (!reader) {
      return fail(reader.error());
    }
    impl->idle_readers.push_back(std::move(*reader));
  }

  if (options.engine == DatabaseEngine::sqlite) {
    logger()->info("opened database engine=sqlite path=\"{}\" readers={}",
                   options.sqlite_path.string(), options.read_connections);
  } else {
    logger()->info("opened database engine=postgresql host={} port={} name={} user={} readers={}",
                   options.host, options.port, options.name, options.user,
                   options.read_connections);
  }
  return std::unique_ptr<Database>(new Database(std::move(impl)));
}

DatabaseEngine Database::engine() const { return m_impl->options.engine; }

Status Database::write_transaction(const std::function<Status(WriteContext&)>& fn) {
  if (m_impl->writer_thread.load() == std::this_thread::get_id()) {
    return fail(ErrorCode::internal, "nested Database::write on the same thread");
  }
  const std::lock_guard lock(m_impl->write_mutex);
  m_impl->writer_thread.store(std::this_thread::get_id());
  // IMMEDIATE takes SQLite's write lock now (waiting up to busy_timeout for another process)
  // instead of failing later when a read lock cannot be upgraded.
  const std::string_view begin = engine() == DatabaseEngine::sqlite ? "BEGIN IMMEDIATE" : "BEGIN";
  Status outcome = run_on<WriteContext>(m_impl->writer, m_impl->options, begin, fn);
  m_impl->writer_thread.store(std::thread::id{});
  return outcome;
}

Status Database::read_transaction(const std::function<Status(ReadContext&)>& fn) {
  Connection connection = m_impl->take_reader();
  const std::string_view begin = engine() == DatabaseEngine::sqlite ? "BEGIN" : "BEGIN READ ONLY";
  Status outcome = run_on<ReadContext>(connection, m_impl->options, begin, fn);
  m_impl->return_reader(std::move(connection));
  return outcome;
}

}  // namespace quire::storage
