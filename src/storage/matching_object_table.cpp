#include "storage/matching_object_table.hpp"

#include <fmt/format.h>

namespace quire::storage {
namespace {

constexpr std::size_t k_max_name = 128;
constexpr std::size_t k_max_match = 256;

}  // namespace

std::string MatchingTable::select_list() const {
  std::string list(k_matching_columns);
  for (const std::string_view column : extra_columns) {
    list += ", ";
    list += column;
  }
  return list;
}

void decode_matching(RowReader& reader, MatchingObject& object) {
  object.id = reader.integer();
  object.name = reader.text();
  object.rule.match = reader.text();
  const auto algorithm = reader.integer();
  object.rule.algorithm = algorithm >= 0 && algorithm <= 6
                              ? static_cast<MatchingAlgorithm>(algorithm)
                              : MatchingAlgorithm::none;
  object.rule.is_insensitive = reader.boolean();
  object.owner_id = reader.optional_integer();
}

Status validate_matching(const MatchingObject& object, std::string_view kind) {
  const std::size_t name_length = utf8_length(object.name);
  if (name_length == 0 || name_length > k_max_name) {
    return fail(
        ErrorCode::invalid_argument,
        fmt::format("{} name '{}' must have 1 to {} characters", kind, object.name, k_max_name));
  }
  if (utf8_length(object.rule.match) > k_max_match) {
    return fail(ErrorCode::invalid_argument,
                fmt::format("{} '{}': match must have at most {} characters", kind, object.name,
                            k_max_match));
  }
  return {};
}

Result<Id> insert_matching(Session& session, const MatchingTable& table,
                           const MatchingObject& object, SqlParams extra_values) {
  if (const Status valid = validate_matching(object, table.kind); !valid) {
    return fail(valid.error());
  }
  std::string columns = "name, \"match\", matching_algorithm, is_insensitive, owner_id";
  std::string placeholders = ":name, :match, :algorithm, :insensitive, :owner";
  for (const std::string_view column : table.extra_columns) {
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
  params.insert(params.end(), extra_values.begin(), extra_values.end());
  auto id = session.insert(
      fmt::format("INSERT INTO {} ({}) VALUES ({})", table.table, columns, placeholders), params);
  if (!id && id.error().code == ErrorCode::conflict) {
    return fail(ErrorCode::conflict,
                fmt::format("{} '{}' already exists for this owner", table.kind, object.name));
  }
  return id;
}

std::size_t utf8_length(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) {
    // Count every byte except UTF-8 continuation bytes (10xxxxxx).
    count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  }
  return count;
}

}  // namespace quire::storage
