#pragma once

#include "core/error.hpp"

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

namespace quire::storage {

enum class DatabaseEngine { sqlite, postgresql };

/// Where and how to connect. The integrator maps `PAPERLESS_DB*` settings onto this.
struct DatabaseOptions {
  DatabaseEngine engine = DatabaseEngine::sqlite;

  /// SQLite: the database file (created if missing). `:memory:` is refused because the read
  /// connections could not see the writer's data.
  std::filesystem::path sqlite_path;

  std::string host = "localhost";
  int port = 5432;
  std::string name = "paperless";
  std::string user = "paperless";
  std::string password;  ///< never logged; redacted from every error message
  std::string sslmode = "prefer";
  /// PostgreSQL: the schema to work in (`search_path`); empty keeps the server default. Must be
  /// a plain identifier (letters, digits, underscore). Tests use it to isolate themselves.
  std::string schema;

  /// How long a statement waits for a lock held by another process before failing with
  /// `ErrorCode::unavailable`.
  std::chrono::milliseconds busy_timeout{5000};
  /// Connections reserved for `Database::read`; at least 1.
  std::size_t read_connections = 4;
};

class Session;

/// A connection inside an open transaction, handed to the function given to `Database::read`.
/// Repository read methods take one. Valid only during that call; never store it.
class ReadContext {
 public:
  explicit ReadContext(Session& session) : m_session(session) {}
  ReadContext(const ReadContext&) = delete;
  ReadContext& operator=(const ReadContext&) = delete;
  ~ReadContext() = default;

  /// For storage/ sources only: the private SQL interface (storage/session.hpp).
  [[nodiscard]] Session& session() const { return m_session; }

 private:
  Session& m_session;
};

/// The single write transaction, handed to the function given to `Database::write`.
/// Repository write methods take one, so several repository calls (insert a document, link its
/// tags, set its file names) commit or roll back together. It is also a `ReadContext`: reads
/// made through it see the transaction's own uncommitted writes.
class WriteContext : public ReadContext {
 public:
  using ReadContext::ReadContext;
};

/// The database: one write connection used by one writer at a time, plus a small pool of read
/// connections. Thread-safe. SQLite runs in WAL mode, so readers never wait for the writer.
class Database {
 public:
  /// Connects, applies the per-connection settings (SQLite: WAL, busy_timeout, foreign_keys,
  /// synchronous=NORMAL; PostgreSQL: time zone UTC, search_path). Does not migrate.
  /// Errors: `unavailable` when the server cannot be reached or the file cannot be opened,
  /// `invalid_argument` for unusable options. Messages never contain the password.
  [[nodiscard]] static Result<std::unique_ptr<Database>> open(const DatabaseOptions& options);

  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  [[nodiscard]] DatabaseEngine engine() const;

  /// Runs `fn` inside one write transaction on the write connection. Writers are serialised by
  /// a mutex (blocking until the previous writer finishes); on SQLite the transaction starts
  /// with `BEGIN IMMEDIATE`, so a writer in another process is waited for up to
  /// `busy_timeout`. Commits when `fn` succeeds; rolls back when it returns an error or throws
  /// (the exception becomes `ErrorCode::internal`). Must not be called from inside `fn` on the
  /// same thread (returns `ErrorCode::internal` instead of deadlocking).
  /// `fn` returns `Result<T>` (or `Status`); `write` returns it, or the commit's error.
  template <typename Fn>
  [[nodiscard]] auto write(Fn&& fn) -> std::invoke_result_t<Fn, WriteContext&>;

  /// Runs `fn` inside a read-only transaction on a pooled read connection, waiting for a free
  /// connection if all are busy. Sees only committed data. Same return convention as `write`.
  template <typename Fn>
  [[nodiscard]] auto read(Fn&& fn) -> std::invoke_result_t<Fn, ReadContext&>;

  /// The non-template cores of `write` and `read`.
  [[nodiscard]] Status write_transaction(const std::function<Status(WriteContext&)>& fn);
  [[nodiscard]] Status read_transaction(const std::function<Status(ReadContext&)>& fn);

 private:
  struct Impl;
  explicit Database(std::unique_ptr<Impl> impl);

  /// Adapts a `Result<T>`-returning function to the `Status` cores above.
  template <typename Context, typename Fn, typename Core>
  static auto run(Fn&& fn, Core&& core) -> std::invoke_result_t<Fn, Context&>;

  std::unique_ptr<Impl> m_impl;
};

template <typename Context, typename Fn, typename Core>
auto Database::run(Fn&& fn, Core&& core) -> std::invoke_result_t<Fn, Context&> {
  using Returned = std::invoke_result_t<Fn, Context&>;
  using Value = typename Returned::value_type;
  if constexpr (std::is_void_v<Value>) {
    return core([&](Context& context) -> Status { return fn(context); });
  } else {
    std::optional<Value> value;
    const Status status = core([&](Context& context) -> Status {
      Returned result = fn(context);
      if (!result) {
        return fail(std::move(result.error()));
      }
      value.emplace(std::move(*result));
      return {};
    });
    if (!status) {
      return fail(status.error());
    }
    return std::move(*value);
  }
}

template <typename Fn>
auto Database::write(Fn&& fn) -> std::invoke_result_t<Fn, WriteContext&> {
  return run<WriteContext>(std::forward<Fn>(fn),
                           [this](const auto& core_fn) { return write_transaction(core_fn); });
}

template <typename Fn>
auto Database::read(Fn&& fn) -> std::invoke_result_t<Fn, ReadContext&> {
  return run<ReadContext>(std::forward<Fn>(fn),
                          [this](const auto& core_fn) { return read_transaction(core_fn); });
}

}  // namespace quire::storage
