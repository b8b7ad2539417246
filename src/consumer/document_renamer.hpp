#pragma once

#include "core/error.hpp"
#include "core/ids.hpp"
#include "media/filename_generator.hpp"

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace quire::storage {
class Database;
}
namespace quire::media {
class MediaStore;
}
namespace quire::parsing {
class ParserRegistry;
}

namespace quire::consumer {

/// How file names are made (PAPERLESS_FILENAME_FORMAT, _REMOVE_NONE, PAPERLESS_TIME_ZONE).
struct RenameOptions {
  media::FilenameOptions filenames;
  std::string time_zone = "UTC";  ///< for the `added` date placeholders
};

/// What the rename hook did to one document.
enum class RenameOutcome {
  renamed,    ///< at least one file moved; the row holds the new names
  unchanged,  ///< the names are still right (or the document has no stored file yet)
  failed,     ///< nothing moved and the row keeps the old names; see the message
};

struct RenameReport {
  DocumentId id = 0;
  RenameOutcome outcome = RenameOutcome::unchanged;
  std::string message;  ///< why it failed; empty otherwise
};

struct RenameSummary {
  std::size_t renamed = 0;
  std::size_t unchanged = 0;
  std::size_t failed = 0;
};

/// Called once per document, on the calling thread, as soon as it is done.
using RenameCallback = std::function<void(const RenameReport&)>;

/// Moves documents' files to the names the current template gives them: paperless-ngx's
/// "document saved" rename hook (admin.md §9.7) and the `document_renamer` command (§8). The
/// services must outlive the renamer. Thread-safe; renames are serialised by the media lock.
class DocumentRenamer {
 public:
  DocumentRenamer(storage::Database& database, media::MediaStore& media,
                  const parsing::ParserRegistry& parsers, RenameOptions options);

  /// The rename hook for document `id` (trashed or not). Under the media lock it reloads the
  /// row, computes the unique original name and, when the document has an archive version, the
  /// unique archive name (admin.md §9.6; a name the template still gives is kept), moves the
  /// files whose names changed and stores the new names, setting `modified` to now. A
  /// document whose names did not change only gets `modified` = now, as in paperless-ngx; one
  /// without a stored file is left alone.
  ///
  /// Failures (an old file missing, a new name taken, a database or file-system error) leave
  /// the files at their old names and the row as it was, and return the error, naming the
  /// file. Folders left empty by a move are removed up to the originals or archive folder.
  /// Blocks on the media lock and the database writer.
  [[nodiscard]] Result<RenameOutcome> rename(DocumentId id) const;

  /// Ids of every document not in the trash, ascending: what `document_renamer` covers.
  [[nodiscard]] Result<std::vector<DocumentId>> live_documents() const;

  /// `rename` for each of `ids` in order; a failure is reported through `on_done` and the
  /// next document is tried. Returns the counts.
  [[nodiscard]] RenameSummary rename_all(std::span<const DocumentId> ids,
                                         const RenameCallback& on_done) const;

 private:
  storage::Database& m_database;
  media::MediaStore& m_media;
  const parsing::ParserRegistry& m_parsers;
  RenameOptions m_options;
};

}  // namespace quire::consumer
