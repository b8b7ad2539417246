#pragma once

#include "core/document.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace quire::media {

/// Whether a file belongs to a legacy GPG-encrypted document (names then end in ".gpg").
enum class Encryption { none, gpg };

/// The folders and file locations under MEDIA_ROOT (admin.md §0.1). Pure path arithmetic: no
/// call here touches the disk.
class MediaPaths {
 public:
  explicit MediaPaths(std::filesystem::path media_root);

  [[nodiscard]] const std::filesystem::path& media_root() const { return m_media_root; }
  /// MEDIA_ROOT/documents/originals
  [[nodiscard]] std::filesystem::path originals_dir() const;
  /// MEDIA_ROOT/documents/archive
  [[nodiscard]] std::filesystem::path archive_dir() const;
  /// MEDIA_ROOT/documents/thumbnails
  [[nodiscard]] std::filesystem::path thumbnails_dir() const;
  /// MEDIA_ROOT/media.lock, the inter-process lock guarding every move or write in media.
  [[nodiscard]] std::filesystem::path lock_file() const;

  /// Where the original of `document` lives: ORIGINALS_DIR/filename, or, with no filename,
  /// the default name `{pk:07d}` + `extension` (+ ".gpg" for legacy encrypted documents).
  /// Fails with `corruption` when the stored filename is not a safe relative name.
  [[nodiscard]] Result<std::filesystem::path> original_path(const Document& document,
                                                            std::string_view extension) const;

  /// ARCHIVE_DIR/archive_filename, or nullopt when the document has no archive version.
  /// Fails with `corruption` when the stored name is not a safe relative name.
  [[nodiscard]] Result<std::optional<std::filesystem::path>> archive_path(
      const Document& document) const;

  /// THUMBNAIL_DIR/{pk:07d}.webp (".webp.gpg" for legacy encrypted documents).
  [[nodiscard]] std::filesystem::path thumbnail_path(
      DocumentId id, Encryption encryption = Encryption::none) const;

 private:
  std::filesystem::path m_media_root;
};

/// `{pk:07d}` + `extension`: `default_filename(42, ".pdf")` is "0000042.pdf".
[[nodiscard]] std::string default_filename(DocumentId id, std::string_view extension);

/// `root / relative` when `relative` is a safe relative name: not empty, not absolute, no
/// NUL byte, no `..` component. Anything else fails with `invalid_argument` naming the name,
/// so that a name from the database or a template can never reach outside `root`.
[[nodiscard]] Result<std::filesystem::path> resolve_inside(const std::filesystem::path& root,
                                                           std::string_view relative);

}  // namespace quire::media
