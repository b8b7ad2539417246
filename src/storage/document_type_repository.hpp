#pragma once

#include "core/error.hpp"
#include "core/objects.hpp"
#include "storage/database.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace quire::storage {

/// Rows of `documents_documenttype`. Stateless: every method takes the transaction it runs in, so
/// calls can be combined inside one `Database::write`.
class DocumentTypeRepository {
 public:
  /// Inserts `document_type` (its `id` is ignored) and returns the new id. Errors:
  /// `invalid_argument` for an empty or over-long name or an unknown owner, `conflict` when
  /// the owner (or, for unowned rows, anyone unowned) already has that name.
  [[nodiscard]] static Result<DocumentTypeId> create(WriteContext& context,
                                                     const DocumentType& document_type);

  [[nodiscard]] static Result<std::optional<DocumentType>> get(ReadContext& context,
                                                               DocumentTypeId id);

  /// All rows, ordered by name case-insensitively (then id).
  [[nodiscard]] static Result<std::vector<DocumentType>> list(ReadContext& context);

  /// The oldest row whose name equals `name` ignoring case (ASCII case only on SQLite).
  [[nodiscard]] static Result<std::optional<DocumentType>> find_by_name_ignoring_case(
      ReadContext& context, std::string_view name);
};

}  // namespace quire::storage
