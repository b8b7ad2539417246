#include "media/media_store.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <vector>

namespace quire::media {
namespace {

std::shared_ptr<spdlog::logger> media_logger() {
  auto logger = spdlog::get("media");
  return logger ? logger : spdlog::default_logger();
}

Status create_parent(const std::filesystem::path& target) {
  std::error_code error;
  std::filesystem::create_directories(target.parent_path(), error);
  if (!error) return {};
  return fail(ErrorCode::io, fmt::format("cannot create folder '{}': {}",
                                         target.parent_path().string(), error.message()));
}

Result<util::UniqueFd> open_lock_file(const MediaPaths& paths) {
  std::error_code error;
  std::filesystem::create_directories(paths.media_root(), error);
  if (error) {
    return fail(ErrorCode::io, fmt::format("cannot create media folder '{}': {}",
                                           paths.media_root().string(), error.message()));
  }
  util::UniqueFd fd(::open(paths.lock_file().c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
  if (!fd.valid()) {
    return fail(ErrorCode::io, fmt::format("cannot open lock file '{}': {}",
                                           paths.lock_file().string(), std::strerror(errno)));
  }
  return fd;
}

/// `path` without "." / ".." segments and without a trailing separator.
std::filesystem::path normalized(const std::filesystem::path& path) {
  std::filesystem::path normal = path.lexically_normal();
  if (!normal.has_filename() && normal.has_relative_path()) normal = normal.parent_path();
  return normal;
}

/// Whether `path` lies inside `root` (or is `root`), comparing normalised paths.
bool is_inside(const std::filesystem::path& path, const std::filesystem::path& root) {
  const auto relative = normalized(path).lexically_relative(normalized(root));
  return !relative.empty() && *relative.begin() != "..";
}

}  // namespace

// --- MediaLock -----------------------------------------------------------------------------

Result<MediaLock> MediaLock::acquire(const MediaPaths& paths) {
  auto fd = open_lock_file(paths);
  if (!fd) return fail(fd.error());
  while (::flock(fd->get(), LOCK_EX) != 0) {
    if (errno == EINTR) continue;
    return fail(ErrorCode::io, fmt::format("cannot lock '{}': {}", paths.lock_file().string(),
                                           std::strerror(errno)));
  }
  return MediaLock(std::move(*fd));
}

Result<std::optional<MediaLock>> MediaLock::try_acquire(const MediaPaths& paths) {
  auto fd = open_lock_file(paths);
  if (!fd) return fail(fd.error());
  if (::flock(fd->get(), LOCK_EX | LOCK_NB) == 0) {
    return std::optional<MediaLock>(MediaLock(std::move(*fd)));
  }
  if (errno == EWOULDBLOCK) return std::optional<MediaLock>();
  return fail(ErrorCode::io, fmt::format("cannot lock '{}': {}", paths.lock_file().string(),
                                         std::strerror(errno)));
}

// --- MediaStore ----------------------------------------------------------------------------

MediaStore::MediaStore(MediaPaths paths) : m_paths(std::move(paths)) {}

std::filesystem::path MediaStore::root(FileKind kind) const {
  return kind == FileKind::archive ? m_paths.archive_dir() : m_paths.originals_dir();
}

Status MediaStore::store_file(FileKind kind, const std::filesystem::path& source,
                              std::string_view relative_name) {
  auto target = resolve_inside(root(kind), relative_name);
  if (!target) return fail(target.error());
  if (auto parent = create_parent(*target); !parent) return parent;
  return util::copy_file_atomically(source, *target, util::Overwrite::no);
}

Status MediaStore::store_bytes(FileKind kind, std::span<const std::byte> data,
                               std::string_view relative_name) {
  auto target = resolve_inside(root(kind), relative_name);
  if (!target) return fail(target.error());
  if (auto parent = create_parent(*target); !parent) return parent;
  return util::write_file_atomically(*target, data, util::Overwrite::no);
}

Status MediaStore::store_thumbnail(DocumentId id, const std::filesystem::path& source,
                                   Encryption encryption) {
  const std::filesystem::path target = m_paths.thumbnail_path(id, encryption);
  if (auto parent = create_parent(target); !parent) return parent;
  return util::copy_file_atomically(source, target, util::Overwrite::yes);
}

Status MediaStore::relocate(std::span<const Relocation> moves) {
  struct Planned {
    std::filesystem::path from;
    std::filesystem::path to;
    FileKind kind;
  };
  std::vector<Planned> planned;
  for (const Relocation& move : moves) {
    auto from = resolve_inside(root(move.kind), move.old_name);
    if (!from) return fail(from.error());
    auto to = resolve_inside(root(move.kind), move.new_name);
    if (!to) return fail(to.error());
    planned.push_back(Planned{std::move(*from), std::move(*to), move.kind});
  }

  std::size_t done = 0;
  Status outcome;
  for (; done < planned.size(); ++done) {
    const Planned& move = planned[done];
    if (!std::filesystem::exists(move.from)) {
      outcome =
          fail(ErrorCode::not_found, fmt::format("file doesn't exist: '{}'", move.from.string()));
      break;
    }
    if (std::filesystem::exists(move.to)) {
      outcome =
          fail(ErrorCode::conflict, fmt::format("target already exists: '{}'", move.to.string()));
      break;
    }
    outcome = create_parent(move.to);
    if (outcome) outcome = util::move_file(move.from, move.to, util::Overwrite::no);
    if (!outcome) break;
  }

  if (!outcome) {
    // Put back what already moved, newest first; a failure here leaves the file at its new
    // name, which the warning below reports.
    for (std::size_t undo = done; undo-- > 0;) {
      if (auto back = util::move_file(planned[undo].to, planned[undo].from); !back) {
        media_logger()->warn(
            "cannot move file back after a failed rename from=\"{}\" "
            "to=\"{}\" reason=\"{}\"",
            planned[undo].to.string(), planned[undo].from.string(), back.error().message);
      }
    }
  }

  for (const Planned& move : planned) {
    if (!std::filesystem::exists(move.from)) {
      delete_empty_directories(move.from.parent_path(), root(move.kind));
    }
    // Folders created for a move that was undone (or never happened) are not left behind.
    if (!outcome && !std::filesystem::exists(move.to)) {
      delete_empty_directories(move.to.parent_path(), root(move.kind));
    }
  }
  return outcome;
}

Status MediaStore::remove_file(FileKind kind, std::string_view relative_name) {
  auto target = resolve_inside(root(kind), relative_name);
  if (!target) return fail(target.error());
  std::error_code error;
  std::filesystem::remove(*target, error);
  if (error) {
    return fail(ErrorCode::io,
                fmt::format("cannot delete '{}': {}", target->string(), error.message()));
  }
  delete_empty_directories(target->parent_path(), root(kind));
  return {};
}

void delete_empty_directories(const std::filesystem::path& directory,
                              const std::filesystem::path& root) {
  std::error_code error;
  if (!std::filesystem::is_directory(directory, error)) return;
  if (!is_inside(directory, root)) return;

  std::filesystem::path current = normalized(directory);
  const std::filesystem::path stop = normalized(root);
  while (current != stop && current.has_relative_path()) {
    if (!std::filesystem::is_empty(current, error) || error) return;
    // Failing to remove an empty folder is harmless; stop quietly.
    if (!std::filesystem::remove(current, error) || error) return;
    current = current.parent_path();
  }
}

}  // namespace quire::media
