#include "storage/document_type_repository.hpp"

#include "storage/matching_object_table.hpp"

namespace quire::storage {
namespace {

const MatchingTable k_table{"document type", "documents_documenttype", {}};

DocumentType decode(RowReader& reader) {
  DocumentType object;
  decode_matching(reader, object);
  return object;
}

}  // namespace

Result<DocumentTypeId> DocumentTypeRepository::create(WriteContext& context,
                                                      const DocumentType& object) {
  return insert_matching(context.session(), k_table, object, {});
}

Result<std::optional<DocumentType>> DocumentTypeRepository::get(ReadContext& context,
                                                                DocumentTypeId id) {
  return get_by_id<DocumentType>(context.session(), k_table, id, decode);
}

Result<std::vector<DocumentType>> DocumentTypeRepository::list(ReadContext& context) {
  return list_by_name<DocumentType>(context.session(), k_table, decode);
}

Result<std::optional<DocumentType>> DocumentTypeRepository::find_by_name_ignoring_case(
    ReadContext& context, std::string_view name) {
  return find_by_name<DocumentType>(context.session(), k_table, name, decode);
}

}  // namespace quire::storage
