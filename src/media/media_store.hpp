#pragma once

#include "core/error.hpp"
#include "core/ids.hpp"
#include "media/filename_generator.hpp"
#include "media/media_paths.hpp"
#include "util/atomic_file.hpp"
#include "util/unique_fd.hpp"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace quire::media {

/// An exclusive inter-process lock on MEDIA_ROOT/media.lock (flock), held while the object
/// lives. Every write or move under the media folder happens under it, as in paperless-ngx.
/// Movable, not copyable; the lock is released on destruction or when the process dies.
class MediaLock {
 public:
  /// Blocks until the lock is free. Creates MEDIA_ROOT and the lock file when missing. Fails
  /// with `io` when the file cannot be opened or locked.
  [[nodiscard]] static Result<MediaLock> acquire(const MediaPaths& paths);

  /// Takes the lock if it is free now; nullopt when another holder has it.
  [[nodiscard]] static Result<std::optional<MediaLock>> try_acquire(const MediaPaths& paths);

  /// Releases the lock early (the destructor does the same).
  void release() { m_fd.reset(); }

 private:
  explicit MediaLock(util::UniqueFd fd) : m_fd(std::move(fd)) {}
  util::UniqueFd m_fd;  ///< closing it releases the flock
};

/// One file to move when a document's name changes: old and new names relative to the
/// originals or archive folder.
struct Relocation {
  FileKind kind = FileKind::original;
  std::string old_name;
  std::string new_name;
};

/// Writes and moves the files of documents under MEDIA_ROOT. Every write is atomic (temporary
/// file, fsync, rename, folder fsync), so a crash never leaves a partial original, archive or
/// thumbnail. Relative names are checked with `resolve_inside`: none can leave its folder.
/// The store does not take `MediaLock` itself; callers hold it around a whole operation.
class MediaStore {
 public:
  explicit MediaStore(MediaPaths paths);

  [[nodiscard]] const MediaPaths& paths() const { return m_paths; }

  /// The originals or archive folder.
  [[nodiscard]] std::filesystem::path root(FileKind kind) const;

  /// Copies `source` to `relative_name` in the originals or archive folder, creating folders.
  /// Never replaces an existing file (`conflict`).
  [[nodiscard]] Status store_file(FileKind kind, const std::filesystem::path& source,
                                  std::string_view relative_name);

  /// Writes `data` to `relative_name` in the originals or archive folder (same rules).
  [[nodiscard]] Status store_bytes(FileKind kind, std::span<const std::byte> data,
                                   std::string_view relative_name);

  /// Installs `source` as the thumbnail of document `id`, replacing an older one.
  [[nodiscard]] Status store_thumbnail(DocumentId id, const std::filesystem::path& source,
                                       Encryption encryption = Encryption::none);

  /// Moves files to their new names (admin.md §9.7 steps 5, 7 and 8): each old file must exist
  /// (`not_found`, "file doesn't exist") and each new name must be free (`conflict`, "target
  /// already exists"); parent folders are created. On any failure the files already moved are
  /// moved back (best effort), folders created for them are removed again and the error is
  /// returned. Either way, folders left empty at the old locations are removed up to the
  /// originals or archive folder.
  [[nodiscard]] Status relocate(std::span<const Relocation> moves);

  /// Deletes a stored file and the folders it leaves empty. A missing file is not an error.
  [[nodiscard]] Status remove_file(FileKind kind, std::string_view relative_name);

 private:
  MediaPaths m_paths;
};

/// Removes `directory` if it is empty, then its parents while they are empty, stopping at
/// `root` (never removed) or at the first failure (admin.md §9.8). Does nothing unless
/// `directory` is an existing folder inside `root`.
void delete_empty_directories(const std::filesystem::path& directory,
                              const std::filesystem::path& root);

}  // namespace quire::media
