#include "storage/session.hpp"

#include <fmt/format.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <deque>
#include <string>

namespace quire::storage {
namespace {

// SQLite primary result codes (sqlite3.h), kept here so this file needs no sqlite3 header.
constexpr int k_sqlite_busy = 5;
constexpr int k_sqlite_locked = 6;
constexpr int k_sqlite_constraint = 19;

std::string first_line(std::string_view text) {
  const auto end = text.find('\n');
  return std::string(text.substr(0, end));
}

// SOCI's what() appends the statement and every bound value (document text, password hashes);
// get_error_message() is the database's own message without them.
std::string database_message(const soci::soci_error& failure) {
  return first_line(failure.get_error_message());
}

Error sqlite_error(const soci::sqlite3_soci_error& failure, std::string_view context) {
  const int primary = failure.result() & 0xff;
  const std::string what = database_message(failure);
  if (primary == k_sqlite_busy || primary == k_sqlite_locked) {
    return {ErrorCode::unavailable, fmt::format("database busy during {}: {}", context, what)};
  }
  if (primary == k_sqlite_constraint || what.find("constraint failed") != std::string::npos) {
    const bool unique = what.find("UNIQUE") != std::string::npos;
    return {unique ? ErrorCode::conflict : ErrorCode::invalid_argument,
            fmt::format("{} violates a constraint: {}", context, what)};
  }
  return {ErrorCode::internal, fmt::format("{} failed: {}", context, what)};
}

Error postgresql_error(const soci::postgresql_soci_error& failure, std::string_view context) {
  const std::string state = failure.sqlstate();
  const std::string what = database_message(failure);
  if (state == "23505") {
    return {ErrorCode::conflict, fmt::format("{} violates a unique constraint: {}", context, what)};
  }
  if (state.starts_with("23")) {
    return {ErrorCode::invalid_argument,
            fmt::format("{} violates a constraint: {}", context, what)};
  }
  // Class 08: connection exceptions; 40P01/55P03/57: deadlock, lock timeout, shutdown.
  if (state.starts_with("08") || state == "40P01" || state == "55P03" || state.starts_with("57")) {
    return {ErrorCode::unavailable,
            fmt::format("database unavailable during {}: {}", context, what)};
  }
  return {ErrorCode::internal, fmt::format("{} failed: {}", context, what)};
}

// Keeps bound values alive, at stable addresses, until the statement has run.
class Binder {
 public:
  explicit Binder(const SqlParams& params) {
    for (const SqlValue& value : params) {
      if (const auto* integer = std::get_if<std::int64_t>(&value)) {
        m_integers.push_back(static_cast<long long>(*integer));
        m_indicators.push_back(soci::i_ok);
        m_kinds.push_back(Kind::integer);
      } else if (const auto* real = std::get_if<double>(&value)) {
        m_reals.push_back(*real);
        m_indicators.push_back(soci::i_ok);
        m_kinds.push_back(Kind::real);
      } else if (const auto* text = std::get_if<std::string>(&value)) {
        m_texts.push_back(*text);
        m_indicators.push_back(soci::i_ok);
        m_kinds.push_back(Kind::text);
      } else {
        m_texts.emplace_back();
        m_indicators.push_back(soci::i_null);
        m_kinds.push_back(Kind::text);
      }
    }
  }

  void bind(soci::statement& statement) {
    std::size_t integer_idx = 0;
    std::size_t real_idx = 0;
    std::size_t text_idx = 0;
    for (std::size_t param_idx = 0; param_idx < m_kinds.size(); ++param_idx) {
      soci::indicator& indicator = m_indicators[param_idx];
      switch (m_kinds[param_idx]) {
        case Kind::integer:
          statement.exchange(soci::use(m_integers[integer_idx++], indicator));
          break;
        case Kind::real:
          statement.exchange(soci::use(m_reals[real_idx++], indicator));
          break;
        case Kind::text:
          statement.exchange(soci::use(m_texts[text_idx++], indicator));
          break;
      }
    }
  }

 private:
  enum class Kind { integer, real, text };
  // Deques: growing them never moves the elements SOCI points at.
  std::deque<long long> m_integers;
  std::deque<double> m_reals;
  std::deque<std::string> m_texts;
  std::deque<soci::indicator> m_indicators;
  std::vector<Kind> m_kinds;
};

std::string context_of(std::string_view sql) {
  constexpr std::size_t k_max = 80;
  std::string text = first_line(sql);
  if (text.size() > k_max) {
    text = text.substr(0, k_max) + "...";
  }
  return fmt::format("statement '{}'", text);
}

}  // namespace

Error storage_error(const std::exception& failure, std::string_view context) {
  if (const auto* sqlite = dynamic_cast<const soci::sqlite3_soci_error*>(&failure)) {
    return sqlite_error(*sqlite, context);
  }
  if (const auto* postgresql = dynamic_cast<const soci::postgresql_soci_error*>(&failure)) {
    return postgresql_error(*postgresql, context);
  }
  if (const auto* soci_failure = dynamic_cast<const soci::soci_error*>(&failure)) {
    const bool connection =
        soci_failure->get_error_category() == soci::soci_error::connection_error;
    return {connection ? ErrorCode::unavailable : ErrorCode::internal,
            fmt::format("{} failed: {}", context, database_message(*soci_failure))};
  }
  return {ErrorCode::internal, fmt::format("{} failed: {}", context, first_line(failure.what()))};
}

Result<std::int64_t> Session::execute(std::string_view sql, const SqlParams& params) {
  try {
    Binder binder(params);
    soci::statement statement(m_sql);
    binder.bind(statement);
    statement.alloc();
    statement.prepare(std::string(sql));
    statement.define_and_bind();
    statement.execute(true);
    return static_cast<std::int64_t>(statement.get_affected_rows());
  } catch (const std::exception& failure) {
    return fail(storage_error(failure, context_of(sql)));
  }
}

Result<std::vector<SqlRow>> Session::query(std::string_view sql, std::size_t columns,
                                           const SqlParams& params) {
  try {
    Binder binder(params);
    std::vector<std::string> cells(columns);
    std::vector<soci::indicator> indicators(columns, soci::i_ok);
    soci::statement statement(m_sql);
    for (std::size_t column_idx = 0; column_idx < columns; ++column_idx) {
      statement.exchange(soci::into(cells[column_idx], indicators[column_idx]));
    }
    binder.bind(statement);
    statement.alloc();
    statement.prepare(std::string(sql));
    statement.define_and_bind();

    std::vector<SqlRow> rows;
    bool has_row = statement.execute(true);
    while (has_row) {
      SqlRow& row = rows.emplace_back(columns);
      for (std::size_t column_idx = 0; column_idx < columns; ++column_idx) {
        if (indicators[column_idx] != soci::i_null) {
          row[column_idx] = cells[column_idx];
        }
      }
      has_row = statement.fetch();
    }
    return rows;
  } catch (const std::exception& failure) {
    return fail(storage_error(failure, context_of(sql)));
  }
}

Result<std::optional<SqlRow>> Session::query_one(std::string_view sql, std::size_t columns,
                                                 const SqlParams& params) {
  auto rows = query(sql, columns, params);
  if (!rows) {
    return fail(rows.error());
  }
  if (rows->empty()) {
    return std::optional<SqlRow>{};
  }
  return std::optional<SqlRow>(std::move(rows->front()));
}

Result<std::optional<std::int64_t>> Session::query_integer(std::string_view sql,
                                                           const SqlParams& params) {
  auto row = query_one(sql, 1, params);
  if (!row) {
    return fail(row.error());
  }
  if (!row->has_value() || !(**row)[0].has_value()) {
    return std::optional<std::int64_t>{};
  }
  const std::string& text = *(**row)[0];
  try {
    return std::optional<std::int64_t>(std::stoll(text));
  } catch (const std::exception&) {
    return fail(ErrorCode::corruption,
                fmt::format("{} returned '{}', not an integer", context_of(sql), text));
  }
}

Result<std::int64_t> Session::insert(std::string_view sql, const SqlParams& params) {
  // Both engines understand RETURNING (SQLite since 3.35), so one code path serves both.
  const std::string returning = fmt::format("{} RETURNING id", sql);
  auto id = query_integer(returning, params);
  if (!id) {
    return fail(id.error());
  }
  if (!id->has_value()) {
    return fail(ErrorCode::internal, fmt::format("{} returned no id", context_of(sql)));
  }
  return **id;
}

Status Session::execute_all(std::span<const std::string> statements) {
  for (const std::string& statement : statements) {
    auto done = execute(statement);
    if (!done) {
      return fail(done.error());
    }
  }
  return {};
}

std::string_view Session::bool_literal(bool value) const {
  if (m_engine == DatabaseEngine::postgresql) {
    return value ? "true" : "false";
  }
  return value ? "1" : "0";
}

}  // namespace quire::storage
