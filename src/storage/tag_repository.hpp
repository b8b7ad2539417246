#pragma once

#include "core/error.hpp"
#include "core/objects.hpp"
#include "storage/database.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace quire::storage {

/// Rows of `documents_tag`, a tree through `tn_parent_id` (deleting a tag deletes its subtree).
/// Stateless: every method takes the transaction it runs in.
class TagRepository {
 public:
  /// Inserts `tag` (its `id` is ignored) and returns the new id. Errors: `invalid_argument` for
  /// an empty or over-long name, a colour other than `#` + 6 hex digits, or an unknown parent
  /// or owner; `conflict` when the owner already has a tag of that name.
  // TODO(compat): django-treenode's denormalised tn_* columns (ancestor lists, depth, order)
  // keep their defaults; only tn_parent_id is maintained. Nothing in Quire reads them.
  [[nodiscard]] static Result<TagId> create(WriteContext& context, const Tag& tag);

  [[nodiscard]] static Result<std::optional<Tag>> get(ReadContext& context, TagId id);

  /// All tags, ordered by name case-insensitively (then id).
  [[nodiscard]] static Result<std::vector<Tag>> list(ReadContext& context);

  /// The oldest tag whose name equals `name` ignoring case (ASCII case only on SQLite),
  /// whoever owns it.
  [[nodiscard]] static Result<std::optional<Tag>> find_by_name_ignoring_case(ReadContext& context,
                                                                             std::string_view name);

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
