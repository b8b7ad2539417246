#pragma once

// Private to src/storage/: conversions between our value types and SQL cells.
// Timestamps travel as `YYYY-MM-DD HH:MM:SS.ffffff` in UTC, the text Django writes into SQLite
// datetime columns; PostgreSQL (session time zone UTC) parses that text into `timestamptz` and
// prints it back with a `+00` suffix, which the parser accepts.

#include "core/error.hpp"
#include "core/time.hpp"
#include "storage/session.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace quire::storage {

[[nodiscard]] std::string format_timestamp(Timestamp value);
[[nodiscard]] std::string format_date(Date value);

/// Accepts `YYYY-MM-DD[ T]HH:MM:SS[.f{1,6}][Z|±HH[:MM]]`; a missing zone means UTC.
[[nodiscard]] std::optional<Timestamp> parse_timestamp(std::string_view text);
/// Accepts `YYYY-MM-DD`, ignoring any time part after it.
[[nodiscard]] std::optional<Date> parse_date(std::string_view text);

[[nodiscard]] SqlValue to_sql(bool value);
[[nodiscard]] SqlValue to_sql(std::int64_t value);
[[nodiscard]] SqlValue to_sql(std::string value);
[[nodiscard]] SqlValue to_sql(Timestamp value);
[[nodiscard]] SqlValue to_sql(Date value);

/// NULL when `value` is empty.
template <typename T>
[[nodiscard]] SqlValue to_sql(const std::optional<T>& value) {
  if (!value) {
    return nullptr;
  }
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
    return to_sql(static_cast<std::int64_t>(*value));
  } else {
    return to_sql(*value);
  }
}

/// Decodes a row column by column, in select-list order. A cell that cannot be decoded (or a
/// NULL where a value is required) leaves a default in place and records the first problem;
/// check `status()` once the row is read.
class RowReader {
 public:
  RowReader(const SqlRow& row, std::string_view table) : m_row(row), m_table(table) {}

  std::int64_t integer();
  std::optional<std::int64_t> optional_integer();
  double real();
  std::string text();
  std::optional<std::string> optional_text();
  bool boolean();
  Timestamp timestamp();
  std::optional<Timestamp> optional_timestamp();
  Date date();

  /// Records a problem the caller found in a decoded value (e.g. an unknown enum name).
  void invalid(std::string message);

  /// The first decoding failure as `ErrorCode::corruption`, naming the table and column.
  [[nodiscard]] Status status() const;

 private:
  const std::optional<std::string>* next();
  void record(std::string_view expected, const std::optional<std::string>* cell);
  std::optional<std::int64_t> decode_integer(const std::optional<std::string>* cell);
  std::optional<Timestamp> decode_timestamp(const std::optional<std::string>* cell);

  const SqlRow& m_row;
  std::string_view m_table;
  std::size_t m_column = 0;
  std::optional<std::string> m_problem;
};

/// Decodes every row of a query result with `decode(RowReader&) -> T`; the first undecodable
/// row fails the whole result.
template <typename T, typename Decode>
[[nodiscard]] Result<std::vector<T>> decode_rows(Result<std::vector<SqlRow>> rows,
                                                 std::string_view table, Decode decode) {
  if (!rows) {
    return fail(std::move(rows.error()));
  }
  std::vector<T> objects;
  objects.reserve(rows->size());
  for (const SqlRow& row : *rows) {
    RowReader reader(row, table);
    objects.push_back(decode(reader));
    if (const Status status = reader.status(); !status) {
      return fail(status.error());
    }
  }
  return objects;
}

/// The first element, if any: turns a list lookup into a single-row lookup.
template <typename T>
[[nodiscard]] Result<std::optional<T>> first_or_none(Result<std::vector<T>> objects) {
  if (!objects) {
    return fail(std::move(objects.error()));
  }
  if (objects->empty()) {
    return std::optional<T>{};
  }
  return std::optional<T>(std::move(objects->front()));
}

/// Number of Unicode code points in UTF-8 `text`: Django limits lengths in characters.
[[nodiscard]] std::size_t character_count(std::string_view text);

}  // namespace quire::storage
