#include "storage/tag_repository.hpp"

#include "storage/matching_object_table.hpp"

#include <fmt/format.h>

#include <set>

namespace quire::storage {
namespace {

const MatchingTable k_table{"tag", "documents_tag", {"color", "is_inbox_tag", "tn_parent_id"}};

Tag decode(RowReader& reader) {
  Tag tag;
  decode_matching(reader, tag);
  tag.color = reader.text();
  tag.is_inbox_tag = reader.boolean();
  tag.parent_id = reader.optional_integer();
  return tag;
}

bool is_color(std::string_view color) {
  if (color.size() != 7 || color[0] != '#') {
    return false;
  }
  return color.substr(1).find_first_not_of("0123456789abcdefABCDEF") == std::string_view::npos;
}

}  // namespace

Result<TagId> TagRepository::create(WriteContext& context, const Tag& tag) {
  if (!is_color(tag.color)) {
    return fail(ErrorCode::invalid_argument,
                fmt::format("tag '{}': invalid color '{}'", tag.name, tag.color));
  }
  return insert_matching(context.session(), k_table, tag,
                         {to_sql(tag.color), to_sql(tag.is_inbox_tag), to_sql(tag.parent_id)});
}

Result<std::optional<Tag>> TagRepository::get(ReadContext& context, TagId id) {
  return get_by_id<Tag>(context.session(), k_table, id, decode);
}

Result<std::vector<Tag>> TagRepository::list(ReadContext& context) {
  return list_by_name<Tag>(context.session(), k_table, decode);
}

Result<std::optional<Tag>> TagRepository::find_by_name_ignoring_case(ReadContext& context,
                                                                     std::string_view name) {
  return find_by_name<Tag>(context.session(), k_table, name, decode);
}

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
  const std::string tail = fmt::format("WHERE is_inbox_tag = {} {}",
                                       context.session().bool_literal(true), k_order_by_name);
  return select_objects<Tag>(context.session(), k_table, tail, {}, decode);
}

}  // namespace quire::storage
