#pragma once

#include "core/error.hpp"
#include "core/objects.hpp"
#include "storage/database.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace quire::storage {

/// Rows of one matching-model table (§9.2 of api.md): `documents_correspondent`,
/// `documents_documenttype`, `documents_storagepath` or `documents_tag`, chosen by `T`.
/// Stateless: every method takes the transaction it runs in, so calls can be combined inside
/// one `Database::write`. Use the aliases `CorrespondentRepository`, `DocumentTypeRepository`,
/// `StoragePathRepository`, or `TagRepository`, which adds the tree and inbox queries.
template <typename T>
class MatchingRepository {
 public:
  using Object = T;

  /// Inserts `object` (its `id` is ignored) and returns the new id. Errors:
  /// `invalid_argument` for an empty or over-long (128 characters) name, an over-long match
  /// (256), an unknown owner, or a bad type-specific column (an empty storage path template, a
  /// tag colour other than `#` + 6 hex digits, an unknown parent tag); `conflict` when the
  /// owner (or, for unowned rows, anyone unowned) already has that name.
  [[nodiscard]] static Result<Id> create(WriteContext& context, const T& object);

  [[nodiscard]] static Result<std::optional<T>> get(ReadContext& context, Id id);

  /// All rows, ordered by name case-insensitively (then id), whoever owns them.
  [[nodiscard]] static Result<std::vector<T>> list(ReadContext& context);

  /// The oldest row whose name equals `name` ignoring case (ASCII case only on SQLite),
  /// whoever owns it.
  [[nodiscard]] static Result<std::optional<T>> find_by_name_ignoring_case(ReadContext& context,
                                                                           std::string_view name);

 protected:
  /// Rows matching the SQL `condition` (no parameters), in list order; for subclasses.
  [[nodiscard]] static Result<std::vector<T>> list_where(ReadContext& context,
                                                         std::string_view condition);
};

extern template class MatchingRepository<Correspondent>;
extern template class MatchingRepository<DocumentType>;
extern template class MatchingRepository<StoragePath>;
extern template class MatchingRepository<Tag>;

}  // namespace quire::storage
