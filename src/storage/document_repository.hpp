#pragma once

#include "core/document.hpp"
#include "core/error.hpp"
#include "storage/database.hpp"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quire::storage {

/// A document found by a uniqueness lookup, which also searches the trash.
struct DocumentMatch {
  Document document;
  bool in_trash = false;  ///< `document.deleted_at` is set
};

/// Rows of `documents_document` and their tag links (`documents_document_tags`).
/// Stateless: every method takes the transaction it runs in, so a caller can insert a document,
/// link its tags and set its file names in one `Database::write`:
///
///     database.write([&](WriteContext& tx) -> Result<DocumentId> {
///       auto id = DocumentRepository::insert(tx, document);
///       if (!id) return id;
///       auto named = DocumentRepository::set_filenames(tx, *id, "a.pdf", "a.pdf");
///       if (!named) return fail(named.error());
///       return id;
///     });
///
/// Methods that change rows return `not_found` when no document has the given id.
class DocumentRepository {
 public:
  /// Whether a lookup by id sees documents in the trash.
  enum class Trash { exclude, include };

  /// Inserts `document` with its tag links (duplicates ignored) and returns the new id.
  /// `document.id` is ignored; `modified` is set to now; `added` is kept when set, otherwise
  /// now. Errors: `conflict` when the checksum, ASN, filename or archive filename is already
  /// used (by any document, trashed or not); `invalid_argument` for a title over 128
  /// characters, an empty checksum, or an unknown tag, correspondent, type, path or owner.
  [[nodiscard]] static Result<DocumentId> insert(WriteContext& context, const Document& document);

  /// Writes every column of `document` (found by `document.id`; `added` included, `modified`
  /// set to now) and replaces its tag set. Same errors as `insert`.
  [[nodiscard]] static Status update(WriteContext& context, const Document& document);

  [[nodiscard]] static Result<std::optional<Document>> get(ReadContext& context, DocumentId id,
                                                           Trash trash = Trash::exclude);

  /// The document whose original or archive checksum is `md5`, trashed or not: the duplicate
  /// check of consumption. When several match, the oldest.
  [[nodiscard]] static Result<std::optional<DocumentMatch>> find_by_checksum_or_archive_checksum(
      ReadContext& context, std::string_view md5);

  /// The document holding archive serial number `asn`, trashed or not.
  [[nodiscard]] static Result<std::optional<DocumentMatch>> find_by_asn(ReadContext& context,
                                                                        std::uint32_t asn);

  /// Ids of all documents not in the trash, ascending.
  [[nodiscard]] static Result<std::vector<DocumentId>> list_live_ids(ReadContext& context);

  /// Documents not in the trash with id greater than `after`, ascending, at most `limit` of
  /// them: page through large libraries (renamer, thumbnails) without loading every content.
  [[nodiscard]] static Result<std::vector<Document>> list_live(
      ReadContext& context, DocumentId after = 0,
      std::size_t limit = std::numeric_limits<std::size_t>::max());

  /// Sets both file names (null clears); `modified` is left alone, as paperless-ngx does for
  /// file moves.
  [[nodiscard]] static Status set_filenames(WriteContext& context, DocumentId id,
                                            const std::optional<std::string>& filename,
                                            const std::optional<std::string>& archive_filename);

  [[nodiscard]] static Status set_checksums(WriteContext& context, DocumentId id,
                                            std::string_view checksum,
                                            const std::optional<std::string>& archive_checksum);

  /// Deletes the row for good, with its tag links, notes, custom field values and share links
  /// (ON DELETE CASCADE). Files on disk are the caller's business.
  [[nodiscard]] static Status hard_delete(WriteContext& context, DocumentId id);

  /// One more than the highest archive serial number in use, counting the trash (so the
  /// proposal never collides with a trashed document, unlike paperless-ngx); 1 when none.
  /// Errors: `conflict` when 4294967295 is taken.
  [[nodiscard]] static Result<std::uint32_t> next_asn(ReadContext& context);
};

}  // namespace quire::storage
