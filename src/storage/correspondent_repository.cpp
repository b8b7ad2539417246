#include "storage/correspondent_repository.hpp"

#include "storage/matching_object_table.hpp"

namespace quire::storage {
namespace {

const MatchingTable k_table{"correspondent", "documents_correspondent", {}};

Correspondent decode(RowReader& reader) {
  Correspondent object;
  decode_matching(reader, object);
  return object;
}

}  // namespace

Result<CorrespondentId> CorrespondentRepository::create(WriteContext& context,
                                                        const Correspondent& object) {
  return insert_matching(context.session(), k_table, object, {});
}

Result<std::optional<Correspondent>> CorrespondentRepository::get(ReadContext& context,
                                                                  CorrespondentId id) {
  return get_by_id<Correspondent>(context.session(), k_table, id, decode);
}

Result<std::vector<Correspondent>> CorrespondentRepository::list(ReadContext& context) {
  return list_by_name<Correspondent>(context.session(), k_table, decode);
}

Result<std::optional<Correspondent>> CorrespondentRepository::find_by_name_ignoring_case(
    ReadContext& context, std::string_view name) {
  return find_by_name<Correspondent>(context.session(), k_table, name, decode);
}

}  // namespace quire::storage
