#pragma once

// Private to src/storage/: the columns and SQL shared by the four matching-model tables
// (documents_correspondent, documents_documenttype, documents_tag, documents_storagepath).

#include "core/error.hpp"
#include "core/objects.hpp"
#include "storage/session.hpp"
#include "storage/sql_values.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quire::storage {

/// Select-list of the common columns; `decode_matching` reads them in this order.
inline constexpr std::string_view k_matching_columns =
    "id, name, \"match\", matching_algorithm, is_insensitive, owner_id";
inline constexpr std::size_t k_matching_column_count = 6;

/// A table and its columns beyond the common ones, e.g. `{"documents_storagepath", {"path"}}`.
struct MatchingTable {
  std::string_view kind;  ///< for messages: "correspondent", "tag", …
  std::string_view table;
  std::vector<std::string_view> extra_columns;

  [[nodiscard]] std::string select_list() const;
  [[nodiscard]] std::size_t column_count() const {
    return k_matching_column_count + extra_columns.size();
  }
};

void decode_matching(RowReader& reader, MatchingObject& object);

/// Checks name (1..128 characters) and match (at most 256); `invalid_argument` otherwise.
[[nodiscard]] Status validate_matching(const MatchingObject& object, std::string_view kind);

/// Validates, then inserts the common columns plus `extra_values` (one per
/// `table.extra_columns`). A name clash becomes `conflict` naming the object.
[[nodiscard]] Result<Id> insert_matching(Session& session, const MatchingTable& table,
                                         const MatchingObject& object, SqlParams extra_values);

/// Runs a select over `table.select_list()` with `tail` (`WHERE … ORDER BY …`) appended and
/// decodes each row with `decode(RowReader&) -> T`.
template <typename T, typename Decode>
[[nodiscard]] Result<std::vector<T>> select_objects(Session& session, const MatchingTable& table,
                                                    std::string_view tail, const SqlParams& params,
                                                    Decode decode) {
  const std::string sql = "SELECT " + table.select_list() + " FROM " + std::string(table.table) +
                          " " + std::string(tail);
  auto rows = session.query(sql, table.column_count(), params);
  if (!rows) {
    return fail(rows.error());
  }
  std::vector<T> objects;
  objects.reserve(rows->size());
  for (const SqlRow& row : *rows) {
    RowReader reader(row, table.table);
    T object = decode(reader);
    if (const Status status = reader.status(); !status) {
      return fail(status.error());
    }
    objects.push_back(std::move(object));
  }
  return objects;
}

/// As `select_objects`, for at most one row.
template <typename T, typename Decode>
[[nodiscard]] Result<std::optional<T>> select_object(Session& session, const MatchingTable& table,
                                                     std::string_view tail, const SqlParams& params,
                                                     Decode decode) {
  auto objects = select_objects<T>(session, table, tail, params, decode);
  if (!objects) {
    return fail(objects.error());
  }
  if (objects->empty()) {
    return std::optional<T>{};
  }
  return std::optional<T>(std::move(objects->front()));
}

/// Tail for listing in the default order: case-insensitive name, then id.
inline constexpr std::string_view k_order_by_name = "ORDER BY lower(name), id";

/// The three lookups every matching repository offers, over `decode(RowReader&) -> T`.
template <typename T, typename Decode>
[[nodiscard]] Result<std::optional<T>> get_by_id(Session& session, const MatchingTable& table,
                                                 Id id, Decode decode) {
  return select_object<T>(session, table, "WHERE id = :id", {to_sql(std::int64_t{id})}, decode);
}

template <typename T, typename Decode>
[[nodiscard]] Result<std::vector<T>> list_by_name(Session& session, const MatchingTable& table,
                                                  Decode decode) {
  return select_objects<T>(session, table, k_order_by_name, {}, decode);
}

template <typename T, typename Decode>
[[nodiscard]] Result<std::optional<T>> find_by_name(Session& session, const MatchingTable& table,
                                                    std::string_view name, Decode decode) {
  return select_object<T>(session, table, "WHERE lower(name) = lower(:name) ORDER BY id",
                          {to_sql(std::string(name))}, decode);
}

/// Number of Unicode code points in UTF-8 `text` (Django counts characters, not bytes).
[[nodiscard]] std::size_t utf8_length(std::string_view text);

}  // namespace quire::storage
