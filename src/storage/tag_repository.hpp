#pragma once

#include "core/error.hpp"
#include "core/objects.hpp"
#include "storage/database.hpp"
#include "storage/matching_repository.hpp"

#include <string_view>
#include <vector>

namespace quire::storage {

/// Rows of `documents_tag`, a tree through `tn_parent_id` (deleting a tag deletes its subtree).
/// Adds to `MatchingRepository<Tag>` (create, get, list, find by name) the queries the
/// consumer needs. Stateless: every method takes the transaction it runs in.
class TagRepository : public MatchingRepository<Tag> {
 public:
  /// As `find_by_name_ignoring_case`, creating an unowned tag named `name` (default colour and
  /// matching) when there is none.
  [[nodiscard]] static Result<Tag> find_or_create_by_name_ignoring_case(WriteContext& context,
                                                                        std::string_view name);

  /// The ids of the ancestors of `id`, parent first, root last; empty for a root tag.
  /// Errors: `not_found` for an unknown tag, `corruption` for a cycle in the parent links.
  [[nodiscard]] static Result<std::vector<TagId>> ancestors(ReadContext& context, TagId id);

  /// Tags with `is_inbox_tag` set, ordered by name; attached to every newly consumed document.
  [[nodiscard]] static Result<std::vector<Tag>> inbox_tags(ReadContext& context);
};

}  // namespace quire::storage
