#include "media/media_paths.hpp"

#include <fmt/format.h>

namespace quire::media {
namespace {

Result<std::filesystem::path> resolve_stored(const std::filesystem::path& root,
                                             std::string_view relative) {
  auto resolved = resolve_inside(root, relative);
  if (!resolved) return fail(ErrorCode::corruption, resolved.error().message);
  return resolved;
}

}  // namespace

MediaPaths::MediaPaths(std::filesystem::path media_root) : m_media_root(std::move(media_root)) {}

std::filesystem::path MediaPaths::originals_dir() const {
  return m_media_root / "documents" / "originals";
}

std::filesystem::path MediaPaths::archive_dir() const {
  return m_media_root / "documents" / "archive";
}

std::filesystem::path MediaPaths::thumbnails_dir() const {
  return m_media_root / "documents" / "thumbnails";
}

std::filesystem::path MediaPaths::lock_file() const { return m_media_root / "media.lock"; }

Result<std::filesystem::path> MediaPaths::original_path(const Document& document,
                                                        std::string_view extension) const {
  if (document.filename) return resolve_stored(originals_dir(), *document.filename);
  std::string name = default_filename(document.id, extension);
  if (document.storage_type == "gpg") name += ".gpg";
  return originals_dir() / name;
}

Result<std::optional<std::filesystem::path>> MediaPaths::archive_path(
    const Document& document) const {
  if (!document.archive_filename) return std::optional<std::filesystem::path>();
  auto path = resolve_stored(archive_dir(), *document.archive_filename);
  if (!path) return fail(path.error());
  return std::optional<std::filesystem::path>(std::move(*path));
}

std::filesystem::path MediaPaths::thumbnail_path(DocumentId id, Encryption encryption) const {
  return thumbnails_dir() /
         default_filename(id, encryption == Encryption::gpg ? ".webp.gpg" : ".webp");
}

std::string default_filename(DocumentId id, std::string_view extension) {
  return fmt::format("{:07d}{}", id, extension);
}

Result<std::filesystem::path> resolve_inside(const std::filesystem::path& root,
                                             std::string_view relative) {
  const auto refuse = [&](std::string_view why) {
    return fail(ErrorCode::invalid_argument,
                fmt::format("unsafe file name '{}' under '{}': {}", std::string(relative).c_str(),
                            root.string(), why));  // stops at NUL
  };
  if (relative.empty()) return refuse("empty");
  if (relative.find('\0') != std::string_view::npos) return refuse("contains a NUL byte");
  const std::filesystem::path path(relative);
  if (path.is_absolute()) return refuse("absolute path");
  for (const auto& component : path) {
    if (component == "..") return refuse("contains '..'");
  }
  return root / path;
}

}  // namespace quire::media
