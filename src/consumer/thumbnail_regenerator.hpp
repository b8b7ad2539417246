#pragma once

#include "core/error.hpp"
#include "core/ids.hpp"

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
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

/// What happened to one document's thumbnail.
enum class ThumbnailOutcome {
  regenerated,
  skipped,  ///< no parser for its MIME type, or the document left the library meanwhile
  failed,   ///< its file is missing or unusable, or the thumbnail could not be stored
};

struct ThumbnailReport {
  DocumentId id = 0;
  ThumbnailOutcome outcome = ThumbnailOutcome::regenerated;
  std::string message;  ///< why it was skipped or failed; empty when regenerated
};

struct ThumbnailRunSummary {
  std::size_t regenerated = 0;
  std::size_t skipped = 0;
  std::size_t failed = 0;
};

/// Called once per document as soon as it is done. Calls are serialised (never two at once),
/// but may come from any worker thread.
using ThumbnailCallback = std::function<void(const ThumbnailReport&)>;

/// Rebuilds the thumbnails of stored documents (admin.md §5, `document_thumbnails`). The
/// services must outlive the regenerator. Thread-safe: `regenerate` may run on several
/// threads at once.
class ThumbnailRegenerator {
 public:
  /// Encoded thumbnails are staged in a fresh folder below `scratch_dir` before they are
  /// installed.
  ThumbnailRegenerator(storage::Database& database, media::MediaStore& media,
                       const parsing::ParserRegistry& parsers, std::filesystem::path scratch_dir);

  /// The documents a run covers: every live document, ascending, or just `only`. Fails with
  /// `not_found` when `only` is not a live document.
  [[nodiscard]] Result<std::vector<DocumentId>> targets(std::optional<DocumentId> only) const;

  /// Renders document `id`'s thumbnail from its archive version when it has one (so it
  /// matches what consumption stored), else from its original, with the parser for its MIME
  /// type, and installs it atomically at THUMBNAIL_DIR/{pk:07d}.webp under the media lock. A
  /// parser that cannot render the file gives the generic thumbnail (as consumption does). A
  /// missing file, an unsafe stored name or a legacy GPG-encrypted document fails; the old
  /// thumbnail is then left as it was. Never throws.
  [[nodiscard]] ThumbnailReport regenerate(DocumentId id) const;

  /// Runs `regenerate` for each of `ids` on `workers` threads (the calling thread when 1),
  /// calls `on_done` after each and returns the counts once all are done. Fails with
  /// `invalid_argument` before doing anything when `workers` < 1.
  [[nodiscard]] Result<ThumbnailRunSummary> regenerate_all(std::span<const DocumentId> ids,
                                                           int workers,
                                                           const ThumbnailCallback& on_done) const;

 private:
  storage::Database& m_database;
  media::MediaStore& m_media;
  const parsing::ParserRegistry& m_parsers;
  std::filesystem::path m_scratch_dir;
};

}  // namespace quire::consumer
