#include "util/atomic_file.hpp"

#include "util/unique_fd.hpp"

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace quire::util {
namespace {

std::string describe_errno(std::string_view action, const std::filesystem::path& path,
                           int error_number) {
  std::string message(action);
  message += " '";
  message += path.string();
  message += "': ";
  message += std::strerror(error_number);
  return message;
}

tl::unexpected<Error> io_failure(std::string_view action, const std::filesystem::path& path) {
  return fail(ErrorCode::io, describe_errno(action, path, errno));
}

/// Closes `fd` now and reports a failed close, which can be the first sign of a failed write.
bool close_checked(UniqueFd& fd) { return ::close(fd.release()) == 0; }

class FdWriter final : public AtomicWriter {
 public:
  FdWriter(int fd, const std::filesystem::path& path) : m_fd(fd), m_path(path) {}

  using AtomicWriter::write;
  Status write(std::span<const std::byte> data) override {
    while (!data.empty()) {
      const ssize_t written = ::write(m_fd, data.data(), data.size());
      if (written < 0 && errno == EINTR) continue;
      if (written < 0) return io_failure("cannot write", m_path);
      data = data.subspan(static_cast<std::size_t>(written));
    }
    return {};
  }

 private:
  int m_fd;
  const std::filesystem::path& m_path;
};

/// Removes the temporary file unless the write was committed.
class TempFileGuard {
 public:
  explicit TempFileGuard(std::filesystem::path path) : m_path(std::move(path)) {}
  ~TempFileGuard() {
    if (!m_committed) ::unlink(m_path.c_str());
  }
  TempFileGuard(const TempFileGuard&) = delete;
  TempFileGuard& operator=(const TempFileGuard&) = delete;

  void commit() { m_committed = true; }

 private:
  std::filesystem::path m_path;
  bool m_committed = false;
};

/// Moves `temp` onto `target`. Without overwrite, renameat2(RENAME_NOREPLACE) refuses an
/// existing target atomically; file systems lacking it fall back to link(), which also refuses.
Status publish(const std::filesystem::path& temp, const std::filesystem::path& target,
               Overwrite overwrite) {
  if (overwrite == Overwrite::yes) {
    if (::rename(temp.c_str(), target.c_str()) != 0)
      return io_failure("cannot rename onto", target);
    return {};
  }
  if (::renameat2(AT_FDCWD, temp.c_str(), AT_FDCWD, target.c_str(), RENAME_NOREPLACE) == 0) {
    return {};
  }
  if (errno == EEXIST) {
    return fail(ErrorCode::conflict, "file already exists: '" + target.string() + "'");
  }
  if (errno != EINVAL && errno != ENOSYS) return io_failure("cannot rename onto", target);
  if (::link(temp.c_str(), target.c_str()) != 0) {
    if (errno == EEXIST) {
      return fail(ErrorCode::conflict, "file already exists: '" + target.string() + "'");
    }
    return io_failure("cannot link", target);
  }
  ::unlink(temp.c_str());
  return {};
}

}  // namespace

Status AtomicWriter::write(std::string_view text) {
  return write(std::as_bytes(std::span<const char>(text.data(), text.size())));
}

Status sync_directory(const std::filesystem::path& directory) {
  const std::filesystem::path folder = directory.empty() ? "." : directory;
  UniqueFd fd(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd.valid()) return io_failure("cannot open folder", folder);
  if (::fsync(fd.get()) != 0) return io_failure("cannot sync folder", folder);
  return {};
}

Status write_file_atomically(const std::filesystem::path& target, const FillFunction& fill,
                             Overwrite overwrite) {
  if (target.filename().empty()) {
    return fail(ErrorCode::invalid_argument, "not a file path: '" + target.string() + "'");
  }
  if (overwrite == Overwrite::no && std::filesystem::exists(target)) {
    return fail(ErrorCode::conflict, "file already exists: '" + target.string() + "'");
  }

  // The temporary file lives beside the target so that the final rename never crosses a
  // file system, which is what makes it atomic.
  std::string temp_name = target.string() + ".tmp.XXXXXX";
  UniqueFd fd(::mkostemp(temp_name.data(), O_CLOEXEC));
  if (!fd.valid()) return io_failure("cannot create temporary file for", target);
  const std::filesystem::path temp_path(temp_name);
  TempFileGuard guard(temp_path);
  ::fchmod(fd.get(), 0644);

  FdWriter writer(fd.get(), target);
  if (auto filled = fill(writer); !filled) return filled;
  // Durability: the data must be on disk before the rename makes it visible, or a crash could
  // leave a complete-looking name over empty blocks.
  if (::fsync(fd.get()) != 0) return io_failure("cannot sync", target);
  if (!close_checked(fd)) return io_failure("cannot close", target);

  if (auto published = publish(temp_path, target, overwrite); !published) return published;
  guard.commit();
  return sync_directory(target.parent_path());
}

Status write_file_atomically(const std::filesystem::path& target, std::span<const std::byte> data,
                             Overwrite overwrite) {
  return write_file_atomically(
      target, [data](AtomicWriter& writer) { return writer.write(data); }, overwrite);
}

Status copy_file_atomically(const std::filesystem::path& source,
                            const std::filesystem::path& target, Overwrite overwrite) {
  UniqueFd in(::open(source.c_str(), O_RDONLY | O_CLOEXEC));
  if (!in.valid()) {
    if (errno == ENOENT)
      return fail(ErrorCode::not_found, "no such file: '" + source.string() + "'");
    return io_failure("cannot open", source);
  }
  const auto copy = [&](AtomicWriter& writer) -> Status {
    std::array<std::byte, 64 * 1024> buffer{};
    while (true) {
      const ssize_t count = ::read(in.get(), buffer.data(), buffer.size());
      if (count < 0 && errno == EINTR) continue;
      if (count < 0) return io_failure("cannot read", source);
      if (count == 0) return {};
      auto written = writer.write(std::span(buffer.data(), static_cast<std::size_t>(count)));
      if (!written) return written;
    }
  };
  return write_file_atomically(target, copy, overwrite);
}

Status move_file(const std::filesystem::path& from, const std::filesystem::path& to,
                 Overwrite overwrite) {
  const unsigned int flags = overwrite == Overwrite::no ? RENAME_NOREPLACE : 0;
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), flags) == 0) {
    return sync_directory(to.parent_path());
  }
  const int error_number = errno;
  if (error_number == ENOENT && !std::filesystem::exists(from)) {
    return fail(ErrorCode::not_found, "no such file: '" + from.string() + "'");
  }
  if (error_number == EEXIST) {
    return fail(ErrorCode::conflict, "file already exists: '" + to.string() + "'");
  }
  if (error_number == EXDEV) {
    if (auto copied = copy_file_atomically(from, to, overwrite); !copied) return copied;
    if (::unlink(from.c_str()) != 0) return io_failure("cannot remove", from);
    return {};
  }
  if (error_number == EINVAL && flags != 0 && !std::filesystem::exists(to)) {
    // A file system without RENAME_NOREPLACE: the check above and a plain rename are the best
    // it allows.
    if (::rename(from.c_str(), to.c_str()) == 0) return sync_directory(to.parent_path());
  }
  return fail(ErrorCode::io,
              describe_errno("cannot move '" + from.string() + "' to", to, error_number));
}

}  // namespace quire::util
