#pragma once

// Private to src/storage/ (and its tests): the engine-neutral SQL interface repositories use.
// No header outside storage/ includes this file, so SOCI stays inside session.cpp and
// database.cpp.

#include "core/error.hpp"
#include "core/time.hpp"
#include "storage/database.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace soci {
class session;
}

namespace quire::storage {

/// A bound parameter. Booleans are bound as 0/1 (PostgreSQL accepts them for `boolean`
/// columns); timestamps and dates as ISO text (see sql_values.hpp).
using SqlValue = std::variant<std::nullptr_t, std::int64_t, double, std::string>;
using SqlParams = std::vector<SqlValue>;

/// One result row; every cell read as text (absent = SQL NULL), so the same row decoding works
/// on both engines. Decode it with `RowReader` (sql_values.hpp).
using SqlRow = std::vector<std::optional<std::string>>;

/// A SOCI session plus the engine's dialect. Statements use SOCI's `:name` placeholders, bound
/// by position from `params`; never repeat a name in one statement, and write casts as
/// `CAST(x AS t)` (a `::` would be read as a placeholder). Every method catches SOCI's
/// exceptions and returns them as `Error` (unique violation → `conflict`, other constraint
/// violations → `invalid_argument`, lock timeouts and lost connections → `unavailable`).
class Session {
 public:
  Session(soci::session& session, DatabaseEngine engine) : m_sql(session), m_engine(engine) {}

  [[nodiscard]] DatabaseEngine engine() const { return m_engine; }

  /// Runs a statement; returns the number of rows it changed.
  [[nodiscard]] Result<std::int64_t> execute(std::string_view sql, const SqlParams& params = {});

  /// Runs a query whose select list has exactly `columns` columns.
  [[nodiscard]] Result<std::vector<SqlRow>> query(std::string_view sql, std::size_t columns,
                                                  const SqlParams& params = {});

  /// As `query`, but for at most one row.
  [[nodiscard]] Result<std::optional<SqlRow>> query_one(std::string_view sql, std::size_t columns,
                                                        const SqlParams& params = {});

  /// A single integer (e.g. `SELECT COUNT(*)`); NULL becomes `std::nullopt`.
  [[nodiscard]] Result<std::optional<std::int64_t>> query_integer(std::string_view sql,
                                                                  const SqlParams& params = {});

  /// Runs an `INSERT` into a table with an `id` column and returns the new id.
  [[nodiscard]] Result<std::int64_t> insert(std::string_view sql, const SqlParams& params);

  /// Runs several `;`-free statements in order, stopping at the first failure.
  [[nodiscard]] Status execute_all(std::span<const std::string> statements);

  /// The engine's literal for a boolean, for use inside SQL text.
  [[nodiscard]] std::string_view bool_literal(bool value) const;

  /// Direct access for database.cpp (transaction control).
  [[nodiscard]] soci::session& soci_session() { return m_sql; }

 private:
  soci::session& m_sql;
  DatabaseEngine m_engine;
};

/// SQLite and PostgreSQL error texts mapped to our categories; used by session.cpp and
/// database.cpp. `context` names the operation ("insert into documents_document").
[[nodiscard]] Error storage_error(const std::exception& failure, std::string_view context);

}  // namespace quire::storage
