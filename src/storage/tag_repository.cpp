#include "storage/tag_repository.hpp"

#include "storage/session.hpp"
#include "storage/sql_values.hpp"

#include <fmt/format.h>

#include <set>

namespace quire::storage {

Result<Tag> TagRepository::find_or_create_by_name_ignoring_case(WriteContext& context,
                                                                std::string_view name) {
  auto found = find_by_name_ignoring_case(context, name);
  if (!found) {
    return fail(found.error());
  }
  if (*found) {
    return std::move(**found);
  }
  Tag tag;
  tag.name = std::string(name);
  auto id = create(context, tag);
  if (!id) {
    return fail(id.error());
  }
  tag.id = *id;
  return tag;
}

Result<std::vector<TagId>> TagRepository::ancestors(ReadContext& context, TagId id) {
  std::vector<TagId> chain;
  std::set<TagId> seen = {id};
  TagId current = id;
  while (true) {
    auto parent = context.session().query_one(
        "SELECT tn_parent_id FROM documents_tag WHERE id = :id", 1, {to_sql(current)});
    if (!parent) {
      return fail(parent.error());
    }
    if (!*parent) {
      return current == id ? fail(ErrorCode::not_found, fmt::format("no tag with id {}", id))
                           : fail(ErrorCode::corruption,
                                  fmt::format("tag {} has a missing parent {}", id, current));
    }
    RowReader reader(**parent, "documents_tag");
    const auto parent_id = reader.optional_integer();
    if (const Status status = reader.status(); !status) {
      return fail(status.error());
    }
    if (!parent_id) {
      return chain;
    }
    if (!seen.insert(*parent_id).second) {
      return fail(ErrorCode::corruption,
                  fmt::format("tag {} has a cycle in its parents at tag {}", id, *parent_id));
    }
    chain.push_back(*parent_id);
    current = *parent_id;
  }
}

Result<std::vector<Tag>> TagRepository::inbox_tags(ReadContext& context) {
  return list_where(context,
                    fmt::format("is_inbox_tag = {}", context.session().bool_literal(true)));
}

}  // namespace quire::storage
