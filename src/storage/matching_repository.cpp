#include "storage/matching_repository.hpp"

#include "storage/session.hpp"
#include "storage/sql_values.hpp"

#include <fmt/format.h>

#include <array>
#include <string>

namespace quire::storage {
namespace {

constexpr std::string_view k_common_columns =
    "id, name, \"match\", matching_algorithm, is_insensitive, owner_id";
constexpr std::size_t k_common_column_count = 6;
constexpr std::size_t k_max_name = 128;
constexpr std::size_t k_max_match = 256;

// Per-type table layout. Each specialisation names the table and the columns beyond the
// common ones, and reads, checks and binds those columns in that order.
template <typename T>
struct Columns;

template <>
struct Columns<Correspondent> {
  static constexpr std::string_view kind = "correspondent";
  static constexpr std::string_view table = "documents_correspondent";
  static constexpr std::array<std::string_view, 0> extra = {};
  static void decode(RowReader&, Correspondent&) {}
  static Result<SqlParams> encode(const Correspondent&) { return SqlParams{}; }
};

template <>
struct Columns<DocumentType> {
  static constexpr std::string_view kind = "document type";
  static constexpr std::string_view table = "documents_documenttype";
  static constexpr std::array<std::string_view, 0> extra = {};
  static void decode(RowReader&, DocumentType&) {}
  static Result<SqlParams> encode(const DocumentType&) { return SqlParams{}; }
};

template <>
struct Columns<StoragePath> {
  static constexpr std::string_view kind = "storage path";
  static constexpr std::string_view table = "documents_storagepath";
  static constexpr std::array<std::string_view, 1> extra = {"path"};
  static void decode(RowReader& reader, StoragePath& path) { path.path = reader.text(); }
  static Result<SqlParams> encode(const StoragePath& path) {
    if (path.path.empty()) {
      return fail(ErrorCode::invalid_argument,
                  fmt::format("storage path '{}' needs a path template", path.name));
    }
    return SqlParams{to_sql(path.path)};
  }
};

template <>
struct Columns<Tag> {
  static constexpr std::string_view kind = "tag";
  static constexpr std::string_view table = "documents_tag";
  static constexpr std::array<std::string_view, 3> extra = {"color", "is_inbox_tag",
                                                            "tn_parent_id"};
  static void decode(RowReader& reader, Tag& tag) {
    tag.color = reader.text();
    tag.is_inbox_tag = reader.boolean();
    tag.parent_id = reader.optional_integer();
  }
  // TODO(compat): django-treenode's denormalised tn_* columns (ancestor lists, depth, order)
  // keep their defaults; only tn_parent_id is maintained. Nothing in Quire reads them.
  static Result<SqlParams> encode(const Tag& tag) {
    const std::string_view color = tag.color;
    const bool valid = color.size() == 7 && color[0] == '#' &&
                       color.find_first_not_of("0123456789abcdefABCDEF", 1) == std::string::npos;
    if (!valid) {
      return fail(ErrorCode::invalid_argument,
                  fmt::format("tag '{}': invalid color '{}'", tag.name, tag.color));
    }
    return SqlParams{to_sql(tag.color), to_sql(tag.is_inbox_tag), to_sql(tag.parent_id)};
  }
};

template <typename T>
std::string select_sql(std::string_view tail) {
  std::string columns(k_common_columns);
  for (const std::string_view column : Columns<T>::extra) {
    columns += fmt::format(", {}", column);
  }
  return fmt::format("SELECT {} FROM {} {}", columns, Columns<T>::table, tail);
}

template <typename T>
T decode(RowReader& reader) {
  T object;
  object.id = reader.integer();
  object.name = reader.text();
  object.rule.match = reader.text();
  const auto algorithm = reader.integer();
  if (algorithm < 0 || algorithm > static_cast<int>(MatchingAlgorithm::automatic)) {
    reader.invalid(fmt::format("unknown matching algorithm {}", algorithm));
  }
  object.rule.algorithm = static_cast<MatchingAlgorithm>(algorithm);
  object.rule.is_insensitive = reader.boolean();
  object.owner_id = reader.optional_integer();
  Columns<T>::decode(reader, object);
  return object;
}

template <typename T>
Result<std::vector<T>> select(Session& session, std::string_view tail, const SqlParams& params) {
  const std::size_t columns = k_common_column_count + Columns<T>::extra.size();
  return decode_rows<T>(session.query(select_sql<T>(tail), columns, params), Columns<T>::table,
                        decode<T>);
}

Status validate(const MatchingObject& object, std::string_view kind) {
  const std::size_t name_length = character_count(object.name);
  if (name_length == 0 || name_length > k_max_name) {
    return fail(
        ErrorCode::invalid_argument,
        fmt::format("{} name '{}' must have 1 to {} characters", kind, object.name, k_max_name));
  }
  if (character_count(object.rule.match) > k_max_match) {
    return fail(ErrorCode::invalid_argument,
                fmt::format("{} '{}': match must have at most {} characters", kind, object.name,
                            k_max_match));
  }
  return {};
}

constexpr std::string_view k_order_by_name = "ORDER BY lower(name), id";

}  // namespace

template <typename T>
Result<Id> MatchingRepository<T>::create(WriteContext& context, const T& object) {
  if (const Status valid = validate(object, Columns<T>::kind); !valid) {
    return fail(valid.error());
  }
  auto extra_values = Columns<T>::encode(object);
  if (!extra_values) {
    return fail(extra_values.error());
  }

  std::string columns = "name, \"match\", matching_algorithm, is_insensitive, owner_id";
  std::string placeholders = ":name, :match, :algorithm, :insensitive, :owner";
  for (const std::string_view column : Columns<T>::extra) {
    columns += fmt::format(", {}", column);
    placeholders += fmt::format(", :{}", column);
  }
  SqlParams params = {
      to_sql(object.name),
      to_sql(object.rule.match),
      to_sql(static_cast<std::int64_t>(object.rule.algorithm)),
      to_sql(object.rule.is_insensitive),
      to_sql(object.owner_id),
  };
  params.insert(params.end(), extra_values->begin(), extra_values->end());

  auto id = context.session().insert(
      fmt::format("INSERT INTO {} ({}) VALUES ({})", Columns<T>::table, columns, placeholders),
      params);
  if (!id && id.error().code == ErrorCode::conflict) {
    return fail(ErrorCode::conflict, fmt::format("{} '{}' already exists for this owner",
                                                 Columns<T>::kind, object.name));
  }
  return id;
}

template <typename T>
Result<std::optional<T>> MatchingRepository<T>::get(ReadContext& context, Id id) {
  return first_or_none(select<T>(context.session(), "WHERE id = :id", {to_sql(id)}));
}

template <typename T>
Result<std::vector<T>> MatchingRepository<T>::list(ReadContext& context) {
  return select<T>(context.session(), k_order_by_name, {});
}

template <typename T>
Result<std::optional<T>> MatchingRepository<T>::find_by_name_ignoring_case(ReadContext& context,
                                                                           std::string_view name) {
  return first_or_none(select<T>(context.session(), "WHERE lower(name) = lower(:name) ORDER BY id",
                                 {to_sql(std::string(name))}));
}

template <typename T>
Result<std::vector<T>> MatchingRepository<T>::list_where(ReadContext& context,
                                                         std::string_view condition) {
  return select<T>(context.session(), fmt::format("WHERE {} {}", condition, k_order_by_name), {});
}

template class MatchingRepository<Correspondent>;
template class MatchingRepository<DocumentType>;
template class MatchingRepository<StoragePath>;
template class MatchingRepository<Tag>;

}  // namespace quire::storage
