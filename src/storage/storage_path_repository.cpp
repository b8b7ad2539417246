#include "storage/storage_path_repository.hpp"

#include "storage/matching_object_table.hpp"

#include <fmt/format.h>

namespace quire::storage {
namespace {

const MatchingTable k_table{"storage path", "documents_storagepath", {"path"}};

StoragePath decode(RowReader& reader) {
  StoragePath object;
  decode_matching(reader, object);
  object.path = reader.text();
  return object;
}

}  // namespace

Result<StoragePathId> StoragePathRepository::create(WriteContext& context,
                                                    const StoragePath& object) {
  if (object.path.empty()) {
    return fail(ErrorCode::invalid_argument,
                fmt::format("storage path '{}' needs a path template", object.name));
  }
  return insert_matching(context.session(), k_table, object, {to_sql(object.path)});
}

Result<std::optional<StoragePath>> StoragePathRepository::get(ReadContext& context,
                                                              StoragePathId id) {
  return get_by_id<StoragePath>(context.session(), k_table, id, decode);
}

Result<std::vector<StoragePath>> StoragePathRepository::list(ReadContext& context) {
  return list_by_name<StoragePath>(context.session(), k_table, decode);
}

Result<std::optional<StoragePath>> StoragePathRepository::find_by_name_ignoring_case(
    ReadContext& context, std::string_view name) {
  return find_by_name<StoragePath>(context.session(), k_table, name, decode);
}

}  // namespace quire::storage
